/** Small pieces the Q&A pages share: member markdown, a labelled select, tags, the stylesheet. */
import { renderMarkdown } from "../../../../platform/markdown/index.ts";
import { usePage } from "../../../../platform/web/page-context.ts";

/** Member-written markdown, through the allow-list sanitiser. */
export function Markdown(props: { source: string; lang?: string }) {
  return <div class="markdown" lang={props.lang} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

export function QaStylesheet() {
  return <link rel="stylesheet" href="/qa-assets/qa.css" />;
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
