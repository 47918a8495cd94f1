/**
 * Message catalogues (ICU MessageFormat) for en, fa and he, negotiation of the request's locale,
 * and locale-aware formatting of numbers and dates (the Persian calendar for fa).
 *
 * Catalogues live in `locales/<locale>/<namespace>.json`; a key is `<namespace>.<path>`, so each
 * module owns its own file and no two modules edit the same one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { IntlMessageFormat } from "intl-messageformat";

export const LOCALES = ["en", "fa", "he"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALES_DIR = join(PROJECT_ROOT, "locales");

const RTL: ReadonlySet<Locale> = new Set(["fa", "he"]);
/** BCP 47 tags for Intl: Persian with its own calendar and digits, Hebrew with Israeli conventions. */
const INTL_TAG: Record<Locale, string> = { en: "en-GB", fa: "fa-IR-u-ca-persian-nu-arabext", he: "he-IL" };

export type Params = Record<string, string | number | Date>;

type Catalogue = Map<string, string>;

function flatten(prefix: string, value: unknown, into: Catalogue): void {
  if (typeof value === "string") {
    into.set(prefix, value);
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, into);
  }
}

/** Reads every namespace file of one locale into a flat key → message map. */
export function loadCatalogue(locale: Locale, dir = LOCALES_DIR): Catalogue {
  const catalogue: Catalogue = new Map();
  for (const file of readdirSync(join(dir, locale)).filter((name) => name.endsWith(".json")).sort()) {
    const namespace = file.slice(0, -".json".length);
    flatten(namespace, JSON.parse(readFileSync(join(dir, locale, file), "utf8")), catalogue);
  }
  return catalogue;
}

const catalogues = new Map<Locale, Catalogue>(LOCALES.map((locale) => [locale, loadCatalogue(locale)]));
const compiled = new Map<string, IntlMessageFormat>();

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** True when the catalogue has the key in the given locale. */
export function hasMessage(locale: Locale, key: string): boolean {
  return catalogues.get(locale)?.has(key) ?? false;
}

/**
 * The message for key in locale, formatted with params. A key missing in fa/he falls back to English;
 * a key missing everywhere is returned as is, so a mistake shows on the page instead of crashing it.
 */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const source = catalogues.get(locale)?.get(key) ?? catalogues.get(DEFAULT_LOCALE)?.get(key);
  if (source === undefined) return key;
  const cacheKey = `${locale}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, INTL_TAG[locale]);
    compiled.set(cacheKey, format);
  }
  return String(format.format(params));
}

export type Translate = (key: string, params?: Params) => string;

const translators = new Map<Locale, Translate>(LOCALES.map((locale) => [locale, (key, params) => translate(locale, key, params)]));

/** The translate function bound to one locale. */
export function translator(locale: Locale): Translate {
  return translators.get(locale) ?? ((key, params) => translate(locale, key, params));
}

export function direction(locale: Locale): "rtl" | "ltr" {
  return RTL.has(locale) ? "rtl" : "ltr";
}

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
    if (base === "iw") return "he";
  }
  return undefined;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (and optionally time) in the locale's calendar and digits, in the given time zone. */
export function formatDate(locale: Locale, date: Date, options: { time?: boolean; timeZone?: string } = {}): string {
  const key = `${locale}|${options.time ? 1 : 0}|${options.timeZone ?? "UTC"}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAG[locale], {
      dateStyle: "medium",
      ...(options.time ? { timeStyle: "short" } : {}),
      timeZone: options.timeZone ?? "UTC",
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with the locale's digits and grouping. Formatters are built once per locale and options: building one costs far more than using it. */
export function formatNumber(locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_TAG[locale], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}
