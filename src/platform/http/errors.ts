/**
 * The one place that turns errors into HTTP answers: a JSON body
 * `{"error":{"code","message","fields"}}` for the API, a localized page for browsers.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, STATUS_BY_KIND, type FieldErrors } from "../errors.ts";
import { fieldErrorsFromAjv } from "./validation.ts";

/** Maps anything thrown during a request to an AppError, or null for an unexpected failure (500). */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    return new AppError("invalid", "validation_failed", "errors.validation", {}, fieldErrorsFromAjv(fastifyError.validation as never, fastifyError.validationContext));
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("too_large", "payload_too_large", "errors.payloadTooLarge");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("invalid", "unsupported_media_type", "errors.unsupportedMediaType");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("invalid", "invalid_json", "errors.invalidJson");
    default:
      break;
  }
  const status = fastifyError.statusCode;
  if (status === 429) return new AppError("rate_limited", "rate_limited", "errors.rateLimited", { seconds: 60 });
  if (status === 413) return new AppError("too_large", "payload_too_large", "errors.payloadTooLarge");
  if (status !== undefined && status >= 400 && status < 500) return new AppError("invalid", "bad_request", "errors.badRequest");
  return null;
}

/** True when the client wants JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith("/api/")) return true;
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

/** The API's error body. */
export function errorBody(request: FastifyRequest, error: AppError): { error: { code: string; message: string; fields?: Record<string, string> } } {
  const fields = localizeFields(request, error.fields);
  return {
    error: {
      code: error.code,
      message: request.t(error.messageKey, error.params),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
    },
  };
}

function localizeFields(request: FastifyRequest, fields: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, request.t(field.key, field.params)]));
}

/** Sends the status for the error kind, with Retry-After for rate limits. */
export function statusFor(reply: FastifyReply, error: AppError): number {
  const status = STATUS_BY_KIND[error.kind];
  if (error.kind === "rate_limited") reply.header("retry-after", String(error.params.seconds ?? 60));
  return status;
}
