/** /search: results with highlighted words (escaped text in <mark>, never HTML from the index) and filters. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { PageQuery, pageHref } from "../../platform/console/paging.ts";
import { isLocale, LOCALES } from "../../platform/i18n/index.ts";
import { Button, EmptyState, Form, PageHeader, Pagination, Time } from "../../platform/web/components.tsx";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { usePage } from "../../platform/web/page-context.ts";
import { sendPage } from "../../platform/web/render.tsx";
import { SEARCH_TYPES, type SearchType } from "./index.ts";
import type { SnippetPart } from "./rules.ts";
import { searchDocuments, type SearchHit } from "./store.ts";

addSiteNav({ href: "/search", labelKey: "search.nav", order: 900 });

const PAGE_SIZE = 20;
const PageSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(Type.Enum(["", ...SEARCH_TYPES])),
  language: Type.Optional(Type.Enum(["", ...LOCALES])),
  answered: Type.Optional(Type.Enum(["", "yes", "no"])),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(PageQuery),
});

interface SearchState {
  q: string;
  type: string;
  language: string;
  answered: string;
  tag: string;
}

function Highlighted(props: { parts: SnippetPart[] }) {
  return <>{props.parts.map((part) => (part.hit ? <mark>{part.text}</mark> : part.text))}</>;
}

function Choice(props: { name: string; label: string; value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <select id={`field-${props.name}`} name={props.name}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function SearchPage(props: { state: SearchState; hits: SearchHit[]; page: number; hasNext: boolean }) {
  const { t } = usePage();
  const { state } = props;
  const any = { value: "", label: t("search.any") };
  return (
    <>
      <PageHeader title={t("search.title")} />
      <Form action="/search" method="get" class="form search-form" aria-label={t("search.title")}>
        <div class="field search-box">
          <label for="field-q">{t("search.query")}</label>
          <input type="search" id="field-q" name="q" value={state.q} dir="auto" maxLength={200} autocomplete="off" aria-controls="search-suggestions" />
          <ul id="search-suggestions" class="search-suggestions" aria-live="polite" hidden></ul>
        </div>
        <div class="form--inline">
          <Choice name="type" label={t("search.type")} value={state.type} options={[any, ...SEARCH_TYPES.map((type) => ({ value: type, label: t(`search.types.${type}`) }))]} />
          <Choice name="language" label={t("search.language")} value={state.language} options={[any, ...LOCALES.map((code) => ({ value: code, label: new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code }))]} />
          <Choice name="answered" label={t("search.answered")} value={state.answered} options={[any, { value: "yes", label: t("search.answeredYes") }, { value: "no", label: t("search.answeredNo") }]} />
          {state.tag === "" ? null : <input type="hidden" name="tag" value={state.tag} />}
          <Button>{t("search.submit")}</Button>
        </div>
      </Form>
      {state.q.trim() === "" ? null : props.hits.length === 0 ? (
        <EmptyState title={t("search.none", { q: state.q })} />
      ) : (
        <ol class="search-results" aria-label={t("search.results")}>
          {props.hits.map((hit) => (
            <li class="search-result" lang={hit.language}>
              <p class="muted">
                {t(`search.types.${hit.type}`)} · <Time date={hit.updatedAt} />
              </p>
              <h2 class="search-result__title" dir="auto">
                <a href={hit.url}>
                  <Highlighted parts={hit.titleParts} />
                </a>
              </h2>
              <p dir="auto">
                <Highlighted parts={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => pageHref("/search", { ...state }, page)} />
    </>
  );
}

export async function searchPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/search", { config: { anonymousCache: true }, schema: { querystring: PageSearchQuery } }, async (request, reply) => {
    const query = request.query;
    const state: SearchState = { q: query.q ?? "", type: query.type ?? "", language: query.language ?? "", answered: query.answered ?? "", tag: query.tag ?? "" };
    const page = query.page ?? 1;
    const result = await searchDocuments(db, {
      q: state.q,
      type: state.type === "" ? undefined : (state.type as SearchType),
      language: isLocale(state.language) ? state.language : undefined,
      answered: state.answered === "" ? undefined : state.answered === "yes",
      tag: state.tag === "" ? undefined : state.tag,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return sendPage(request, reply, <SearchPage state={state} hits={result.hits} page={page} hasNext={result.hasNext} />, {
      title: state.q === "" ? request.t("search.title") : request.t("search.titleFor", { q: state.q }),
      head: (
        <>
          <link rel="stylesheet" href="/qa-assets/qa.css" />
          <script src="/qa-assets/search-suggest.js" defer />
        </>
      ),
    });
  });
}
