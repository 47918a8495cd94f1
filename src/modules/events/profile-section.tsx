/**
 * An organiser's history on their member profile: events organised (past and upcoming) with their
 * attendance and rating, and their licence. The members module shows the section only where the
 * profile itself may be seen (an unlisted profile is 404 to others); a licence that was refused or
 * revoked is shown only to the member and staff.
 */
import { sql } from "kysely";
import { addProfileSection, type ProfileSectionContext } from "../members/index.ts";
import type { Executor } from "../../platform/db/index.ts";
import { usePage } from "../../platform/web/page-context.ts";
import { localized, type LicenceStatus } from "./rules.ts";

const RECENT = 5;

export interface OrganisedEvent {
  id: number;
  title: Record<string, string>;
  language: string;
  starts_at: Date;
  cancelled: boolean;
  going: number;
  checked_in: number;
  rating: number | null;
}

export interface OrganiserHistory {
  past: number;
  upcoming: number;
  attended: number;
  rating: number | null;
  recent: OrganisedEvent[];
  next: OrganisedEvent[];
  licence: { status: LicenceStatus; validUntil: Date | null; maxAttendees: number | null } | null;
}

/** What a member organised (alone or as a co-organiser), newest first, with the latest licence. */
export async function organiserHistory(db: Executor, accountId: number, now = new Date()): Promise<OrganiserHistory> {
  const rows = await sql<OrganisedEvent>`
    select e.id, e.title, e.language, e.starts_at, e.cancelled_at is not null as cancelled, e.going_count as going,
           (select count(*) from event_rsvps r where r.event_id = e.id and r.checked_in_at is not null)::int as checked_in,
           (select avg(f.rating)::float8 from event_feedback f where f.event_id = e.id) as rating
    from events e
    where e.organiser_id = ${accountId}
       or exists (select 1 from event_co_organisers c where c.event_id = e.id and c.account_id = ${accountId})
    order by e.starts_at desc
    limit 500`.execute(db);
  const events = rows.rows.map((row) => ({ ...row, starts_at: new Date(row.starts_at), rating: row.rating === null ? null : Number(row.rating) }));
  const past = events.filter((event) => event.starts_at <= now && !event.cancelled);
  const upcoming = events.filter((event) => event.starts_at > now && !event.cancelled);
  const rated = past.filter((event) => event.rating !== null);
  const licence = await db
    .selectFrom("event_licences")
    .select(["status", "valid_until", "conditions"])
    .where("applicant_id", "=", accountId)
    .where("status", "<>", "applied")
    .orderBy("decided_at", "desc")
    .executeTakeFirst();
  return {
    past: past.length,
    upcoming: upcoming.length,
    attended: past.reduce((sum, event) => sum + event.checked_in, 0),
    rating: rated.length === 0 ? null : rated.reduce((sum, event) => sum + (event.rating ?? 0), 0) / rated.length,
    recent: past.slice(0, RECENT),
    next: upcoming.slice(-RECENT).reverse(),
    licence: licence ? { status: licence.status, validUntil: licence.valid_until, maxAttendees: licence.conditions?.maxAttendees ?? null } : null,
  };
}

function EventLine(props: { event: OrganisedEvent; past: boolean }) {
  const { t, formatDate, locale } = usePage();
  const { event } = props;
  return (
    <li>
      <a href={`/events/${event.id}`} dir="auto">
        {localized(event.title, locale, event.language)}
      </a>{" "}
      <span class="muted">
        · {formatDate(event.starts_at)}
        {props.past ? ` · ${t("events.profile.attendedCount", { count: event.checked_in })}` : ` · ${t("events.profile.goingCount", { count: event.going })}`}
      </span>
    </li>
  );
}

export function OrganiserSection(props: { history: OrganiserHistory; private: boolean }) {
  const { t, formatDate, formatNumber } = usePage();
  const { history } = props;
  const licence = history.licence;
  const showLicence = licence !== null && (props.private || licence.status === "approved");
  return (
    <section aria-labelledby="organiser-history">
      <h2 id="organiser-history">{t("events.profile.heading")}</h2>
      <p>
        {t("events.profile.summary", { past: history.past, upcoming: history.upcoming, attended: history.attended })}
        {history.rating !== null ? ` ${t("events.profile.rating", { rating: formatNumber(history.rating, { maximumFractionDigits: 1 }) })}` : ""}
      </p>
      {showLicence && licence ? (
        <p>
          {licence.status === "approved" && licence.validUntil
            ? t(licence.validUntil > new Date() ? "events.profile.licensed" : "events.profile.licenceExpired", { date: formatDate(licence.validUntil), max: formatNumber(licence.maxAttendees ?? 0) })
            : t(`events.licenceStatus.${licence.status}`)}
        </p>
      ) : null}
      {history.next.length > 0 ? (
        <>
          <h3>{t("events.profile.upcoming")}</h3>
          <ul>
            {history.next.map((event) => (
              <EventLine event={event} past={false} />
            ))}
          </ul>
        </>
      ) : null}
      {history.recent.length > 0 ? (
        <>
          <h3>{t("events.profile.past")}</h3>
          <ul>
            {history.recent.map((event) => (
              <EventLine event={event} past />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

addProfileSection({
  id: "events.organiser",
  order: 300,
  async load(context: ProfileSectionContext) {
    const history = await organiserHistory(context.db, context.accountId);
    if (history.past + history.upcoming === 0 && history.licence === null) return null;
    return <OrganiserSection history={history} private={context.private} />;
  },
});
