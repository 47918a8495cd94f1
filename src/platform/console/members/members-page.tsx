/** The console's member search: accounts by email or name, with their staff roles and status. */
import { Button, Field, Form, PageHeader, Pagination, Table, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { pageHref, type Page } from "../paging.ts";
import type { MemberRow } from "./queries.ts";
import { RoleLabel } from "./role-label.tsx";

/** Suspended, deleted or active, as of now. */
export function MemberStatus(props: { member: MemberRow; now: Date }) {
  const { t } = usePage();
  if (props.member.deletedAt) return <span class="status status--deleted">{t("console.members.status.deleted")}</span>;
  if (props.member.suspendedUntil && props.member.suspendedUntil > props.now) {
    return (
      <span class="status status--suspended">
        {t("console.members.status.suspendedUntil")} <Time date={props.member.suspendedUntil} />
      </span>
    );
  }
  return <span class="status status--active">{t("console.members.status.active")}</span>;
}

/** The member search page. */
export function MembersPage(props: { list: Page<MemberRow>; query: string | undefined; now: Date }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("console.members.title")} lead={t("console.members.lead")} />
      <Form action="/console/members" method="get" class="form form--inline" aria-label={t("console.members.search")}>
        <Field name="q" label={t("console.members.searchLabel")} value={props.query} />
        <Button variant="secondary">{t("console.members.search")}</Button>
      </Form>
      <Table<MemberRow>
        caption={t("console.members.title")}
        empty={t("console.members.empty")}
        rows={props.list.rows}
        columns={[
          { label: t("console.members.columns.name"), cell: (row) => <a href={`/console/members/${row.id}`}>{row.name}</a> },
          { label: t("console.members.columns.email"), cell: (row) => <span dir="ltr">{row.email}</span> },
          {
            label: t("console.members.columns.roles"),
            cell: (row) =>
              row.roles
                .filter((grant) => grant.role !== "member")
                .map((grant) => (
                  <>
                    <RoleLabel grant={grant} />{" "}
                  </>
                )),
          },
          { label: t("console.members.columns.joined"), cell: (row) => <Time date={row.createdAt} /> },
          { label: t("console.members.columns.status"), cell: (row) => <MemberStatus member={row} now={props.now} /> },
        ]}
      />
      <Pagination page={props.list.page} hasNext={props.list.hasNext} pageHref={(n) => pageHref("/console/members", { q: props.query }, n)} />
    </>
  );
}
