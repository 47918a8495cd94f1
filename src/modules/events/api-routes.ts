/** The events JSON API under /api/v1 (documented in the OpenAPI document from these schemas). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import type { Actor } from "../../platform/auth/permissions.ts";
import { Id, IdParams, Text } from "../../platform/console/schemas.ts";
import { forbidden, notFound, unauthorized } from "../../platform/errors.ts";
import { addEventPhotos, attendanceOf, feedbackReport, giveFeedback, removeEventPhoto } from "./after.ts";
import { uploadedFiles } from "./form-helpers.ts";
import { canOrganise } from "./policy.ts";
import { EventJson, presentEvent, RsvpJson } from "./presenters.ts";
import { attendanceShown } from "./rules.ts";
import { applyForLicence, cancelEvent, cancelRsvp, changeCapacity, checkIn, coOrganisersOf, createEvent, decideLicence, rsvp, rsvpStateOf, type EventInput } from "./service.ts";
import { findEvent, listEvents } from "./store.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
export const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const Localized = (maxLength: number) => Type.Object({ en: Type.Optional(Text({ maxLength })), fa: Type.Optional(Text({ maxLength })), he: Type.Optional(Text({ maxLength })) }, { additionalProperties: false });

/** Maximum capacity of any one event; a licence sets the real cap. */
export const MAX_CAPACITY = 100_000;

export const EventCreateBody = Type.Object(
  {
    title: Localized(160),
    description: Type.Optional(Localized(20_000)),
    language: literals(["en", "fa", "he"] as const),
    format: literals(["in_person", "online"] as const),
    venue: Type.Optional(Text({ maxLength: 200 })),
    city: Type.Optional(Text({ maxLength: 100 })),
    latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    onlineUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500, pattern: "^https://[^\\s<>\"]+$" }), Type.Null()])),
    startsAt: Type.String({ maxLength: 40 }),
    endsAt: Type.String({ maxLength: 40 }),
    timeZone: Type.String({ maxLength: 64 }),
    capacity: Type.Integer({ minimum: 1, maximum: MAX_CAPACITY }),
    questions: Type.Optional(Type.Array(Text({ minLength: 1, maxLength: 200 }), { maxItems: 5 })),
    coOrganiserIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
    groupId: Type.Optional(Type.Union([Id, Type.Null()])),
    licenceId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

export function eventInput(body: Static<typeof EventCreateBody>): EventInput {
  const texts = (value: Record<string, string | undefined> | undefined) => Object.fromEntries(Object.entries(value ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  return {
    title: texts(body.title),
    description: texts(body.description),
    language: body.language,
    format: body.format,
    venue: body.venue ?? "",
    city: body.city ?? "",
    latitude: body.latitude ?? null,
    longitude: body.longitude ?? null,
    onlineUrl: body.onlineUrl ?? null,
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    timeZone: body.timeZone,
    capacity: body.capacity,
    questions: body.questions ?? [],
    coOrganiserIds: body.coOrganiserIds ?? [],
    groupId: body.groupId ?? null,
    licenceId: body.licenceId ?? null,
  };
}

export const LicenceBody = Type.Object(
  {
    about: Text({ minLength: 10, maxLength: 4000 }),
    city: Text({ minLength: 2, maxLength: 100 }),
    reason: Text({ minLength: 10, maxLength: 4000 }),
    format: literals(["in_person", "online"] as const),
    expectedAttendance: Type.Integer({ minimum: 1, maximum: MAX_CAPACITY }),
  },
  { additionalProperties: false },
);

const DecisionBody = Type.Object(
  {
    decision: literals(["approve", "extend", "reject", "revoke"] as const),
    reason: Type.Optional(Text({ maxLength: 2000 })),
    maxAttendees: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CAPACITY })),
    maxEvents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    validityMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    brandRules: Type.Optional(Text({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const LicenceJson = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  conditions: Type.Union([Type.Object({ maxAttendees: Type.Integer(), maxEvents: Type.Integer(), brandRules: Type.String() }), Type.Null()]),
  validUntil: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  eventsUsed: Type.Integer(),
});

/** The signed-in actor; routes with `access: "member"` always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** The event as the request's actor sees it, with its attendance once it is shown. */
export async function eventForViewer(request: FastifyRequest, id: number, now = new Date()) {
  const { db, config } = request.server.hearth;
  const event = await findEvent(db, id);
  if (!event) throw notFound("event_not_found", "events.errors.notFound");
  const rsvpState = request.actor ? await rsvpStateOf(db, id, request.actor.id) : null;
  const coOrganiserIds = await coOrganisersOf(db, id);
  const attendance = attendanceShown({ endsAt: event.ends_at, cancelledAt: event.cancelled_at }, now) ? await attendanceOf(db, event, now) : null;
  return { event, coOrganiserIds, attendance, json: presentEvent(event, { actor: request.actor, locale: request.locale, baseUrl: config.baseUrl, coOrganiserIds, rsvp: rsvpState, attendance }) };
}

export async function eventsApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["events"];

  app.get(
    "/api/v1/events",
    {
      schema: {
        tags,
        summary: "Upcoming events",
        querystring: Type.Object({ city: Type.Optional(Type.String({ maxLength: 100 })), group: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(EventJson) }) },
      },
    },
    async (request) => {
      const query = request.query as { city?: string; group?: number; limit?: number };
      const rows = await listEvents(db, { city: query.city, groupId: query.group, since: new Date(), limit: query.limit ?? 50 });
      return { items: rows.map((row) => presentEvent(row, { actor: request.actor, locale: request.locale, baseUrl: app.hearth.config.baseUrl, coOrganiserIds: [], rsvp: null })) };
    },
  );

  app.get("/api/v1/events/:id", { schema: { tags, summary: "One event", params: IdParams, response: { 200: EventJson, 404: ErrorJson } } }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    return (await eventForViewer(request, id)).json;
  });

  app.post(
    "/api/v1/events",
    { config: { access: "member" }, schema: { tags, summary: "Create an event (staff: official; a member: under their licence)", body: EventCreateBody, response: { 201: EventJson, 400: ErrorJson, 403: ErrorJson } } },
    async (request, reply) => {
      const id = await createEvent(db, actorOf(request), eventInput(request.body as Static<typeof EventCreateBody>));
      return reply.status(201).send((await eventForViewer(request, id)).json);
    },
  );

  app.patch(
    "/api/v1/events/:id",
    { config: { access: "member" }, schema: { tags, summary: "Change an event's capacity (within its licence)", params: IdParams, body: Type.Object({ capacity: Type.Integer({ minimum: 1, maximum: MAX_CAPACITY }) }, { additionalProperties: false }), response: { 200: EventJson, 403: ErrorJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await changeCapacity(db, actorOf(request), id, (request.body as { capacity: number }).capacity, { ip: request.ip });
      return (await eventForViewer(request, id)).json;
    },
  );

  app.post(
    "/api/v1/events/:id/cancel",
    { config: { access: "member" }, schema: { tags, summary: "Cancel an event (organisers); everyone who RSVPed is told", params: IdParams, body: Type.Object({ reason: Text({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }), response: { 200: EventJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await cancelEvent(db, actorOf(request), id, (request.body as { reason: string }).reason, { ip: request.ip });
      return (await eventForViewer(request, id)).json;
    },
  );

  app.put(
    "/api/v1/events/:id/rsvp",
    {
      config: { access: "member" },
      schema: { tags, summary: "RSVP (idempotent): going while seats are free, else waitlisted", params: IdParams, body: Type.Object({ answers: Type.Optional(Type.Array(Text({ maxLength: 500 }), { maxItems: 5 })) }, { additionalProperties: false }), response: { 200: RsvpJson, 409: ErrorJson } },
    },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      return rsvp(db, actorOf(request), id, (request.body as { answers?: string[] } | undefined)?.answers ?? []);
    },
  );

  app.delete("/api/v1/events/:id/rsvp", { config: { access: "member" }, schema: { tags, summary: "Cancel an RSVP (idempotent); the seat goes to the waitlist", params: IdParams, response: { 200: RsvpJson, 409: ErrorJson } } }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    return cancelRsvp(db, actorOf(request), id);
  });

  app.post(
    "/api/v1/events/:id/check-in",
    { config: { access: "member" }, schema: { tags, summary: "Check an attendee in (organisers)", params: IdParams, body: Type.Object({ rsvpId: Id }, { additionalProperties: false }), response: { 200: Type.Object({ memberId: Type.Integer(), alreadyIn: Type.Boolean() }) } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      return checkIn(db, actorOf(request), id, (request.body as { rsvpId: number }).rsvpId);
    },
  );

  const FeedbackBody = Type.Object(
    { rating: Type.Integer({ minimum: 1, maximum: 5 }), best: Type.Optional(Text({ maxLength: 500 })), improve: Type.Optional(Text({ maxLength: 500 })) },
    { additionalProperties: false },
  );
  const FeedbackReportJson = Type.Object({
    count: Type.Integer(),
    average: Type.Union([Type.Number(), Type.Null()]),
    distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
    comments: Type.Array(Type.Object({ rating: Type.Integer(), best: Type.String(), improve: Type.String(), createdAt: Type.String({ format: "date-time" }) })),
  });

  app.post(
    "/api/v1/events/:id/feedback",
    { config: { access: "member" }, schema: { tags, summary: "Answer the survey once, as a checked-in attendee, after the event ended", params: IdParams, body: FeedbackBody, response: { 201: Type.Object({ rating: Type.Integer() }), 400: ErrorJson, 403: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as Static<typeof FeedbackBody>;
      await giveFeedback(db, actorOf(request), id, { rating: body.rating, best: body.best ?? "", improve: body.improve ?? "" });
      return reply.status(201).send({ rating: body.rating });
    },
  );

  app.get(
    "/api/v1/events/:id/feedback",
    { config: { access: "member" }, schema: { tags, summary: "The survey's results (organisers and staff)", params: IdParams, response: { 200: FeedbackReportJson, 403: ErrorJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const { event, coOrganiserIds } = await eventForViewer(request, id);
      if (!canOrganise(request.actor, event, coOrganiserIds)) throw forbidden("not_organiser", "events.errors.notOrganiser");
      const report = await feedbackReport(db, id);
      return { ...report, comments: report.comments.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() })) };
    },
  );

  app.post(
    "/api/v1/events/:id/photos",
    { config: { access: "member" }, schema: { tags, summary: "Add photos (multipart, field `photos`): organisers and checked-in attendees, once the event started", params: IdParams, consumes: ["multipart/form-data"], response: { 201: Type.Object({ added: Type.Integer() }), 400: ErrorJson, 403: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const added = await addEventPhotos(app.hearth, actorOf(request), id, uploadedFiles(request.body, "photos"));
      return reply.status(201).send({ added });
    },
  );

  app.delete(
    "/api/v1/events/:id/photos/:photoId",
    { config: { access: "member" }, schema: { tags, summary: "Remove a photo (organisers any, members their own)", params: Type.Object({ id: Id, photoId: Id }), response: { 204: Type.Null(), 403: ErrorJson, 404: ErrorJson } } },
    async (request, reply) => {
      const { id, photoId } = request.params as { id: number; photoId: number };
      await removeEventPhoto(app.hearth, actorOf(request), id, photoId, { ip: request.ip });
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/v1/event-licences",
    { config: { access: "member" }, schema: { tags, summary: "Apply for a licence to run events", body: LicenceBody, response: { 201: LicenceJson, 403: ErrorJson } } },
    async (request, reply) => {
      const id = await applyForLicence(db, actorOf(request), request.body as Static<typeof LicenceBody>);
      return reply.status(201).send({ id, status: "applied", conditions: null, validUntil: null, eventsUsed: 0 });
    },
  );

  app.post(
    "/api/v1/event-licences/:id/decision",
    { config: { access: { action: "events.manage" } }, schema: { tags, summary: "Approve with conditions, reject, extend or revoke a licence (staff)", params: IdParams, body: DecisionBody, response: { 200: LicenceJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as Static<typeof DecisionBody>;
      await decideLicence(db, actorOf(request), id, body.decision === "approve" || body.decision === "extend"
          ? { decision: body.decision, maxAttendees: body.maxAttendees, maxEvents: body.maxEvents, validityMonths: body.validityMonths, brandRules: body.brandRules }
          : { decision: body.decision, reason: body.reason ?? "" }, { ip: request.ip });
      const licence = await db.selectFrom("event_licences").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      return { id, status: licence.status, conditions: licence.conditions, validUntil: licence.valid_until?.toISOString() ?? null, eventsUsed: licence.events_used };
    },
  );
}
