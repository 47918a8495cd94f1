/** View pieces every community page shares: the stylesheet, member markdown, stars, selects, checkboxes. */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { LOCALES } from "../../../../platform/i18n/index.ts";
import { renderMarkdown } from "../../../../platform/markdown/index.ts";
import { fieldControl, FieldShell } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";

export const STYLESHEET_PATH = "/community/community.css";

/** The community stylesheet, after the design system's. */
export function CommunityStylesheet() {
  return <link rel="stylesheet" href={STYLESHEET_PATH} />;
}

/** Member-written markdown, sanitised by renderMarkdown: the only HTML inserted unescaped. */
export function Markdown(props: { source: string; lang?: string | undefined }) {
  return <div class="markdown" lang={props.lang} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

/**
 * A star rating, drawn by the stylesheet (half-star steps, no font glyphs needed) and read aloud as
 * "4 out of 5 stars".
 */
export function Stars(props: { value: number }) {
  const { t, formatNumber } = usePage();
  const halves = Math.max(0, Math.min(10, Math.round(props.value * 2)));
  return (
    <span class="stars" role="img" aria-label={t("community.reviews.starsLabel", { stars: formatNumber(props.value, { maximumFractionDigits: 2 }) })}>
      <span class={`stars__fill stars__fill--${halves}`} />
    </span>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

/** A checkbox with its label after it. */
export function Checkbox(props: { name: string; label: string; checked: boolean; value?: string }) {
  return (
    <div class="field field--checkbox">
      <input type="checkbox" id={`field-${props.name}`} name={props.name} value={props.value ?? "on"} checked={props.checked} />
      <label for={`field-${props.name}`}>{props.label}</label>
    </div>
  );
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English", fa: "فارسی", he: "עברית" };

/** The languages content can be written in, each named in itself. */
export function languageOptions(): Option[] {
  return LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] ?? code, lang: code }));
}

/** A file picker with its inline error. */
export function FileField(props: { name: string; label: string; accept: string; multiple?: boolean; hint?: string; errors?: FieldErrors | undefined }) {
  const frame = { field: props.name, label: props.label, hint: props.hint, errors: props.errors };
  return (
    <FieldShell {...frame}>
      <input {...fieldControl(frame, props.name)} type="file" accept={props.accept} multiple={props.multiple} />
    </FieldShell>
  );
}

/** A product's name in the reader's language, or its first. */
export function productName(names: Record<string, string>, locale: string): string {
  return names[locale] || names.en || Object.values(names)[0] || "";
}
