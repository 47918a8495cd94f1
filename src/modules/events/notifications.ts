/**
 * What the events module tells people, exactly once. Each message is a transactional job keyed by
 * what it is about (`events:promoted:<rsvp>:<position>`, `events:reminder:<rsvp>:<kind>:<start>`), so
 * the job exists once however often it is scheduled, and its notification commits with its completion.
 * An organiser's cancellation fans out the same way the ideas module's announcements do.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { defineJob, enqueue } from "../../platform/jobs/index.ts";
import { defineNotificationType, notify, type NotificationParams } from "../../platform/notify/index.ts";
import { localized } from "./rules.ts";

export const EVENT_MESSAGES = ["promoted", "cancelled", "reminder_day", "reminder_hour", "licence_decided"] as const;
export type EventMessage = (typeof EVENT_MESSAGES)[number];

for (const message of EVENT_MESSAGES) {
  defineNotificationType({
    type: `events.${message}`,
    labelKey: `events.notifications.${message}.label`,
    messageKey: `events.notifications.${message}.message`,
    defaults: { inApp: true, email: true },
    email: (params) => ({ subjectKey: `events.notifications.${message}.subject`, paragraphKeys: [`events.notifications.${message}.message`], params }),
  });
}

/** Tells one member about an event, once per key, inside the caller's transaction. */
export async function tellMember(db: Executor, eventId: number, memberId: number, message: EventMessage, key: string, params: NotificationParams = {}): Promise<void> {
  await enqueue(db, "events.notify", { eventId, memberId, message, params }, { dedupeKey: `events:${message}:${key}` });
}

/** Tells everyone who is going or waitlisted that the event is cancelled (once per event). */
export async function announceCancellation(db: Executor, eventId: number, reason: string): Promise<void> {
  await enqueue(db, "events.announce_cancelled", { eventId, reason }, { dedupeKey: `events:cancelled:${eventId}` });
}

defineJob(
  "events.announce_cancelled",
  async (payload, { db }) => {
    const eventId = Number(payload.eventId);
    const params = JSON.stringify({ reason: String(payload.reason ?? "") });
    await sql`
      insert into jobs (queue, payload, dedupe_key)
      select 'events.notify',
             jsonb_build_object('eventId', ${eventId}::bigint, 'memberId', r.member_id, 'message', 'cancelled', 'params', ${params}::jsonb),
             'events:cancelled:' || ${eventId}::bigint || ':' || r.member_id
      from event_rsvps r
      where r.event_id = ${eventId} and r.status in ('going', 'waitlisted')
      on conflict (dedupe_key) do nothing`.execute(db);
  },
  { transactional: true },
);

defineJob(
  "events.notify",
  async (payload, { db }) => {
    const event = await db.selectFrom("events").select(["id", "title", "language"]).where("id", "=", Number(payload.eventId)).executeTakeFirst();
    if (!event) return;
    const member = await db.selectFrom("accounts").select(["locale"]).where("id", "=", Number(payload.memberId)).executeTakeFirst();
    const title = localized(event.title, member?.locale ?? event.language, event.language);
    const params = { ...(payload.params as NotificationParams), title };
    await notify(db, { accountId: Number(payload.memberId), type: `events.${String(payload.message)}`, params, url: `/events/${event.id}` });
  },
  { transactional: true },
);
