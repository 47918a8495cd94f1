/**
 * Categories and display statuses: two lists a site defines for its ideas. Each entry (a term) has
 * a slug, a name in every language and a place in the order; a status also has a tone (its colour).
 * This file holds their form schemas and the pure checks of a submitted form.
 */
import { Type, type TObject } from "typebox";
import { Text } from "../../../platform/console/schemas.ts";
import type { FieldErrors } from "../../../platform/errors.ts";
import { LOCALES, type Locale } from "../../../platform/i18n/index.ts";

export const TAXONOMIES = ["categories", "statuses"] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

export const TONES = ["neutral", "info", "success", "warning", "danger"] as const;
export type Tone = (typeof TONES)[number];

export interface TermInput {
  slug: string;
  names: Record<Locale, string>;
  position: number;
  /** Statuses only; categories have no tone. */
  tone: Tone;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const POSITION = /^\d{1,6}$/;

const termFields = {
  slug: Text({ maxLength: 60 }),
  position: Text({ maxLength: 12 }),
  ...Object.fromEntries(LOCALES.map((locale) => [`names.${locale}`, Text({ maxLength: 80 })])),
};

/** The body of the category form. */
export const CategoryBody: TObject = Type.Object(termFields, { additionalProperties: false });

/** The body of the status form: a category's fields and a tone. */
export const StatusBody: TObject = Type.Object({ ...termFields, tone: Type.Union(TONES.map((tone) => Type.Literal(tone))) }, { additionalProperties: false });

/** The body of the delete form: what the ideas that use the term get instead ("" for nothing). */
export const DeleteTermBody = Type.Object({ replacement: Type.String({ pattern: "^(|[1-9][0-9]{0,14})$" }) }, { additionalProperties: false });

/** A term from a submitted form (already shaped by the schema), or the errors to show beside its fields. */
export function termFromForm(values: Record<string, string | undefined>): { input: TermInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const slug = (values.slug ?? "").trim().toLowerCase();
  if (slug === "") errors.slug = { key: "errors.field.required" };
  else if (!SLUG.test(slug)) errors.slug = { key: "ideasConsole.taxonomy.errors.slug" };
  const names = Object.fromEntries(LOCALES.map((locale) => [locale, (values[`names.${locale}`] ?? "").trim()])) as Record<Locale, string>;
  for (const locale of LOCALES) {
    if (names[locale] === "") errors[`names.${locale}`] = { key: "errors.field.required" };
  }
  const position = (values.position ?? "").trim();
  if (!POSITION.test(position)) errors.position = { key: "ideasConsole.taxonomy.errors.position" };
  const tone = TONES.find((candidate) => candidate === values.tone) ?? "neutral";
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { slug, names, position: Number(position), tone }, errors };
}
