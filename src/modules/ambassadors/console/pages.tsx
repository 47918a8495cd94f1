/** The console's programme pages: nominations and ambassadors, perks/tasks/reports/announcements/terms, and impact. */
import { FilterTabs } from "../../../platform/console/filter-tabs.tsx";
import { Button, Field, Form, LinkButton, PageHeader, Table, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { REASON_MAX } from "../rules.ts";
import { POINTS_MAX, TEXT_MAX, TITLE_MAX } from "../service.ts";
import { TERMS_MAX, type AmbassadorsSettings } from "../settings.ts";
import type { Impact, MembershipListItem, NominationRow } from "../store.ts";
import { Markdown } from "../views/pages.tsx";

function ConsoleTabs() {
  const { t, path } = usePage();
  const tabs = [
    { href: "/console/ambassadors", label: t("ambassadors.console.tabs.people") },
    { href: "/console/ambassadors/programme", label: t("ambassadors.console.tabs.programme") },
    { href: "/console/ambassadors/impact", label: t("ambassadors.console.tabs.impact") },
  ];
  return <FilterTabs label={t("ambassadors.console.title")} tabs={tabs.map((tab) => ({ ...tab, current: path === tab.href }))} />;
}

function NominationReview(props: { row: NominationRow }) {
  const { t } = usePage();
  const { row } = props;
  return (
    <div class="stack">
      <Form action={`/console/ambassadors/nominations/${row.id}/accept`} aria-label={t("ambassadors.console.acceptFor", { name: row.nomineeName })}>
        <Button size="small">{t("ambassadors.console.accept")}</Button>
      </Form>
      <Form action={`/console/ambassadors/nominations/${row.id}/decline`} aria-label={t("ambassadors.console.declineFor", { name: row.nomineeName })}>
        {/* One decline form per nomination: each reason field needs its own id for its label. */}
        <div class="field">
          <label for={`decline-reason-${row.id}`}>{t("ambassadors.console.declineReason")}</label>
          <input id={`decline-reason-${row.id}`} name="reason" type="text" maxLength={REASON_MAX} dir="auto" />
        </div>
        <Button size="small" variant="secondary">
          {t("ambassadors.console.decline")}
        </Button>
      </Form>
    </div>
  );
}

/** Open nominations with their review forms, the staff nomination form and the memberships. */
export function PeoplePage(props: { nominations: NominationRow[]; memberships: MembershipListItem[] }) {
  const { t, formatDate } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.console.title")} lead={t("ambassadors.console.lead")} />
      <ConsoleTabs />
      <section>
        <h2>{t("ambassadors.console.nominations")}</h2>
        <Table
          caption={t("ambassadors.console.nominations")}
          rows={props.nominations}
          empty={t("ambassadors.console.noNominations")}
          columns={[
            { label: t("ambassadors.console.nominee"), cell: (row) => <a href={`/members/${row.nomineeId}`} dir="auto">{row.nomineeName}</a> },
            { label: t("ambassadors.console.nominatedBy"), cell: (row) => <span dir="auto">{row.nominatorName ?? "—"}</span> },
            { label: t("ambassadors.nominate.reason"), cell: (row) => <Markdown source={row.reason} /> },
            { label: t("ambassadors.console.date"), cell: (row) => <Time date={row.createdAt} /> },
            { label: t("ambassadors.console.decision"), cell: (row) => <NominationReview row={row} /> },
          ]}
        />
        <Form action="/console/ambassadors/nominations" aria-label={t("ambassadors.console.nominate")}>
          <h3>{t("ambassadors.console.nominate")}</h3>
          <Field name="nominee" label={t("ambassadors.nominate.nominee")} hint={t("ambassadors.console.nomineeHint")} required maxLength={200} dir="ltr" />
          <Field name="reason" label={t("ambassadors.nominate.reason")} multiline required maxLength={REASON_MAX} />
          <Button>{t("ambassadors.nominate.submit")}</Button>
        </Form>
      </section>
      <section>
        <h2>{t("ambassadors.console.memberships")}</h2>
        <Table
          caption={t("ambassadors.console.memberships")}
          rows={props.memberships}
          empty={t("ambassadors.console.noMemberships")}
          columns={[
            { label: t("ambassadors.console.ambassador"), cell: (row) => <a href={`/console/ambassadors/${row.accountId}/impact`} dir="auto">{row.name}</a> },
            { label: t("ambassadors.console.state"), cell: (row) => t(`ambassadors.states.${row.state}`) + (row.agreed || row.state === "awaiting_agreement" ? "" : ` · ${t("ambassadors.console.notAgreed")}`) },
            { label: t("ambassadors.console.expires"), cell: (row) => (row.expiresAt ? formatDate(row.expiresAt) : "—") },
          ]}
        />
      </section>
    </>
  );
}

/** Reports to confirm, announcements, tasks, perks and the agreement's terms. */
export function ProgrammePage(props: {
  perks: Array<{ id: number; title: string; body: string }>;
  tasks: Array<{ id: number; title: string; due_on: string | null; points: number }>;
  reports: Array<{ id: number; link: string | null; reported_at: Date; title: string; points: number; account_id: number; name: string }>;
  settings: AmbassadorsSettings;
}) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.console.programme")} lead={t("ambassadors.console.programmeLead")} />
      <ConsoleTabs />
      <section>
        <h2>{t("ambassadors.console.reports")}</h2>
        <Table
          caption={t("ambassadors.console.reports")}
          rows={props.reports}
          empty={t("ambassadors.console.noReports")}
          columns={[
            { label: t("ambassadors.console.ambassador"), cell: (row) => <a href={`/members/${row.account_id}`} dir="auto">{row.name}</a> },
            { label: t("ambassadors.console.task"), cell: (row) => <span dir="auto">{row.title}</span> },
            { label: t("ambassadors.task.link"), cell: (row) => (row.link ? <a href={row.link} rel="nofollow ugc noopener" dir="ltr">{row.link}</a> : "—") },
            { label: t("ambassadors.console.date"), cell: (row) => <Time date={row.reported_at} /> },
            {
              label: t("ambassadors.console.decision"),
              cell: (row) => (
                <div class="cluster">
                  <Form action={`/console/ambassadors/reports/${row.id}/confirm`} aria-label={t("ambassadors.console.confirmFor", { name: row.name, title: row.title })}>
                    <Button size="small">{t("ambassadors.console.confirm")}</Button>
                  </Form>
                  <Form action={`/console/ambassadors/reports/${row.id}/return`} aria-label={t("ambassadors.console.returnFor", { name: row.name, title: row.title })}>
                    <Button size="small" variant="secondary">
                      {t("ambassadors.console.return")}
                    </Button>
                  </Form>
                </div>
              ),
            },
          ]}
        />
      </section>
      <section>
        <h2>{t("ambassadors.console.announce")}</h2>
        <Form action="/console/ambassadors/announcements" aria-label={t("ambassadors.console.announce")}>
          <Field name="announcement" label={t("ambassadors.console.announcement")} multiline required maxLength={TEXT_MAX} />
          <Button>{t("ambassadors.console.post")}</Button>
        </Form>
      </section>
      <section>
        <h2>{t("ambassadors.space.tasks")}</h2>
        <Table
          caption={t("ambassadors.space.tasks")}
          rows={props.tasks}
          empty={t("ambassadors.space.noTasks")}
          columns={[
            { label: t("ambassadors.console.task"), cell: (row) => <span dir="auto">{row.title}</span> },
            { label: t("ambassadors.console.dueOn"), cell: (row) => row.due_on ?? "—" },
            { label: t("ambassadors.console.points"), numeric: true, cell: (row) => formatNumber(row.points) },
            {
              label: t("ambassadors.console.decision"),
              cell: (row) => (
                <Form action={`/console/ambassadors/tasks/${row.id}/close`} aria-label={t("ambassadors.console.closeFor", { title: row.title })}>
                  <Button size="small" variant="secondary">
                    {t("ambassadors.console.close")}
                  </Button>
                </Form>
              ),
            },
          ]}
        />
        <Form action="/console/ambassadors/tasks" aria-label={t("ambassadors.console.addTask")}>
          <h3>{t("ambassadors.console.addTask")}</h3>
          <Field name="title" label={t("ambassadors.console.itemTitle")} required maxLength={TITLE_MAX} />
          <Field name="description" label={t("ambassadors.console.description")} multiline maxLength={TEXT_MAX} />
          <Field name="dueOn" label={t("ambassadors.console.dueOn")} type="date" />
          <Field name="points" label={t("ambassadors.console.points")} type="number" value="10" hint={t("ambassadors.console.pointsHint", { max: POINTS_MAX })} />
          <Button>{t("ambassadors.console.addTask")}</Button>
        </Form>
      </section>
      <section>
        <h2>{t("ambassadors.space.perks")}</h2>
        <Table
          caption={t("ambassadors.space.perks")}
          rows={props.perks}
          empty={t("ambassadors.space.noPerks")}
          columns={[
            { label: t("ambassadors.console.itemTitle"), cell: (row) => <span dir="auto">{row.title}</span> },
            { label: t("ambassadors.console.description"), cell: (row) => <Markdown source={row.body} /> },
            {
              label: t("ambassadors.console.decision"),
              cell: (row) => (
                <Form action={`/console/ambassadors/perks/${row.id}/remove`} aria-label={t("ambassadors.console.removeFor", { title: row.title })}>
                  <Button size="small" variant="secondary">
                    {t("ambassadors.console.remove")}
                  </Button>
                </Form>
              ),
            },
          ]}
        />
        <Form action="/console/ambassadors/perks" aria-label={t("ambassadors.console.addPerk")}>
          <h3>{t("ambassadors.console.addPerk")}</h3>
          <Field name="perkTitle" label={t("ambassadors.console.itemTitle")} required maxLength={TITLE_MAX} />
          <Field name="perkBody" label={t("ambassadors.console.description")} multiline maxLength={TEXT_MAX} />
          <Button>{t("ambassadors.console.addPerk")}</Button>
        </Form>
      </section>
      <section>
        <h2>{t("ambassadors.console.terms")}</h2>
        <p>{t("ambassadors.console.termsLead")}</p>
        <Form action="/console/ambassadors/terms" aria-label={t("ambassadors.console.terms")}>
          <Field name="en" label={t("ambassadors.console.termsIn.en")} multiline dir="ltr" maxLength={TERMS_MAX} value={props.settings.terms.en} />
          <Field name="fa" label={t("ambassadors.console.termsIn.fa")} multiline dir="rtl" maxLength={TERMS_MAX} value={props.settings.terms.fa} />
          <Field name="he" label={t("ambassadors.console.termsIn.he")} multiline dir="rtl" maxLength={TERMS_MAX} value={props.settings.terms.he} />
          <Button>{t("ambassadors.console.saveTerms")}</Button>
        </Form>
      </section>
    </>
  );
}

/** The impact table (all ambassadors, or one with their activities by type). */
export function ImpactPage(props: { rows: Impact[]; byType: Array<{ type: string; count: number }> | null; typeName: (type: string) => string }) {
  const { t, formatNumber } = usePage();
  const single = props.byType !== null ? props.rows[0] : undefined;
  return (
    <>
      <PageHeader
        title={single ? t("ambassadors.console.impactOf", { name: single.name }) : t("ambassadors.console.impact")}
        lead={t("ambassadors.console.impactLead")}
        actions={<LinkButton href="/console/ambassadors/impact.csv">{t("ambassadors.console.csv")}</LinkButton>}
      />
      <ConsoleTabs />
      <Table
        caption={t("ambassadors.console.impact")}
        rows={props.rows}
        empty={t("ambassadors.console.noMemberships")}
        columns={[
          { label: t("ambassadors.console.ambassador"), cell: (row) => <a href={`/console/ambassadors/${row.accountId}/impact`} dir="auto">{row.name}</a> },
          { label: t("ambassadors.console.since"), cell: (row) => <Time date={row.since} /> },
          { label: t("ambassadors.console.tasksDone"), numeric: true, cell: (row) => formatNumber(row.tasksDone) },
          { label: t("ambassadors.console.points"), numeric: true, cell: (row) => formatNumber(row.taskPoints) },
          { label: t("ambassadors.console.activities"), numeric: true, cell: (row) => formatNumber(row.activities) },
          { label: t("ambassadors.console.reputation"), numeric: true, cell: (row) => formatNumber(row.reputationGained, { signDisplay: "exceptZero" }) },
          { label: t("ambassadors.console.events"), numeric: true, cell: (row) => formatNumber(row.eventsOrganised) },
          { label: t("ambassadors.console.attendees"), numeric: true, cell: (row) => formatNumber(row.eventAttendees) },
        ]}
      />
      {props.byType ? (
        <section>
          <h2>{t("ambassadors.console.byType")}</h2>
          <Table
            caption={t("ambassadors.console.byType")}
            rows={props.byType}
            empty={t("ambassadors.console.noActivities")}
            columns={[
              { label: t("ambassadors.console.activity"), cell: (row) => props.typeName(row.type) },
              { label: t("ambassadors.console.count"), numeric: true, cell: (row) => formatNumber(row.count) },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}

