/**
 * Typed errors with a closed set of kinds. Services throw them; the HTTP layer turns them into a
 * status and a localized message in one place (platform/http/errors.ts).
 * `code` is stable for API clients; `messageKey` names the catalogue message shown to people.
 */
export type ErrorKind = "invalid" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "too_large";

/** Field errors: the catalogue key (and its parameters) for each invalid field. */
export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldErrors = {},
  ) {
    super(code);
  }
}

/** 400: the input is wrong. */
export function invalid(code: string, messageKey: string, fields: FieldErrors = {}, params: Record<string, string | number> = {}): AppError {
  return new AppError("invalid", code, messageKey, params, fields);
}

/** 401: sign in first. */
export function unauthorized(): AppError {
  return new AppError("unauthorized", "unauthorized", "errors.unauthorized");
}

/** 403: signed in, but not allowed. */
export function forbidden(code = "forbidden", messageKey = "errors.forbidden"): AppError {
  return new AppError("forbidden", code, messageKey);
}

/** 404. */
export function notFound(code = "not_found", messageKey = "errors.notFound"): AppError {
  return new AppError("not_found", code, messageKey);
}

/** 409: the request clashes with the current state. */
export function conflict(code: string, messageKey: string, params: Record<string, string | number> = {}): AppError {
  return new AppError("conflict", code, messageKey, params);
}

/** 429. */
export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError("rate_limited", "rate_limited", "errors.rateLimited", { seconds: retryAfterSeconds });
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
};
