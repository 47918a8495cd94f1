/** /ideas: every public idea, sorted by the chosen tab and narrowed by a filter form (a GET form, no script needed). */
import { FilterTabs } from "../../../platform/console/filter-tabs.tsx";
import { pageHref } from "../../../platform/console/paging.ts";
import { LOCALES } from "../../../platform/i18n/index.ts";
import { Button, EmptyState, Form, LinkButton, PageHeader, Pagination } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { SORTS, type IdeaSort } from "../store.ts";
import { SelectField } from "./fields.tsx";
import { IdeaGrid } from "./idea-card.tsx";
import { languageName } from "./languages.ts";
import { localName, type Category, type IdeaView } from "./model.ts";

/** States a visitor can filter by: the public ones. */
export const FILTER_STATES = ["open", "expired", "in_review", "on_hold", "approved", "not_approved"] as const;

export interface ListFilters {
  sort: IdeaSort;
  category: string;
  language: string;
  state: string;
}

/** The list's address with the given filters and page (empty filters and the default sort left out). */
export function listHref(filters: ListFilters, page = 1): string {
  return pageHref("/ideas", { sort: filters.sort === "trending" ? undefined : filters.sort, category: filters.category, language: filters.language, state: filters.state }, page);
}

function Filters(props: { filters: ListFilters; categories: Category[] }) {
  const { t, locale } = usePage();
  const { filters } = props;
  const any = { value: "", label: t("ideas.filters.any") };
  return (
    <Form action="/ideas" method="get" class="form form--inline idea-filters" aria-label={t("ideas.filters.label")}>
      {filters.sort === "trending" ? null : <input type="hidden" name="sort" value={filters.sort} />}
      <SelectField
        name="category"
        label={t("ideas.fields.category")}
        value={filters.category}
        options={[any, ...props.categories.map((category) => ({ value: String(category.id), label: localName(category.names, locale, category.slug) }))]}
      />
      <SelectField name="language" label={t("ideas.fields.language")} value={filters.language} options={[any, ...LOCALES.map((code) => ({ value: code, label: languageName(code), lang: code }))]} />
      <SelectField name="state" label={t("ideas.filters.state")} value={filters.state} options={[any, ...FILTER_STATES.map((state) => ({ value: state, label: t(`ideas.states.${state}`) }))]} />
      <Button variant="secondary">{t("ideas.filters.apply")}</Button>
    </Form>
  );
}

/** The list of ideas with its sort tabs, filter form and pages. */
export function IdeasListPage(props: { ideas: IdeaView[]; filters: ListFilters; page: number; hasNext: boolean; categories: Category[] }) {
  const { t, actor } = usePage();
  const { filters } = props;
  const filtered = filters.category !== "" || filters.language !== "" || filters.state !== "";
  return (
    <>
      <PageHeader
        title={t("ideas.list.title")}
        lead={t("ideas.list.lead")}
        actions={
          <>
            <LinkButton href="/roadmap">{t("ideas.roadmap.title")}</LinkButton>
            {actor ? <LinkButton href="/ideas/mine">{t("ideas.mine.title")}</LinkButton> : null}
            <LinkButton href="/ideas/new" variant="primary">
              {t("ideas.new.action")}
            </LinkButton>
          </>
        }
      />
      <FilterTabs label={t("ideas.sorts.label")} tabs={SORTS.map((sort) => ({ href: listHref({ ...filters, sort }), label: t(`ideas.sorts.${sort}`), current: sort === filters.sort }))} />
      <Filters filters={filters} categories={props.categories} />
      {props.ideas.length === 0 ? (
        <EmptyState title={filtered ? t("ideas.list.noMatches") : t("ideas.list.empty")}>
          {filtered ? <a href={listHref({ sort: filters.sort, category: "", language: "", state: "" })}>{t("ideas.filters.clear")}</a> : null}
        </EmptyState>
      ) : (
        <IdeaGrid ideas={props.ideas} label={t(`ideas.sorts.${filters.sort}`)} />
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => listHref(filters, page)} />
    </>
  );
}
