/** Reading HTML form bodies in community routes: text fields (trimmed to a bound) and repeated fields. */
import type { FastifyRequest } from "fastify";
import { fieldErrorsOf, validationErrors } from "../../../platform/auth/route-helpers.ts";
import { unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import type { Actor } from "../../../platform/auth/permissions.ts";
import { LOCALES } from "../../../platform/i18n/index.ts";
import type { Language } from "./tables.ts";

/** A text field of a body that may have failed validation, cut to `max` for showing the form again. */
export function fieldText(body: unknown, name: string, max = 20_000): string {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** Every value of a field that may repeat (checkboxes), as text. */
export function fieldList(body: unknown, name: string): string[] {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return [value].flat().filter((item): item is string => typeof item === "string");
}

/** The non-empty files of a multipart field. */
export function fieldFiles(body: unknown, name: string): Buffer[] {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return [value].flat().filter((item): item is Buffer => Buffer.isBuffer(item) && item.length > 0);
}

/** An id typed in a form (Persian and Arabic-Indic digits too), or null. */
export function formId(text: string): number | null {
  const digits = text.trim().replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (!/^[0-9]{1,15}$/.test(digits)) return null;
  const id = Number(digits);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function languageOf(text: string, fallback: string): Language {
  return LOCALES.find((code) => code === text) ?? LOCALES.find((code) => code === fallback) ?? "en";
}

export function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** Schema errors of a form, or null. */
export function schemaErrors(request: FastifyRequest): FieldErrors | null {
  const errors = validationErrors(request);
  return errors && Object.keys(errors).length > 0 ? errors : null;
}

/** Runs a service call; a field error comes back as the fields to show in the form, anything else is rethrown. */
export async function withFieldErrors<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const fields = fieldErrorsOf(error);
    if (!fields) throw error;
    return { ok: false, errors: fields };
  }
}
