/** The console's events pages. */
import { Button, EmptyState, Field, Form, PageHeader, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { EventsReport } from "../report.ts";

export interface QueueRow {
  id: number;
  name: string;
  email: string;
  about: string;
  city: string;
  reason: string;
  format: string;
  expected_attendance: number;
  conditions: { maxAttendees: number; maxEvents: number; brandRules: string } | null;
  valid_until: Date | null;
  events_used: number;
  created_at: Date;
  decision_reason: string;
}

const STATUSES = ["applied", "approved", "rejected", "revoked"] as const;

/** The events console's pages, one link each: the licence queue by status, the report, the groups. */
export function Tabs(props: { status: string }) {
  const { t } = usePage();
  return (
    <nav class="event-cities" aria-label={t("events.licences.status")}>
      {STATUSES.map((status) => (
        <a href={`/console/events?status=${status}`} aria-current={status === props.status ? "page" : undefined}>
          {t(`events.licenceStatus.${status}`)}
        </a>
      ))}
      <a href="/console/events/report">{t("events.console.reportTitle")}</a>
      <a href="/console/events/groups">{t("events.console.groupsTitle")}</a>
    </nav>
  );
}

export function LicenceQueuePage(props: { status: string; rows: QueueRow[] }) {
  const { t, formatDate, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("events.console.queueTitle")} />
      <Tabs status={props.status} />
      {props.rows.length === 0 ? <EmptyState title={t("events.console.empty")} /> : null}
      {props.rows.map((row) => (
        <section class="card" aria-labelledby={`licence-${row.id}`}>
          <h2 id={`licence-${row.id}`}>
            {t("events.page.licenceNumber", { id: row.id })} — <span dir="auto">{row.name}</span> ({row.email})
          </h2>
          <dl>
            <dt>{t("events.form.city")}</dt>
            <dd dir="auto">{row.city}</dd>
            <dt>{t("events.form.format")}</dt>
            <dd>{t(`events.format.${row.format}`)}</dd>
            <dt>{t("events.licences.expected")}</dt>
            <dd>{formatNumber(row.expected_attendance)}</dd>
            <dt>{t("events.licences.about")}</dt>
            <dd dir="auto">{row.about}</dd>
            <dt>{t("events.licences.reason")}</dt>
            <dd dir="auto">{row.reason}</dd>
            <dt>{t("events.console.appliedOn")}</dt>
            <dd>{formatDate(row.created_at)}</dd>
            {row.conditions ? (
              <>
                <dt>{t("events.licences.conditions")}</dt>
                <dd>{t("events.licences.conditionsText", { max: row.conditions.maxAttendees, events: row.conditions.maxEvents, used: row.events_used })}</dd>
              </>
            ) : null}
            {row.decision_reason ? (
              <>
                <dt>{t("events.console.reason")}</dt>
                <dd dir="auto">{row.decision_reason}</dd>
              </>
            ) : null}
          </dl>
          {props.status === "applied" ? (
            <>
              <Form action={`/console/events/licences/${row.id}/decision`} aria-label={t("events.console.approve", { id: row.id })}>
                <input type="hidden" name="decision" value="approve" />
                <Field name="maxAttendees" label={t("events.console.maxAttendees")} type="number" value="100" />
                <Field name="maxEvents" label={t("events.console.maxEvents")} type="number" value="1" />
                <Field name="validityMonths" label={t("events.console.validityMonths")} type="number" value="12" />
                <Field name="brandRules" label={t("events.console.brandRules")} multiline maxLength={4000} />
                <Button>{t("events.console.approveButton")}</Button>
              </Form>
              <Form action={`/console/events/licences/${row.id}/decision`} aria-label={t("events.console.reject", { id: row.id })}>
                <input type="hidden" name="decision" value="reject" />
                <Field name="reason" label={t("events.console.reason")} required maxLength={2000} />
                <Button variant="danger">{t("events.console.rejectButton")}</Button>
              </Form>
            </>
          ) : null}
          {props.status === "approved" && row.conditions ? (
            <Form action={`/console/events/licences/${row.id}/decision`} aria-label={t("events.console.extend", { id: row.id })}>
              <input type="hidden" name="decision" value="extend" />
              <Field name="maxAttendees" label={t("events.console.maxAttendees")} type="number" value={String(row.conditions.maxAttendees)} />
              <Field name="maxEvents" label={t("events.console.maxEvents")} type="number" value={String(row.conditions.maxEvents + 1)} />
              <Field name="validityMonths" label={t("events.console.validityMonths")} type="number" value="12" />
              <Button variant="secondary">{t("events.console.extendButton")}</Button>
            </Form>
          ) : null}
          {props.status === "approved" ? (
            <Form action={`/console/events/licences/${row.id}/decision`} aria-label={t("events.console.revoke", { id: row.id })}>
              <input type="hidden" name="decision" value="revoke" />
              <Field name="reason" label={t("events.console.reason")} required maxLength={2000} />
              <Button variant="danger">{t("events.console.revokeButton")}</Button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function ReportPage(props: { report: EventsReport }) {
  const { t, formatNumber } = usePage();
  const n = (value: number) => formatNumber(value);
  const decimal = (value: number | null) => (value === null ? "—" : formatNumber(value, { maximumFractionDigits: 1 }));
  const { totals } = props.report;
  return (
    <>
      <PageHeader title={t("events.console.reportTitle")} />
      <Tabs status="" />
      <dl class="event-numbers">
        <div>
          <dt>{t("events.console.events")}</dt>
          <dd>{n(totals.events)}</dd>
        </div>
        <div>
          <dt>{t("events.console.attended")}</dt>
          <dd>{n(totals.attended)}</dd>
        </div>
        <div>
          <dt>{t("events.console.averageAttendance")}</dt>
          <dd>{decimal(totals.averageAttendance)}</dd>
        </div>
        <div>
          <dt>{t("events.console.rating")}</dt>
          <dd>{decimal(totals.rating)}</dd>
        </div>
      </dl>
      <h2>{t("events.console.byCity")}</h2>
      <Table
        caption={t("events.console.byCity")}
        empty={t("events.list.empty")}
        rows={props.report.cities}
        columns={[
          { label: t("events.console.region"), cell: (row) => row.region },
          { label: t("events.form.city"), cell: (row) => <span dir="auto">{row.city}</span> },
          { label: t("events.console.events"), cell: (row) => n(row.events), numeric: true },
          { label: t("events.console.upcoming"), cell: (row) => n(row.upcoming), numeric: true },
          { label: t("events.console.going"), cell: (row) => n(row.going), numeric: true },
          { label: t("events.console.attended"), cell: (row) => n(row.attended), numeric: true },
          { label: t("events.console.averageAttendance"), cell: (row) => decimal(row.averageAttendance), numeric: true },
          { label: t("events.console.rating"), cell: (row) => decimal(row.rating), numeric: true },
          { label: t("events.console.cancelled"), cell: (row) => n(row.cancelled), numeric: true },
        ]}
      />
      <h2>{t("events.console.topOrganisers")}</h2>
      <Table
        caption={t("events.console.topOrganisers")}
        empty={t("events.console.empty")}
        rows={props.report.organisers}
        columns={[
          { label: t("events.checkIn.name"), cell: (row) => <a href={`/members/${row.id}`} dir="auto">{row.name}</a> },
          { label: t("events.console.events"), cell: (row) => n(row.events), numeric: true },
          { label: t("events.console.attended"), cell: (row) => n(row.attended), numeric: true },
          { label: t("events.console.rating"), cell: (row) => decimal(row.rating), numeric: true },
        ]}
      />
    </>
  );
}
