/** Merging a duplicate idea into another: find both, check the pair and its supporters, confirm, see the new counts. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { Button, ErrorSummary, Field, Form, LinkButton, PageHeader, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { pageHref } from "../../../platform/console/index.ts";
import { StateBadge } from "../views/standing.tsx";
import { Fact, IdeaLink, RecordNumber } from "./idea-bits.tsx";
import type { IdeaSummary } from "./queries.ts";

const MERGE = "/console/ideas/merge";

/** What the page was asked for: the search text, and the pair as typed and as read. */
export interface MergeChoice {
  query: string;
  fromText: string;
  intoText: string;
  fromId: number | undefined;
  intoId: number | undefined;
}

export interface MergePair {
  from: IdeaSummary | undefined;
  into: IdeaSummary | undefined;
  /** Members who support both ideas. */
  shared: number;
}

function Supporters(props: { idea: IdeaSummary }) {
  const { t, formatNumber } = usePage();
  return <>{t("ideasConsole.review.supporterCounts", { verified: formatNumber(props.idea.verified_supporters), pending: formatNumber(props.idea.pending_supporters) })}</>;
}

function IdeaPanel(props: { heading: string; idea: IdeaSummary | undefined; id: number | undefined }) {
  const { t, formatNumber } = usePage();
  const { idea } = props;
  return (
    <section class="panel" aria-label={props.heading}>
      <h3>{props.heading}</h3>
      {idea ? (
        <>
          <p>
            <IdeaLink id={idea.id} title={idea.title} language={idea.language} /> <RecordNumber id={idea.id} />
          </p>
          <dl class="facts">
            <Fact term={t("ideasConsole.common.state")}>
              <StateBadge state={idea.state} />
            </Fact>
            <Fact term={t("ideasConsole.common.creator")}>{idea.creator_name}</Fact>
            <Fact term={t("ideasConsole.review.supporters")}>
              <Supporters idea={idea} />
            </Fact>
          </dl>
        </>
      ) : (
        <p class="muted">{t("ideasConsole.merge.notFound", { id: formatNumber(props.id ?? 0, { useGrouping: false }) })}</p>
      )}
    </section>
  );
}

/** Why a pair cannot be merged, as a catalogue key, or null when it can. */
function pairProblem(pair: MergePair): string | null {
  if (!pair.from || !pair.into) return "ideasConsole.merge.problems.missing";
  if (pair.from.id === pair.into.id) return "ideasConsole.merge.problems.same";
  if (pair.from.state === "merged" || pair.into.state === "merged") return "ideasConsole.merge.problems.merged";
  return null;
}

function Confirmation(props: { choice: MergeChoice; pair: MergePair }) {
  const { t, formatNumber } = usePage();
  const number = (id: number) => formatNumber(id, { useGrouping: false });
  const { pair } = props;
  const problem = pairProblem(pair);
  return (
    <section aria-labelledby="merge-check" class="stack">
      <h2 id="merge-check">{t("ideasConsole.merge.check")}</h2>
      <div class="ideas-console-pair">
        <IdeaPanel heading={t("ideasConsole.merge.duplicate")} idea={pair.from} id={props.choice.fromId} />
        <IdeaPanel heading={t("ideasConsole.merge.into")} idea={pair.into} id={props.choice.intoId} />
      </div>
      {problem || !pair.from || !pair.into ? (
        <p class="alert alert--warning">{t(problem ?? "ideasConsole.merge.problems.missing")}</p>
      ) : (
        <Form action={MERGE} aria-label={t("ideasConsole.merge.confirm")}>
          <p>{t("ideasConsole.merge.shared", { count: pair.shared, shown: formatNumber(pair.shared) })}</p>
          <p>{t("ideasConsole.merge.consequences")}</p>
          <input type="hidden" name="from" value={String(pair.from.id)} />
          <input type="hidden" name="into" value={String(pair.into.id)} />
          <Button variant="danger">{t("ideasConsole.merge.confirmButton", { from: number(pair.from.id), into: number(pair.into.id) })}</Button>
        </Form>
      )}
    </section>
  );
}

function Search(props: { choice: MergeChoice; results: IdeaSummary[] | undefined }) {
  const { t } = usePage();
  const { choice } = props;
  const keep = { q: choice.query || undefined, from: choice.fromId?.toString(), into: choice.intoId?.toString() };
  return (
    <section aria-labelledby="merge-search" class="stack">
      <h2 id="merge-search">{t("ideasConsole.merge.find")}</h2>
      <Form action={MERGE} method="get" class="form form--inline" aria-label={t("ideasConsole.merge.find")}>
        <Field name="q" label={t("ideasConsole.merge.search")} hint={t("ideasConsole.merge.searchHint")} value={choice.query} maxLength={200} />
        {choice.fromId ? <input type="hidden" name="from" value={String(choice.fromId)} /> : null}
        {choice.intoId ? <input type="hidden" name="into" value={String(choice.intoId)} /> : null}
        <Button variant="secondary">{t("ideasConsole.merge.searchButton")}</Button>
      </Form>
      {props.results ? (
        <Table<IdeaSummary>
          caption={t("ideasConsole.merge.results")}
          empty={t("ideasConsole.merge.noResults")}
          rows={props.results}
          columns={[
            { label: t("ideasConsole.common.idea"), cell: (row) => <><IdeaLink id={row.id} title={row.title} language={row.language} /> <RecordNumber id={row.id} /></> },
            { label: t("ideasConsole.common.state"), cell: (row) => <StateBadge state={row.state} /> },
            { label: t("ideasConsole.review.supporters"), cell: (row) => <Supporters idea={row} /> },
            {
              label: t("ideasConsole.merge.use"),
              cell: (row) => (
                <span class="cluster">
                  <a href={pageHref(MERGE, { ...keep, from: String(row.id) }, 1)}>{t("ideasConsole.merge.useAsDuplicate")}</a>
                  <a href={pageHref(MERGE, { ...keep, into: String(row.id) }, 1)}>{t("ideasConsole.merge.useAsTarget")}</a>
                </span>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}

function Pick(props: { choice: MergeChoice; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  return (
    <Form action={MERGE} method="get" class="form form--inline" aria-label={t("ideasConsole.merge.pick")}>
      {props.choice.query ? <input type="hidden" name="q" value={props.choice.query} /> : null}
      <Field name="from" label={t("ideasConsole.merge.fromLabel")} value={props.choice.fromText} errors={props.errors} dir="ltr" maxLength={16} />
      <Field name="into" label={t("ideasConsole.merge.intoLabel")} value={props.choice.intoText} errors={props.errors} dir="ltr" maxLength={16} />
      <Button variant="secondary">{t("ideasConsole.merge.pick")}</Button>
    </Form>
  );
}

/** The result of a merge just made: both ideas and the counts the kept one has now. */
function Merged(props: { from: IdeaSummary; into: IdeaSummary }) {
  const { t, formatNumber } = usePage();
  const number = (id: number) => formatNumber(id, { useGrouping: false });
  return (
    <div class="alert alert--success" role="status">
      <p>
        {t("ideasConsole.merge.done", {
          from: number(props.from.id),
          into: number(props.into.id),
          title: props.into.title,
          verified: formatNumber(props.into.verified_supporters),
          pending: formatNumber(props.into.pending_supporters),
        })}
      </p>
      <LinkButton href={`/ideas/${props.into.id}`} size="small">
        {t("ideasConsole.merge.open")}
      </LinkButton>
    </div>
  );
}

/** The merge page: a merge just made, a failed attempt's message, the search, the pair and its confirmation. */
export function MergePage(props: {
  choice: MergeChoice;
  results: IdeaSummary[] | undefined;
  pair: MergePair | undefined;
  merged: { from: IdeaSummary; into: IdeaSummary } | undefined;
  error?: { message?: string; fields?: FieldErrors } | undefined;
}) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ideasConsole.merge.title")} lead={t("ideasConsole.merge.lead")} />
      {props.merged ? <Merged from={props.merged.from} into={props.merged.into} /> : null}
      <ErrorSummary message={props.error?.message} errors={props.error?.fields} />
      <div class="stack">
        <Search choice={props.choice} results={props.results} />
        <section aria-labelledby="merge-pick" class="stack">
          <h2 id="merge-pick">{t("ideasConsole.merge.pair")}</h2>
          <Pick choice={props.choice} errors={props.error?.fields} />
        </section>
        {props.pair ? <Confirmation choice={props.choice} pair={props.pair} /> : null}
      </div>
    </>
  );
}
