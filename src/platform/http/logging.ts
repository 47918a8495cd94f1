/** What request logs may contain: no credentials in headers or bodies, no emailed tokens in addresses. */
import type { FastifyRequest, FastifyServerOptions } from "fastify";
import pino from "pino";

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

/**
 * Standard output written in the background, in blocks of at least 4 KB and at least once a second,
 * rather than one system call per line (a line per request adds up); pino writes what is still
 * buffered when the process exits.
 */
function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1000).unref();
  return destination;
}

/** The production logger settings: JSON lines at `level`, secrets redacted; `stream` captures them (tests). */
export function loggerOptions(level: string, stream?: pino.DestinationStream): FastifyServerOptions["logger"] {
  return { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, serializers: { req: serializeRequest }, stream: stream ?? bufferedStdout() };
}
