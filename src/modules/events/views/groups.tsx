/** The groups pages: the list, one group, and its management page for organisers and staff. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { Button, EmptyState, ErrorSummary, Field, Form, LinkButton, PageHeader, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { EventJsonValue } from "../presenters.ts";
import { Tabs } from "./console.tsx";
import { EventList } from "./pages.tsx";

export function GroupsPage(props: { groups: Array<{ slug: string; name: string; city: string; members: number }> }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("events.groups.title")} lead={t("events.groups.lead")} />
      {props.groups.length === 0 ? (
        <EmptyState title={t("events.groups.none")} />
      ) : (
        <ul class="event-list">
          {props.groups.map((group) => (
            <li class="event-card">
              <h3>
                <a href={`/groups/${group.slug}`} dir="auto">
                  {group.name}
                </a>
              </h3>
              <p>
                {group.city} · {t("events.groups.members", { count: group.members, formatted: formatNumber(group.members) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface GroupPageProps {
  group: { slug: string; name: string; city: string };
  description: string;
  organisers: string[];
  members: number;
  isMember: boolean;
  manages: boolean;
  events: EventJsonValue[];
}

export function GroupPage(props: GroupPageProps) {
  const { t, actor, formatNumber } = usePage();
  return (
    <>
      <PageHeader
        title={props.group.name}
        lead={props.group.city}
        actions={props.manages ? <LinkButton href={`/groups/${props.group.slug}/manage`}>{t("events.groups.manage")}</LinkButton> : undefined}
      />
      <div class="markdown" dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.description) }} />
      <p>{t("events.groups.organisedBy", { names: props.organisers.join(", ") })}</p>
      <p>{t("events.groups.members", { count: props.members, formatted: formatNumber(props.members) })}</p>
      {actor ? (
        <Form action={`/groups/${props.group.slug}/${props.isMember ? "leave" : "join"}`} aria-label={t(props.isMember ? "events.groups.leave" : "events.groups.join")}>
          <Button variant={props.isMember ? "secondary" : "primary"}>{t(props.isMember ? "events.groups.leave" : "events.groups.join")}</Button>
        </Form>
      ) : null}
      <h2>{t("events.groups.upcoming")}</h2>
      <EventList events={props.events} empty={t("events.list.empty")} />
      <p>
        <a href={`/events/calendar.ics?group=${props.group.slug}`}>{t("events.list.subscribe")}</a>
      </p>
    </>
  );
}

export interface GroupFormValues {
  name: string;
  city: string;
  descriptionEn: string;
  descriptionFa: string;
  descriptionHe: string;
}

/** Name, city and the description in each language: the fields of both the edit and the create form. */
export function GroupFields(props: { values: GroupFormValues; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const v = props.values;
  return (
    <>
      <Field name="name" label={t("events.groups.name")} value={v.name} required maxLength={120} errors={props.errors} />
      <Field name="city" label={t("events.form.city")} value={v.city} required maxLength={100} errors={props.errors} />
      <Field name="descriptionEn" label={t("events.groups.description", { language: t("events.languages.en") })} value={v.descriptionEn} multiline maxLength={4000} errors={props.errors} dir="ltr" />
      <Field name="descriptionFa" label={t("events.groups.description", { language: t("events.languages.fa") })} value={v.descriptionFa} multiline maxLength={4000} errors={props.errors} dir="rtl" />
      <Field name="descriptionHe" label={t("events.groups.description", { language: t("events.languages.he") })} value={v.descriptionHe} multiline maxLength={4000} errors={props.errors} dir="rtl" />
    </>
  );
}

export interface GroupPerson {
  id: number;
  name: string;
  role: "organiser" | "member";
}

export function GroupManagePage(props: { slug: string; values: GroupFormValues; people: GroupPerson[]; errors?: FieldErrors | undefined; message?: string | undefined }) {
  const { t } = usePage();
  const organisers = props.people.filter((person) => person.role === "organiser");
  const members = props.people.filter((person) => person.role === "member");
  return (
    <>
      <PageHeader title={t("events.groups.manageTitle", { name: props.values.name })} actions={<LinkButton href={`/groups/${props.slug}`}>{t("events.groups.back")}</LinkButton>} />
      <Form action={`/groups/${props.slug}/manage`} aria-label={t("events.groups.editHeading")}>
        <h2>{t("events.groups.editHeading")}</h2>
        <ErrorSummary errors={props.errors} message={props.message} />
        <GroupFields values={props.values} errors={props.errors} />
        <Button>{t("events.groups.save")}</Button>
      </Form>
      <h2>{t("events.groups.organisers")}</h2>
      <Table
        caption={t("events.groups.organisers")}
        rows={organisers}
        columns={[
          { label: t("events.checkIn.name"), cell: (row) => <span dir="auto">{row.name}</span> },
          {
            label: "",
            cell: (row) => (
              <Form action={`/groups/${props.slug}/organisers/${row.id}/remove`} aria-label={t("events.groups.removeOrganiser", { name: row.name })}>
                <Button size="small" variant="secondary">
                  {t("events.groups.removeOrganiserButton")}
                </Button>
              </Form>
            ),
          },
        ]}
      />
      <Form action={`/groups/${props.slug}/organisers`} aria-label={t("events.groups.appoint")}>
        <Field name="email" label={t("events.groups.appointEmail")} type="email" required maxLength={254} errors={props.errors} dir="ltr" />
        <Button>{t("events.groups.appoint")}</Button>
      </Form>
      <h2>{t("events.groups.memberList")}</h2>
      <Table
        caption={t("events.groups.memberList")}
        empty={t("events.groups.noMembers")}
        rows={members}
        columns={[
          { label: t("events.checkIn.name"), cell: (row) => <span dir="auto">{row.name}</span> },
          {
            label: "",
            cell: (row) => (
              <Form action={`/groups/${props.slug}/organisers`} aria-label={t("events.groups.makeOrganiser", { name: row.name })}>
                <input type="hidden" name="memberId" value={String(row.id)} />
                <Button size="small" variant="secondary">
                  {t("events.groups.makeOrganiserButton")}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}

export function ConsoleGroupsPage(props: { groups: Array<{ slug: string; name: string; city: string; members: number }>; values: GroupFormValues & { slug: string; organiserEmail: string }; errors?: FieldErrors | undefined; message?: string | undefined }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("events.console.groupsTitle")} />
      <Tabs status="" />
      <Table
        caption={t("events.console.groupsTitle")}
        empty={t("events.groups.none")}
        rows={props.groups}
        columns={[
          { label: t("events.groups.name"), cell: (row) => <a href={`/groups/${row.slug}/manage`} dir="auto">{row.name}</a> },
          { label: t("events.form.city"), cell: (row) => <span dir="auto">{row.city}</span> },
          { label: t("events.groups.memberList"), cell: (row) => formatNumber(row.members), numeric: true },
        ]}
      />
      <Form action="/console/events/groups" aria-label={t("events.console.createGroup")}>
        <h2>{t("events.console.createGroup")}</h2>
        <ErrorSummary errors={props.errors} message={props.message} />
        <Field name="slug" label={t("events.console.slug")} value={props.values.slug} hint={t("events.console.slugHint")} required maxLength={63} errors={props.errors} dir="ltr" />
        <GroupFields values={props.values} errors={props.errors} />
        <Field name="organiserEmail" label={t("events.console.firstOrganiser")} type="email" value={props.values.organiserEmail} required maxLength={254} errors={props.errors} dir="ltr" />
        <Button>{t("events.console.createGroupButton")}</Button>
      </Form>
    </>
  );
}
