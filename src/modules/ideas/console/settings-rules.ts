/**
 * What makes ideas settings sensible beyond their schema: at least one milestone, targets that
 * strictly grow, windows and trust bar within reason, distinct review cut-offs, a real time zone.
 * Errors are keyed by the setting's path (`milestones.steps.1.target`), which the form uses as field ids.
 */
import type { Static } from "typebox";
import { Value } from "typebox/value";
import type { FieldErrors } from "../../../platform/errors.ts";
import { fieldErrorsFromAjv } from "../../../platform/http/validation.ts";
import { IdeasSettingsSchema } from "../settings.ts";

export type IdeasSettings = Static<typeof IdeasSettingsSchema>;

/** The longest milestone window: ten years in either unit. */
export const MAX_WINDOW = { days: 3650, months: 120 } as const;
/** The longest wait the trust bar may impose: a year. */
export const MAX_ACCOUNT_AGE_HOURS = 8760;

/** The canonical name of an IANA time zone (`asia/tehran` → `Asia/Tehran`), or null when Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function ruleErrors(value: IdeasSettings): FieldErrors {
  const errors: FieldErrors = {};
  const { steps } = value.milestones;
  if (steps.length === 0) errors["milestones.steps"] = { key: "ideasConsole.settings.errors.noSteps" };
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (previous && step.target <= previous.target) {
      errors[`milestones.steps.${index}.target`] = { key: "ideasConsole.settings.errors.increasing", params: { previous: previous.target } };
    }
    const max = MAX_WINDOW[step.unit];
    if (step.window > max) errors[`milestones.steps.${index}.window`] = { key: "errors.field.maximum", params: { limit: max } };
  });
  const { cutoffs, timeZone } = value.review;
  if (cutoffs.length === 0) errors["review.cutoffs"] = { key: "ideasConsole.settings.errors.noCutoffs" };
  cutoffs.forEach((cutoff, index) => {
    if (cutoffs.findIndex((other) => other.month === cutoff.month && other.day === cutoff.day) < index) {
      errors[`review.cutoffs.${index}.day`] = { key: "ideasConsole.settings.errors.duplicateCutoff" };
    }
  });
  if (canonicalTimeZone(timeZone) !== timeZone) errors["review.timeZone"] = { key: "ideasConsole.settings.errors.timeZone" };
  if (value.trustBar.minAccountAgeHours > MAX_ACCOUNT_AGE_HOURS) {
    errors["trustBar.minAccountAgeHours"] = { key: "errors.field.maximum", params: { limit: MAX_ACCOUNT_AGE_HOURS } };
  }
  return errors;
}

/** Every problem of an ideas settings value: the site's rules first, then the schema's. Empty when it may be saved. */
export function settingsProblems(value: IdeasSettings): FieldErrors {
  const errors = ruleErrors(value);
  for (const [field, error] of Object.entries(fieldErrorsFromAjv(Value.Errors(IdeasSettingsSchema, value)))) errors[field] ??= error;
  return errors;
}
