/** Small pieces the Q&A pages share: member markdown, a labelled select, tags, the stylesheet. */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { renderMarkdown } from "../../../../platform/markdown/index.ts";
import { usePage } from "../../../../platform/web/page-context.ts";

/** Member-written markdown, through the allow-list sanitiser. */
export function Markdown(props: { source: string; lang?: string }) {
  return <div class="markdown" lang={props.lang} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

export function QaStylesheet() {
  return <link rel="stylesheet" href="/qa-assets/qa.css" />;
}

/** A labelled select with its inline error. */
export function Select(props: { name: string; label: string; value: string; options: Array<{ value: string; label: string; lang?: string }>; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id}>{props.label}</label>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TagList(props: { tags: string[] }) {
  const { t } = usePage();
  if (props.tags.length === 0) return null;
  return (
    <ul class="qa-tags" aria-label={t("qa.fields.tags")}>
      {props.tags.map((tag) => (
        <li>
          <a href={`/questions?tag=${encodeURIComponent(tag)}`} class="qa-tag">
            {tag}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * A member's name inside a sentence in another direction ("asked by سارا احمدی · 26 Nov"): Unicode first-strong
 * isolates keep the name's direction from reordering the words around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Content languages named in themselves ("فارسی", "עברית"). */
export function languageName(code: string): string {
  return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
}
