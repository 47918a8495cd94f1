/** The local groups in the JSON API under /api/v1: the list, one group, joining and leaving. */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { Text } from "../../platform/console/schemas.ts";
import { invalid } from "../../platform/errors.ts";
import { actorOf, ErrorJson } from "./api-routes.ts";
import { findGroup, groupPeople, joinGroup, leaveGroup, listGroups, type GroupsAfter } from "./groups.ts";
import { localized } from "./rules.ts";
import { listEvents } from "./store.ts";

/** Group ids are 32-bit serials: anything larger is bad input, not a lookup. */
const GroupIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const PAGE_SIZE = 50;
const UPCOMING_LIMIT = 100;

/** Opaque list cursors: the (city, id) of the last group on the page. */
export function encodeGroupsCursor(after: GroupsAfter): string {
  return Buffer.from(JSON.stringify([after.city, after.id])).toString("base64url");
}

export function decodeGroupsCursor(cursor: string | undefined): GroupsAfter | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && Number.isSafeInteger(value[1]) && value[1] > 0) return { city: value[0], id: value[1] };
  throw invalid("invalid_cursor", "events.errors.cursor", { cursor: { key: "events.errors.cursor" } });
}

const GroupSummaryJson = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  city: Type.String(),
  members: Type.Integer(),
  url: Type.String(),
});

const GroupJson = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  city: Type.String(),
  /** In the request's language, else English, else any written one. */
  description: Type.String(),
  descriptions: Type.Record(Type.String(), Type.String()),
  members: Type.Integer(),
  organisers: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  /** Whether the signed-in caller is a member (false for anonymous callers). */
  isMember: Type.Boolean(),
  /** Upcoming, not cancelled, soonest first (read each at /api/v1/events/{id}). */
  upcomingEventIds: Type.Array(Type.Integer()),
  url: Type.String(),
});

const MembershipJson = Type.Object({ member: Type.Boolean(), members: Type.Integer() });

export async function groupApiRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.hearth;
  const tags = ["groups"];

  app.get(
    "/api/v1/groups",
    {
      schema: {
        tags,
        summary: "Local groups by city, with their member counts (paged: pass `next` back as `cursor`)",
        querystring: Type.Object({ cursor: Type.Optional(Text({ maxLength: 400 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(GroupSummaryJson), next: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorJson },
      },
    },
    async (request) => {
      const query = request.query as { cursor?: string; limit?: number };
      const limit = query.limit ?? PAGE_SIZE;
      const rows = await listGroups(db, { after: decodeGroupsCursor(query.cursor), limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((group) => ({ id: group.id, slug: group.slug, name: group.name, city: group.city, members: group.members, url: `${config.baseUrl}/groups/${group.slug}` })),
        next: rows.length > limit && last ? encodeGroupsCursor({ city: last.city, id: last.id }) : null,
      };
    },
  );

  app.get("/api/v1/groups/:id", { schema: { tags, summary: "One group: description, organisers, member count, upcoming events", params: GroupIdParams, response: { 200: GroupJson, 400: ErrorJson, 404: ErrorJson } } }, async (request) => {
    const { id } = request.params as Static<typeof GroupIdParams>;
    const group = await findGroup(db, { id });
    const people = await groupPeople(db, id, request.actor?.id ?? null);
    const upcoming = await listEvents(db, { groupId: id, since: new Date(), limit: UPCOMING_LIMIT });
    return {
      id: group.id,
      slug: group.slug,
      name: group.name,
      city: group.city,
      description: localized(group.descriptions, request.locale, "en"),
      descriptions: group.descriptions,
      members: people.members,
      organisers: people.organisers,
      isMember: people.isMember,
      upcomingEventIds: upcoming.map((event) => event.id),
      url: `${config.baseUrl}/groups/${group.slug}`,
    };
  });

  app.put(
    "/api/v1/groups/:id/membership",
    { config: { access: "member" }, schema: { tags, summary: "Join the group (idempotent); answers the member count", params: GroupIdParams, response: { 200: MembershipJson, 400: ErrorJson, 403: ErrorJson, 404: ErrorJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof GroupIdParams>;
      return { member: true, members: await joinGroup(db, actorOf(request), id) };
    },
  );

  app.delete(
    "/api/v1/groups/:id/membership",
    {
      config: { access: "member" },
      schema: { tags, summary: "Leave the group (idempotent); the last organiser cannot (409 last_organiser)", params: GroupIdParams, response: { 200: MembershipJson, 400: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson } },
    },
    async (request) => {
      const { id } = request.params as Static<typeof GroupIdParams>;
      return { member: false, members: await leaveGroup(db, actorOf(request), id) };
    },
  );
}
