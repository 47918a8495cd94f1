/** The iCalendar routes: one event's file and subscribable feeds per city, group or member. */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { createHmac, timingSafeEqual } from "node:crypto";
import { Id } from "../../platform/console/schemas.ts";
import { notFound } from "../../platform/errors.ts";
import { calendarOf } from "./calendar.ts";
import { findEvent, listEvents } from "./store.ts";

/** Feeds keep the last 90 days, so a calendar does not drop an event the moment it ends. */
const FEED_PAST_MS = 90 * 86_400_000;
const FEED_LIMIT = 500;

/** A member's feed lists the events they RSVPed to: its address carries a signature instead of a session. */
export function memberFeedSignature(secret: string, memberId: number): string {
  return createHmac("sha256", secret).update(`event-feed:${memberId}`).digest("base64url").slice(0, 24);
}

const FeedQuery = Type.Object(
  { city: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), group: Type.Optional(Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,62}$" })), member: Type.Optional(Id), key: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.hearth;
  const host = new URL(config.baseUrl).host;
  const send = (reply: import("fastify").FastifyReply, name: string, body: string) =>
    reply.header("content-type", "text/calendar; charset=utf-8").header("content-disposition", `inline; filename="${name}.ics"`).send(body);

  app.get("/events/:id.ics", { schema: { params: Type.Object({ id: Id }) } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const event = await findEvent(db, id);
    if (!event) throw notFound("event_not_found", "events.errors.notFound");
    return send(reply, `event-${id}`, calendarOf(request.t("events.calendar.name"), [event], { baseUrl: config.baseUrl, locale: request.locale, host }));
  });

  app.get("/events/calendar.ics", { schema: { querystring: FeedQuery } }, async (request, reply) => {
    const query = request.query as Static<typeof FeedQuery>;
    let groupId: number | undefined;
    if (query.group) {
      const group = await db.selectFrom("event_groups").select("id").where("slug", "=", query.group).executeTakeFirst();
      if (!group) throw notFound("group_not_found", "events.errors.groupNotFound");
      groupId = group.id;
    }
    if (query.member !== undefined) {
      const expected = Buffer.from(memberFeedSignature(config.sessionSecret, query.member));
      const given = Buffer.from(query.key ?? "");
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound();
    }
    const rows = await listEvents(db, { city: query.city, groupId, memberId: query.member, since: new Date(Date.now() - FEED_PAST_MS), limit: FEED_LIMIT });
    return send(reply, "events", calendarOf(request.t("events.calendar.name"), rows, { baseUrl: config.baseUrl, locale: request.locale, host }));
  });
}
