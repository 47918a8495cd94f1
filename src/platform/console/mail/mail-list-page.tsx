/** The outbox: every email the site has written, newest first, by status. */
import { PageHeader, Pagination, Table, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { FilterTabs } from "../filter-tabs.tsx";
import { pageHref, type Page } from "../paging.ts";
import { MAIL_STATUSES, type MailStatus, type MailSummary } from "./queries.ts";

/** The outbox page, with a tab per status. */
export function MailListPage(props: { list: Page<MailSummary>; status: MailStatus | undefined }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("console.mail.title")} lead={t("console.mail.lead")} />
      <FilterTabs
        label={t("console.mail.filter")}
        tabs={[undefined, ...MAIL_STATUSES].map((status) => ({
          href: pageHref("/console/mail", { status }, 1),
          label: status ? t(`console.mail.status.${status}`) : t("console.mail.all"),
          current: status === props.status,
        }))}
      />
      <Table<MailSummary>
        caption={t("console.mail.title")}
        empty={t("console.mail.empty")}
        rows={props.list.rows}
        columns={[
          { label: t("console.mail.columns.to"), cell: (row) => <span dir="ltr">{row.to}</span> },
          { label: t("console.mail.columns.kind"), cell: (row) => <code>{row.kind}</code> },
          { label: t("console.mail.columns.subject"), cell: (row) => <a href={`/console/mail/${row.id}`}>{row.subject}</a> },
          { label: t("console.mail.columns.status"), cell: (row) => <span class={`status status--${row.status}`}>{t(`console.mail.status.${row.status}`)}</span> },
          { label: t("console.mail.columns.attempts"), cell: (row) => formatNumber(row.attempts), numeric: true },
          { label: t("console.mail.columns.created"), cell: (row) => <Time date={row.createdAt} time /> },
        ]}
      />
      <Pagination page={props.list.page} hasNext={props.list.hasNext} pageHref={(n) => pageHref("/console/mail", { status: props.status }, n)} />
    </>
  );
}
