/** The review page: ideas in review and on hold by review period, each with its supporters, survey and a decision form. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { Button, EmptyState, ErrorSummary, Form, PageHeader, Pagination, Table, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { pageHref } from "../../../platform/console/index.ts";
import type { Category } from "../views/model.ts";
import { StateBadge } from "../views/standing.tsx";
import { TextControl } from "./fields.tsx";
import { CategoryName, CreatorName, Fact, IdeaLink, RecordNumber } from "./idea-bits.tsx";
import type { DecisionRow, IdeaSummary, ReviewRow } from "./queries.ts";
import type { PeriodGroup } from "./review-periods.ts";
import { SurveySummary, type SurveyCount } from "./survey-summary.tsx";

export const DECISIONS = ["approved", "not_approved", "on_hold"] as const;

/** The idea whose decision form was sent back with errors, and what was typed in it. */
export interface DecisionFormState {
  ideaId: number;
  errors: FieldErrors;
  values: Record<string, string | undefined>;
}

function DecisionForm(props: { idea: ReviewRow; page: number; form: DecisionFormState | undefined }) {
  const { t } = usePage();
  const { idea } = props;
  const mine = props.form?.ideaId === idea.id ? props.form : undefined;
  const values = mine?.values ?? { publicNote: idea.decision_public_note ?? "", privateNote: idea.decision_private_note ?? "" };
  const decisionError = mine?.errors[`decision-${idea.id}`];
  return (
    <Form action={`/console/ideas/review/${idea.id}`} aria-label={t("ideasConsole.review.decide")}>
      {props.page > 1 ? <input type="hidden" name="page" value={String(props.page)} /> : null}
      <fieldset class={decisionError ? "field field--error" : "field"} id={`field-decision-${idea.id}`} aria-describedby={decisionError ? `field-decision-${idea.id}-error` : undefined}>
        <legend>{t("ideasConsole.review.decision")}</legend>
        {decisionError ? (
          <p class="field__error" id={`field-decision-${idea.id}-error`}>
            {t(decisionError.key, decisionError.params)}
          </p>
        ) : null}
        <div class="cluster">
          {DECISIONS.map((decision) => (
            <label class="checkbox">
              <input type="radio" name="decision" value={decision} checked={mine?.values.decision === decision} required />
              <span>{t(`ideasConsole.review.decisions.${decision}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextControl field={`publicNote-${idea.id}`} name="publicNote" label={t("ideasConsole.review.publicNote")} hint={t("ideasConsole.review.publicNoteHint")} multiline rows={3} maxLength={5000} value={values.publicNote} errors={mine?.errors} />
      <TextControl field={`privateNote-${idea.id}`} name="privateNote" label={t("ideasConsole.review.privateNote")} hint={t("ideasConsole.review.privateNoteHint")} multiline rows={2} maxLength={5000} value={values.privateNote} errors={mine?.errors} />
      <Button>{t("ideasConsole.review.record")}</Button>
    </Form>
  );
}

function Candidate(props: { idea: ReviewRow; survey: SurveyCount[]; categories: Category[]; page: number; form: DecisionFormState | undefined }) {
  const { t, formatNumber } = usePage();
  const { idea } = props;
  const titleId = `idea-${idea.id}-title`;
  return (
    <article class="panel ideas-console-item" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <IdeaLink id={idea.id} title={idea.title} language={idea.language} /> <RecordNumber id={idea.id} />
      </h3>
      <dl class="facts">
        <Fact term={t("ideasConsole.common.state")}>
          <StateBadge state={idea.state} />
        </Fact>
        <Fact term={t("ideasConsole.common.creator")}>
          <CreatorName id={idea.creator_id} name={idea.creator_name} />
        </Fact>
        <Fact term={t("ideasConsole.common.category")}>
          <CategoryName categories={props.categories} id={idea.category_id} />
        </Fact>
        <Fact term={t("ideasConsole.review.supporters")}>
          {t("ideasConsole.review.supporterCounts", { verified: formatNumber(idea.verified_supporters), pending: formatNumber(idea.pending_supporters) })}
        </Fact>
        {idea.qualified_at ? (
          <Fact term={t("ideasConsole.review.qualified")}>
            <Time date={idea.qualified_at} />
          </Fact>
        ) : null}
      </dl>
      <h4 id={`survey-${idea.id}`}>{t("ideasConsole.survey.title")}</h4>
      <SurveySummary rows={props.survey} labelledBy={`survey-${idea.id}`} />
      <DecisionForm idea={idea} page={props.page} form={props.form} />
    </article>
  );
}

function PeriodHeading(props: { group: PeriodGroup<ReviewRow>; timeZone: string }) {
  const { t, formatDate } = usePage();
  const { group } = props;
  if (!group.periodId) return <h2>{t("ideasConsole.review.noPeriod")}</h2>;
  return (
    <h2>
      {t("ideasConsole.review.period", { period: group.periodId })}
      {group.cutoff ? (
        <span class="ideas-console-cutoff">
          {" · "}
          {t("ideasConsole.review.cutoff")}{" "}
          <time dateTime={group.cutoff.toISOString()}>{formatDate(group.cutoff, { timeZone: props.timeZone })}</time>
        </span>
      ) : null}
    </h2>
  );
}

/** What became of the idea just decided: its new state, and the product an approval created. */
function DecidedNotice(props: { idea: IdeaSummary }) {
  const { t, formatNumber } = usePage();
  const { idea } = props;
  const message =
    idea.state === "approved" && idea.product_id !== null
      ? t("ideasConsole.review.approvedWithProduct", { title: idea.title, product: formatNumber(idea.product_id, { useGrouping: false }) })
      : t("ideasConsole.review.recorded", { title: idea.title, state: t(`ideas.states.${idea.state}`) });
  return (
    <div class="alert alert--success" role="status">
      {message}
    </div>
  );
}

function RecentDecisions(props: { rows: DecisionRow[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="recent-decisions">
      <h2 id="recent-decisions">{t("ideasConsole.review.recent")}</h2>
      <Table<DecisionRow>
        caption={t("ideasConsole.review.recent")}
        empty={t("ideasConsole.review.noRecent")}
        rows={props.rows}
        columns={[
          { label: t("ideasConsole.common.idea"), cell: (row) => <IdeaLink id={row.id} title={row.title} language={row.language} /> },
          { label: t("ideasConsole.review.decision"), cell: (row) => <StateBadge state={row.state} /> },
          { label: t("ideasConsole.review.decidedAt"), cell: (row) => (row.decided_at ? <Time date={row.decided_at} /> : null) },
          { label: t("ideasConsole.review.decidedBy"), cell: (row) => row.decided_by_name ?? "—" },
          { label: t("ideasConsole.review.product"), cell: (row) => (row.product_id === null ? "—" : <RecordNumber id={row.product_id} />), numeric: true },
        ]}
      />
    </section>
  );
}

/** The review page; `form` carries a decision sent back with errors, `decided` the idea just decided. */
export function ReviewPage(props: {
  groups: PeriodGroup<ReviewRow>[];
  surveys: Map<number, SurveyCount[]>;
  categories: Category[];
  total: number;
  page: number;
  hasNext: boolean;
  timeZone: string;
  recent: DecisionRow[];
  decided: IdeaSummary | undefined;
  form?: DecisionFormState | undefined;
}) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ideasConsole.review.title")} lead={t("ideasConsole.review.lead")} />
      {props.decided ? <DecidedNotice idea={props.decided} /> : null}
      <ErrorSummary errors={props.form?.errors} />
      {props.groups.length === 0 ? <EmptyState title={t("ideasConsole.review.empty")} /> : <p class="muted">{t("ideasConsole.review.count", { count: props.total })}</p>}
      {props.groups.map((group) => (
        <section class="stack ideas-console-period">
          <PeriodHeading group={group} timeZone={props.timeZone} />
          {group.rows.map((idea) => (
            <Candidate idea={idea} survey={props.surveys.get(idea.id) ?? []} categories={props.categories} page={props.page} form={props.form} />
          ))}
        </section>
      ))}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(n) => pageHref("/console/ideas/review", {}, n)} />
      <RecentDecisions rows={props.recent} />
    </>
  );
}
