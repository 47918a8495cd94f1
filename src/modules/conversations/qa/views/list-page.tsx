/** /questions: published questions with sort tabs and filters (a GET form, no script needed). */
import { FilterTabs } from "../../../../platform/console/filter-tabs.tsx";
import { pageHref } from "../../../../platform/console/paging.ts";
import { LOCALES } from "../../../../platform/i18n/index.ts";
import { Button, EmptyState, Form, LinkButton, PageHeader, Pagination, Select, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { LIST_FILTERS, LIST_SORTS, type ListFilter, type ListSort } from "../rules.ts";
import type { QuestionSummary, TagRow } from "../store.ts";
import { tagName } from "../store.ts";
import { isolate, languageName, TagList } from "./bits.tsx";

export interface ListState {
  filter: ListFilter;
  sort: ListSort;
  tag: string;
  language: string;
}

export function listHref(state: ListState, page = 1): string {
  return pageHref("/questions", { filter: state.filter === "all" ? undefined : state.filter, sort: state.sort === "newest" ? undefined : state.sort, tag: state.tag, language: state.language }, page);
}

function QuestionItem(props: { question: QuestionSummary }) {
  const { t } = usePage();
  const question = props.question;
  const answered = question.accepted_answer_id !== null;
  return (
    <li class="qa-item">
      <div class={answered ? "qa-item__count qa-item__count--accepted" : "qa-item__count"}>
        <strong>{question.answer_count}</strong> <span>{t("qa.list.answers", { count: question.answer_count })}</span>
        {answered ? <span class="visually-hidden">{t("qa.question.hasAccepted")}</span> : null}
      </div>
      <div class="qa-item__main">
        <h2 class="qa-item__title" lang={question.language} dir="auto">
          <a href={`/questions/${question.id}`}>{question.title}</a>
        </h2>
        <TagList tags={question.tags} />
        <p class="muted">
          {t("qa.question.askedBy", { name: isolate(question.author_name) })} · <Time date={question.created_at} /> · {t("qa.list.votes", { count: question.votes })}
        </p>
      </div>
    </li>
  );
}

export function QuestionsListPage(props: { questions: QuestionSummary[]; state: ListState; page: number; hasNext: boolean; tags: TagRow[] }) {
  const { t, locale } = usePage();
  const { state } = props;
  const any = { value: "", label: t("qa.filters.any") };
  return (
    <>
      <PageHeader
        title={t("qa.list.title")}
        lead={t("qa.list.lead")}
        actions={
          <>
            <LinkButton href="/questions/tags">{t("qa.tags.title")}</LinkButton>
            <LinkButton href="/questions/new" variant="primary">
              {t("qa.new.action")}
            </LinkButton>
          </>
        }
      />
      <FilterTabs label={t("qa.filters.show")} tabs={LIST_FILTERS.map((filter) => ({ href: listHref({ ...state, filter }), label: t(`qa.filters.${filter}`), current: filter === state.filter }))} />
      <Form action="/questions" method="get" class="form form--inline" aria-label={t("qa.filters.label")}>
        {state.filter === "all" ? null : <input type="hidden" name="filter" value={state.filter} />}
        <Select name="sort" label={t("qa.sorts.label")} value={state.sort} options={LIST_SORTS.map((sort) => ({ value: sort, label: t(`qa.sorts.${sort}`) }))} />
        <Select name="tag" label={t("qa.fields.tags")} value={state.tag} options={[any, ...props.tags.map((tag) => ({ value: tag.slug, label: tagName(tag, locale) }))]} />
        <Select name="language" label={t("qa.fields.language")} value={state.language} options={[any, ...LOCALES.map((code) => ({ value: code, label: languageName(code), lang: code }))]} />
        <Button variant="secondary">{t("qa.filters.apply")}</Button>
      </Form>
      {props.questions.length === 0 ? (
        <EmptyState title={t("qa.list.empty")} />
      ) : (
        <ul class="qa-list">
          {props.questions.map((question) => (
            <QuestionItem question={question} />
          ))}
        </ul>
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => listHref(state, page)} />
    </>
  );
}

export function TagsPage(props: { tags: TagRow[] }) {
  const { t, locale } = usePage();
  return (
    <>
      <PageHeader title={t("qa.tags.title")} lead={t("qa.tags.lead")} />
      {props.tags.length === 0 ? (
        <EmptyState title={t("qa.tags.empty")} />
      ) : (
        <ul class="qa-tag-index">
          {props.tags.map((tag) => (
            <li>
              <a href={`/questions?tag=${encodeURIComponent(tag.slug)}`} class="qa-tag">
                {tagName(tag, locale)}
              </a>{" "}
              <span class="muted">{t("qa.tags.count", { count: tag.questions })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
