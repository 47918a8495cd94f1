/** Reading events: one event with its counts, lists of upcoming events, a member's RSVP. */
import type { Executor } from "../../platform/db/index.ts";

export const EVENT_COLUMNS = [
  "events.id", "events.kind", "events.licence_id", "events.organiser_id", "events.group_id", "events.title", "events.description", "events.language",
  "events.format", "events.venue", "events.city", "events.latitude", "events.longitude", "events.online_url", "events.starts_at", "events.ends_at",
  "events.time_zone", "events.capacity", "events.questions", "events.going_count", "events.waitlist_count", "events.cancelled_at", "events.cancel_reason", "events.created_at",
] as const;

export async function findEvent(db: Executor, id: number) {
  return db
    .selectFrom("events")
    .innerJoin("accounts", "accounts.id", "events.organiser_id")
    .select([...EVENT_COLUMNS, "accounts.name as organiser_name"])
    .where("events.id", "=", id)
    .executeTakeFirst();
}

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export interface EventFilter {
  city?: string | undefined;
  groupId?: number | undefined;
  /** Events this member is going to or waitlisted for. */
  memberId?: number | undefined;
  /** Include past events (calendar feeds keep the last 90 days). */
  since: Date;
  limit: number;
}

/** Upcoming (or recent) events that are not cancelled, soonest first. */
export async function listEvents(db: Executor, filter: EventFilter): Promise<EventRow[]> {
  let query = db
    .selectFrom("events")
    .innerJoin("accounts", "accounts.id", "events.organiser_id")
    .select([...EVENT_COLUMNS, "accounts.name as organiser_name"])
    .where("events.cancelled_at", "is", null)
    .where("events.ends_at", ">", filter.since);
  if (filter.city) query = query.where((eb) => eb(eb.fn("lower", ["events.city"]), "=", filter.city?.toLowerCase() ?? ""));
  if (filter.groupId !== undefined) query = query.where("events.group_id", "=", filter.groupId);
  if (filter.memberId !== undefined) {
    const memberId = filter.memberId;
    query = query.where((eb) =>
      eb.or([
        eb("events.organiser_id", "=", memberId),
        eb.exists(eb.selectFrom("event_rsvps").select("event_rsvps.id").whereRef("event_rsvps.event_id", "=", "events.id").where("event_rsvps.member_id", "=", memberId).where("event_rsvps.status", "in", ["going", "waitlisted"])),
      ]),
    );
  }
  return query.orderBy("events.starts_at").limit(filter.limit).execute();
}

export async function rsvpOf(db: Executor, eventId: number, memberId: number) {
  return db.selectFrom("event_rsvps").select(["id", "status", "position", "checked_in_at"]).where("event_id", "=", eventId).where("member_id", "=", memberId).executeTakeFirst();
}

export async function licenceOf(db: Executor, id: number) {
  return db.selectFrom("event_licences").selectAll().where("id", "=", id).executeTakeFirst();
}
