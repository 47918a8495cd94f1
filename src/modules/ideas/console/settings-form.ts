/**
 * The ideas settings form: its body schema, and the conversions between a settings value, the
 * text the form shows, and what a submitted form means. Milestone steps and review cut-offs are
 * rows of repeated fields; a row left blank is dropped, which is how a row is removed.
 */
import { Type, type TSchema } from "typebox";
import { Text } from "../../../platform/console/schemas.ts";
import type { FieldErrors } from "../../../platform/errors.ts";
import { LOCALES, type Locale } from "../../../platform/i18n/index.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import { canonicalTimeZone, type IdeasSettings } from "./settings-rules.ts";

/** One field of a row: a single value, or a list when the form has several rows. */
function rows(maxLength: number): TSchema {
  return Type.Optional(Type.Union([Text({ maxLength }), Type.Array(Text({ maxLength }), { maxItems: 20 })]));
}

const localized = (name: string) => Object.fromEntries(LOCALES.map((locale) => [`${name}.${locale}`, Text({ maxLength: 20_000 })]));

export const SettingsBody = Type.Object(
  {
    "steps.target": rows(12),
    "steps.window": rows(12),
    "steps.unit": rows(10),
    "cutoffs.month": rows(4),
    "cutoffs.day": rows(4),
    "review.timeZone": Text({ maxLength: 100 }),
    "trustBar.minAccountAgeHours": Text({ maxLength: 12 }),
    "trustBar.requireVerifiedEmail": Type.Optional(Type.Literal("on")),
    ...localized("guidelines"),
    ...localized("licence"),
  },
  { additionalProperties: false },
);

export interface SettingsFormValues {
  steps: Array<{ target: string; window: string; unit: string }>;
  cutoffs: Array<{ month: string; day: string }>;
  timeZone: string;
  minAccountAgeHours: string;
  requireVerifiedEmail: boolean;
  guidelines: Record<Locale, string>;
  licence: Record<Locale, string>;
}

/** The form's text for a stored settings value. */
export function valuesFromSettings(settings: IdeasSettings): SettingsFormValues {
  return {
    steps: settings.milestones.steps.map((step) => ({ target: String(step.target), window: String(step.window), unit: step.unit })),
    cutoffs: settings.review.cutoffs.map((cutoff) => ({ month: String(cutoff.month), day: String(cutoff.day) })),
    timeZone: settings.review.timeZone,
    minAccountAgeHours: String(settings.trustBar.minAccountAgeHours),
    requireVerifiedEmail: settings.trustBar.requireVerifiedEmail,
    guidelines: { ...settings.guidelines },
    licence: { ...settings.licence },
  };
}

function list(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The form's text as submitted (whatever its shape), with blank rows dropped. */
export function valuesFromBody(body: unknown): SettingsFormValues {
  const fields: Record<string, unknown> = body && typeof body === "object" && !Array.isArray(body) ? { ...body } : {};
  const targets = list(fields["steps.target"]);
  const windows = list(fields["steps.window"]);
  const units = list(fields["steps.unit"]);
  const months = list(fields["cutoffs.month"]);
  const days = list(fields["cutoffs.day"]);
  const perLocale = (name: string) => Object.fromEntries(LOCALES.map((locale) => [locale, text(fields[`${name}.${locale}`]).trim()])) as Record<Locale, string>;
  return {
    steps: targets
      .map((target, index) => ({ target: target.trim(), window: (windows[index] ?? "").trim(), unit: units[index] ?? "days" }))
      .filter((step) => step.target !== "" || step.window !== ""),
    cutoffs: months.map((month, index) => ({ month: month.trim(), day: (days[index] ?? "").trim() })).filter((cutoff) => cutoff.month !== "" || cutoff.day !== ""),
    timeZone: text(fields["review.timeZone"]).trim(),
    minAccountAgeHours: text(fields["trustBar.minAccountAgeHours"]).trim(),
    requireVerifiedEmail: fields["trustBar.requireVerifiedEmail"] === "on",
    guidelines: perLocale("guidelines"),
    licence: perLocale("licence"),
  };
}

/**
 * The settings value the form's text means, and the fields that could not be read (not a whole
 * number, an unknown unit). Persian and Arabic-Indic digits are read as digits. The value is
 * complete even when there are errors, so the site's rules can still be checked on the rest.
 */
export function settingsFromValues(values: SettingsFormValues): { value: IdeasSettings; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const whole = (field: string, raw: string): number => {
    const digits = normalizeText(raw);
    if (/^\d{1,9}$/.test(digits)) return Number(digits);
    errors[field] = raw === "" ? { key: "errors.field.required" } : { key: "ideasConsole.settings.errors.wholeNumber" };
    return 0;
  };
  const steps = values.steps.map((step, index) => {
    const unit = step.unit === "months" ? "months" : "days";
    if (step.unit !== unit) errors[`milestones.steps.${index}.unit`] = { key: "errors.field.enum" };
    return { target: whole(`milestones.steps.${index}.target`, step.target), window: whole(`milestones.steps.${index}.window`, step.window), unit } as const;
  });
  const cutoffs = values.cutoffs.map((cutoff, index) => ({ month: whole(`review.cutoffs.${index}.month`, cutoff.month), day: whole(`review.cutoffs.${index}.day`, cutoff.day) }));
  const value: IdeasSettings = {
    milestones: { steps },
    review: { cutoffs, timeZone: canonicalTimeZone(values.timeZone) ?? values.timeZone },
    trustBar: { minAccountAgeHours: whole("trustBar.minAccountAgeHours", values.minAccountAgeHours), requireVerifiedEmail: values.requireVerifiedEmail },
    guidelines: values.guidelines,
    licence: values.licence,
  };
  return { value, errors };
}
