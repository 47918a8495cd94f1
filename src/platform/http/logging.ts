/** What request logs may contain: no credentials in headers or bodies, no emailed tokens in addresses. */
import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** Fields whose values must never reach the logs. */
const REDACTED_PATHS = ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]', "password", "*.password", "token", "*.token"];

/** The address with the values of secret-bearing query parameters (emailed and unsubscribe tokens) hidden. */
export function withoutSecrets(url: string): string {
  return url.replace(/([?&](?:token|t|code)=)[^&#]*/gi, "$1[redacted]");
}

/** The request as it is logged: method, address without secrets, host and client address. */
export function serializeRequest(request: FastifyRequest): Record<string, string> {
  return { method: request.method, url: withoutSecrets(request.url), host: request.host, remoteAddress: request.ip };
}

/** The production logger settings: JSON lines at `level`, secrets redacted; `stream` captures them (tests). */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, serializers: { req: serializeRequest }, ...(stream ? { stream } : {}) };
}
