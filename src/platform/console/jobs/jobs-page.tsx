/** Jobs waiting to run and jobs that gave up, with the last error of each. */
import { PageHeader, Pagination, Table, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { FilterTabs } from "../filter-tabs.tsx";
import { pageHref, type Page } from "../paging.ts";
import { JOB_STATES, type JobRow, type ListedJobState } from "./queries.ts";

/** The jobs of one state, with a tab per state. */
export function JobsPage(props: { list: Page<JobRow>; state: ListedJobState }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("console.jobs.title")} lead={t("console.jobs.lead")} />
      <FilterTabs
        label={t("console.jobs.filter")}
        tabs={JOB_STATES.map((state) => ({ href: pageHref("/console/jobs", { state }, 1), label: t(`console.jobs.state.${state}`), current: state === props.state }))}
      />
      <Table<JobRow>
        caption={t(`console.jobs.state.${props.state}`)}
        empty={t("console.jobs.empty")}
        rows={props.list.rows}
        columns={[
          { label: t("console.jobs.columns.id"), cell: (row) => formatNumber(row.id, { useGrouping: false }), numeric: true },
          { label: t("console.jobs.columns.queue"), cell: (row) => <code>{row.queue}</code> },
          { label: t("console.jobs.columns.attempts"), cell: (row) => t("console.jobs.attemptsOf", { attempts: formatNumber(row.attempts), max: formatNumber(row.maxAttempts) }), numeric: true },
          {
            label: props.state === "failed" ? t("console.jobs.columns.finished") : t("console.jobs.columns.runAt"),
            cell: (row) => <Time date={props.state === "failed" && row.finishedAt ? row.finishedAt : row.runAt} time />,
          },
          { label: t("console.jobs.columns.lastError"), cell: (row) => (row.lastError ? <code dir="ltr">{row.lastError}</code> : null) },
          { label: t("console.jobs.columns.created"), cell: (row) => <Time date={row.createdAt} time /> },
        ]}
      />
      <Pagination page={props.list.page} hasNext={props.list.hasNext} pageHref={(n) => pageHref("/console/jobs", { state: props.state }, n)} />
    </>
  );
}
