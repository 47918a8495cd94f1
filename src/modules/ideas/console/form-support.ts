/** What the ideas console's form routes share: the submitted text, its field errors, and who is acting. */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/permissions.ts";
import { AppError, unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import { fieldErrorsFromAjv } from "../../../platform/http/validation.ts";
import type { StaffAct } from "./admin.ts";

/** The text fields of a form body, to show them again next to their errors. */
export function formValues(body: unknown): Record<string, string | undefined> {
  if (!body || typeof body !== "object" || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === "string" ? value : undefined]));
}

/** Field errors of an invalid form body (routes with attachValidation); an invalid address or query is a plain 400. */
export function bodyErrors(request: FastifyRequest): FieldErrors {
  const error = request.validationError;
  if (!error) return {};
  if (error.validationContext !== "body") throw error;
  return fieldErrorsFromAjv(error.validation ?? []);
}

/** The field errors of a service's "invalid input" error; any other error is thrown on. */
export function serviceFieldErrors(error: unknown): FieldErrors {
  if (error instanceof AppError && error.kind === "invalid" && Object.keys(error.fields).length > 0) return error.fields;
  throw error;
}

/** The signed-in staff member (the route's access rule has already let them in). */
export function staffActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** The signed-in staff member and their address, for the audit log. */
export function staffAct(request: FastifyRequest): StaffAct {
  return { actorId: staffActor(request).id, ip: request.ip };
}

/** Field errors renamed for a page with one form per item: `note` of idea 7 becomes `note-7`. */
export function scopedErrors(errors: FieldErrors, suffix: string | number): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, error]) => [`${field}-${suffix}`, error]));
}

/** The queue page a form was sent from (its hidden `page` field), or 1 when it is missing or not a page number. */
export function formPage(values: Record<string, string | undefined>): number {
  return /^[1-9][0-9]{0,4}$/.test(values.page ?? "") ? Number(values.page) : 1;
}
