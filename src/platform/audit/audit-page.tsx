/** The console's audit log page: a filter form and the entries, newest first. */
import type { Page } from "../console/paging.ts";
import { pageHref } from "../console/paging.ts";
import { Button, Field, Form, PageHeader, Pagination, Table, Time } from "../web/components.tsx";
import { usePage } from "../web/page-context.ts";
import type { AuditFilter, AuditRow } from "./queries.ts";

function Subject(props: { row: AuditRow }) {
  const { subjectType, subjectId } = props.row;
  if (!subjectType) return null;
  const label = subjectId ? `${subjectType} #${subjectId}` : subjectType;
  return subjectType === "account" && subjectId ? <a href={`/console/members/${encodeURIComponent(subjectId)}`}>{label}</a> : <span>{label}</span>;
}

/** The entries as a table; also used on a member's page for what was done to them. */
export function AuditTable(props: { rows: AuditRow[]; caption: string }) {
  const { t } = usePage();
  return (
    <Table<AuditRow>
      caption={props.caption}
      empty={t("audit.empty")}
      rows={props.rows}
      columns={[
        { label: t("audit.columns.time"), cell: (row) => <Time date={row.createdAt} time /> },
        { label: t("audit.columns.actor"), cell: (row) => (row.actorEmail ? <span dir="ltr">{row.actorEmail}</span> : t("audit.system")) },
        { label: t("audit.columns.action"), cell: (row) => <code>{row.action}</code> },
        { label: t("audit.columns.subject"), cell: (row) => <Subject row={row} /> },
        { label: t("audit.columns.details"), cell: (row) => (Object.keys(row.details).length > 0 ? <code dir="ltr">{JSON.stringify(row.details)}</code> : null) },
        { label: t("audit.columns.ip"), cell: (row) => (row.ip ? <span dir="ltr">{row.ip}</span> : null) },
      ]}
    />
  );
}

/** The audit log page: filters, entries and pages. */
export function AuditPage(props: { list: Page<AuditRow>; filter: AuditFilter }) {
  const { t } = usePage();
  const filters = { actor: props.filter.actor, action: props.filter.action };
  return (
    <>
      <PageHeader title={t("audit.title")} lead={t("audit.lead")} />
      <Form action="/console/audit" method="get" class="form form--inline" aria-label={t("audit.filter")}>
        <Field name="actor" label={t("audit.filterActor")} value={props.filter.actor} dir="ltr" />
        <Field name="action" label={t("audit.filterAction")} value={props.filter.action} dir="ltr" hint={t("audit.filterActionHint")} />
        <Button variant="secondary">{t("audit.filter")}</Button>
      </Form>
      <AuditTable rows={props.list.rows} caption={t("audit.title")} />
      <Pagination page={props.list.page} hasNext={props.list.hasNext} pageHref={(n) => pageHref("/console/audit", filters, n)} />
    </>
  );
}
