/** The spotlight's rules as pure functions: a write-up in at least one language, a period that makes sense, which text a reader sees. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../../platform/i18n/index.ts";

export type Writeups = Partial<Record<Locale, string>>;
export const SUBJECT_TYPES = ["member", "creation"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const WRITEUP_MAX = 5000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date from a form (YYYY-MM-DD) as the start of that day in UTC, or null when it is no real date. */
export function parseDay(text: string): Date | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text.trim() ? date : null;
}

export interface SpotlightForm {
  subjectType: SubjectType;
  subjectId: string;
  writeups: Record<Locale, string>;
  starts: string;
  ends: string;
}

export interface SpotlightInput {
  subjectType: SubjectType;
  subjectId: number;
  writeups: Writeups;
  startsAt: Date;
  endsAt: Date | null;
}

/** The spotlight from its form, or the field errors: a subject number, a write-up in some language, a start, an end after it. */
export function spotlightInputOf(form: SpotlightForm): { input: SpotlightInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const subjectId = Number(form.subjectId.trim());
  if (!/^\d{1,15}$/.test(form.subjectId.trim()) || subjectId < 1) errors.subjectId = { key: "spotlight.errors.subjectId" };
  const writeups: Writeups = {};
  for (const locale of LOCALES) {
    const text = form.writeups[locale].trim();
    if (text) writeups[locale] = text;
  }
  if (Object.keys(writeups).length === 0) errors[`writeup_${DEFAULT_LOCALE}`] = { key: "spotlight.errors.writeupRequired" };
  const startsAt = parseDay(form.starts);
  if (!startsAt) errors.starts = { key: "spotlight.errors.date" };
  const endsAt = form.ends.trim() ? parseDay(form.ends) : null;
  if (form.ends.trim() && !endsAt) errors.ends = { key: "spotlight.errors.date" };
  else if (startsAt && endsAt && endsAt <= startsAt) errors.ends = { key: "spotlight.errors.endBeforeStart" };
  if (Object.keys(errors).length > 0 || !startsAt) return { errors };
  return { input: { subjectType: form.subjectType, subjectId, writeups, startsAt, endsAt } };
}

/** The write-up in the reader's language, else in the first language it was written in. */
export function writeupFor(writeups: Writeups, locale: Locale): { text: string; lang: Locale } | null {
  for (const candidate of [locale, DEFAULT_LOCALE, ...LOCALES]) {
    const text = writeups[candidate];
    if (text) return { text, lang: candidate };
  }
  return null;
}

/** Where a spotlight stands at `now`. */
export function spotlightState(spotlight: { starts_at: Date; ends_at: Date | null }, now: Date): "upcoming" | "current" | "past" {
  if (new Date(spotlight.starts_at) > now) return "upcoming";
  return spotlight.ends_at !== null && new Date(spotlight.ends_at) <= now ? "past" : "current";
}
