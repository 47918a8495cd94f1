/** Helpers shared by the account routes: form errors and values, the flow context, session-only pages. */
import type { FastifyRequest } from "fastify";
import { AppError, forbidden, type FieldErrors } from "../errors.ts";
import { fieldErrorsFromAjv } from "../http/validation.ts";
import { isLocale, type Locale } from "../i18n/index.ts";
import type { FlowContext } from "./service.ts";

/** The request's schema errors by field (routes with `attachValidation`), or null when it is valid. */
export function validationErrors(request: FastifyRequest): FieldErrors | null {
  const error = request.validationError;
  if (!error) return null;
  const fields = fieldErrorsFromAjv(error.validation ?? [], error.validationContext);
  // An empty field is "required" to the person filling the form, not "at least 1 character".
  for (const [name, field] of Object.entries(fields)) {
    if (field.key === "errors.field.minLength" && field.params?.limit === 1) fields[name] = { key: "errors.field.required" };
  }
  return fields;
}

/** A text field of a body that may not have passed validation, for showing the form again. */
export function textOf(body: unknown, name: string): string {
  if (!body || typeof body !== "object") return "";
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value.slice(0, 500) : "";
}

/** The field errors of a thrown validation error, or null for any other error (to rethrow). */
export function fieldErrorsOf(error: unknown): FieldErrors | null {
  return error instanceof AppError && error.kind === "invalid" && Object.keys(error.fields).length > 0 ? error.fields : null;
}

/** A language picked in a form: one of ours, or null for "follow my browser". */
export function chosenLocale(value: string | undefined): Locale | null {
  return isLocale(value) ? value : null;
}

/** What the account flows need from the request: links' base, the reader's language, the caller's address. */
export function flowContext(request: FastifyRequest): FlowContext {
  return { baseUrl: request.server.hearth.config.baseUrl, locale: request.locale, ip: request.ip };
}

/**
 * Route hook for pages that manage the account itself (password, sessions, tokens): a browser
 * session only, so an API token cannot be used to mint more tokens or change the password.
 */
export async function requireBrowserSession(request: FastifyRequest): Promise<void> {
  if (request.authMethod !== "session") throw forbidden();
}
