/** Small pieces the ideas console pages share: an idea's linked title, its facts, the guidelines panel. */
import type { ComponentChildren } from "preact";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { usePage } from "../../../platform/web/page-context.ts";
import { languageName } from "../views/languages.ts";
import { localName, type Category } from "../views/model.ts";

/** An idea's title linking to its page, marked with the idea's own language. */
export function IdeaLink(props: { id: number; title: string; language: string }) {
  return (
    <a href={`/ideas/${props.id}`} lang={props.language} dir="auto">
      {props.title}
    </a>
  );
}

/** "#12", as staff refer to ideas and products. */
export function RecordNumber(props: { id: number }) {
  const { formatNumber } = usePage();
  return <span class="muted">#{formatNumber(props.id, { useGrouping: false })}</span>;
}

/** The creator's name, linking to their console page for staff who manage members. */
export function CreatorName(props: { id: number; name: string }) {
  const { can } = usePage();
  return can("accounts.manage") ? <a href={`/console/members/${props.id}`}>{props.name}</a> : <>{props.name}</>;
}

/** The category's name in the reader's language, or "none". */
export function CategoryName(props: { categories: Category[]; id: number | null }) {
  const { t, locale } = usePage();
  const category = props.categories.find((candidate) => candidate.id === props.id);
  return <>{category ? localName(category.names, locale, category.slug) : t("ideasConsole.common.noCategory")}</>;
}

/** The language an idea is written in, named in itself. */
export function LanguageName(props: { code: string }) {
  return <span lang={props.code}>{languageName(props.code)}</span>;
}

/** A term and its description in a facts list. */
export function Fact(props: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** Rendered markdown (sanitised by renderMarkdown), marked with the language it is written in. */
export function Markdown(props: { source: string; language?: string; class?: string }) {
  return <div class={props.class ?? "prose"} lang={props.language} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

/** The site's idea guidelines in the reader's language (the built-in ones when the site wrote none), for moderators to decide by. */
export function GuidelinesPanel(props: { guidelines: Record<string, string> }) {
  const { t, locale, can } = usePage();
  const own = (props.guidelines[locale] ?? "").trim();
  return (
    <section class="panel ideas-console-guidelines" aria-labelledby="guidelines-title">
      <h2 id="guidelines-title">{t("ideasConsole.moderation.guidelines")}</h2>
      <Markdown source={own || t("ideas.terms.defaultGuidelines")} language={locale} />
      {own ? null : <p class="muted">{t("ideasConsole.moderation.builtInGuidelines")}</p>}
      {can("ideas.settings") ? (
        <p>
          <a href="/console/ideas/settings#guidelines">{t("ideasConsole.moderation.editGuidelines")}</a>
        </p>
      ) : null}
    </section>
  );
}
