/**
 * The events pages members and visitors use: the list with its map, one event with RSVP and ticket,
 * the new-event and licence forms, organisers' check-in, groups. Server-rendered; every form works
 * without script.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { Type, type Static } from "typebox";
import { validationErrors } from "../../platform/auth/route-helpers.ts";
import { EmptyBody } from "../../platform/auth/schemas.ts";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { AppError, conflict, notFound, unauthorized } from "../../platform/errors.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { eventForViewer } from "./api-routes.ts";
import { memberFeedSignature } from "./calendar-routes.ts";
import { canOrganise } from "./policy.ts";
import { presentEvent } from "./presenters.ts";
import { localized, mayApplyForLicence, toLocalInput } from "./rules.ts";
import { applyForLicence, cancelEvent, cancelRsvp, checkIn, checkInSignature, checkInSignatureValid, createEvent, memberTrustLevel, rsvp, type EventInput } from "./service.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { eventsSettings } from "./settings.ts";
import { licenceOf, listEvents } from "./store.ts";
import { CheckInPage, EventFormPage, EventPage, EventsListPage, GroupPage, GroupsPage, LicencesPage, ScanPage, type EventFormValues } from "./views/pages.tsx";
import { EventsStylesheet } from "./views/stylesheet.tsx";

addSiteNav({ href: "/events", labelKey: "events.nav", order: 300 });

const TIME_ZONES = Intl.supportedValuesOf("timeZone");
const LIST_LIMIT = 100;

const EventFormBody = Type.Object(
  {
    title: Text({ maxLength: 160 }),
    description: Text({ maxLength: 20_000 }),
    language: Type.Enum(["en", "fa", "he"]),
    format: Type.Enum(["in_person", "online"]),
    venue: Text({ maxLength: 200 }),
    city: Text({ maxLength: 100 }),
    latitude: Type.String({ pattern: "^(-?\\d{1,2}(\\.\\d{1,7})?)?$" }),
    longitude: Type.String({ pattern: "^(-?\\d{1,3}(\\.\\d{1,7})?)?$" }),
    onlineUrl: Type.String({ maxLength: 500, pattern: "^(https://[^\\s<>\"]+)?$" }),
    startsAt: Type.String({ maxLength: 40 }),
    endsAt: Type.String({ maxLength: 40 }),
    timeZone: Type.String({ maxLength: 64 }),
    capacity: Type.String({ pattern: "^[0-9]{1,6}$" }),
    question: Text({ maxLength: 200 }),
    licenceId: Type.String({ pattern: "^[0-9]{0,15}$" }),
    groupId: Type.Optional(Type.String({ pattern: "^[0-9]{0,15}$" })),
  },
  { additionalProperties: false },
);

const LicenceFormBody = Type.Object(
  {
    about: Text({ minLength: 10, maxLength: 4000 }),
    city: Text({ minLength: 2, maxLength: 100 }),
    reason: Text({ minLength: 10, maxLength: 4000 }),
    format: Type.Enum(["in_person", "online"]),
    expectedAttendance: Type.String({ pattern: "^[1-9][0-9]{0,5}$" }),
  },
  { additionalProperties: false },
);

function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

function textValues<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const source = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, typeof source[name] === "string" ? (source[name] as string).slice(0, 20_000) : ""])) as Record<K, string>;
}

const EVENT_FIELDS = ["title", "description", "language", "format", "venue", "city", "latitude", "longitude", "onlineUrl", "startsAt", "endsAt", "timeZone", "capacity", "question", "licenceId", "groupId"] as const;

function toEventInput(values: EventFormValues): EventInput {
  const coordinate = (text: string) => (text.trim() === "" ? null : Number(text));
  return {
    title: { [values.language]: values.title },
    description: values.description.trim() ? { [values.language]: values.description } : {},
    language: values.language as EventInput["language"],
    format: values.format as EventInput["format"],
    venue: values.venue,
    city: values.city,
    latitude: coordinate(values.latitude),
    longitude: coordinate(values.longitude),
    onlineUrl: values.onlineUrl.trim() || null,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    timeZone: values.timeZone,
    capacity: Number(values.capacity),
    questions: values.question.trim() ? [values.question] : [],
    coOrganiserIds: [],
    groupId: values.groupId ? Number(values.groupId) : null,
    licenceId: values.licenceId ? Number(values.licenceId) : null,
  };
}

/** An error a form shows beside itself (invalid input or a refused rule); anything else is rethrown. */
function formError(request: FastifyRequest, error: unknown): { errors: AppError["fields"]; message: string } {
  if (error instanceof AppError && ["invalid", "forbidden", "conflict"].includes(error.kind)) return { errors: error.fields, message: request.t(error.messageKey, error.params) };
  throw error;
}

export async function eventsPageRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.hearth;
  const head = <EventsStylesheet />;

  async function cityDots(since: Date) {
    const rows = await db
      .selectFrom("events")
      .select((eb) => ["city", eb.fn.avg<number>("latitude").as("latitude"), eb.fn.avg<number>("longitude").as("longitude"), eb.fn.countAll<number>().as("events")])
      .where("cancelled_at", "is", null)
      .where("ends_at", ">", since)
      .where("city", "<>", "")
      .where("latitude", "is not", null)
      .groupBy("city")
      .orderBy("city")
      .execute();
    return rows.map((row) => ({ city: row.city, latitude: Number(row.latitude), longitude: Number(row.longitude), events: Number(row.events) }));
  }

  app.get("/events", { schema: { querystring: Type.Object({ city: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }) } }, async (request, reply) => {
    const city = (request.query as { city?: string }).city?.trim() || null;
    const now = new Date();
    const rows = await listEvents(db, { city: city ?? undefined, since: now, limit: LIST_LIMIT });
    const dots = await cityDots(now);
    const events = rows.map((row) => presentEvent(row, { actor: request.actor, locale: request.locale, baseUrl: "", coOrganiserIds: [], rsvp: null }));
    const feedUrl = request.actor ? `/events/calendar.ics?member=${request.actor.id}&key=${memberFeedSignature(config.sessionSecret, request.actor.id)}` : `/events/calendar.ics${city ? `?city=${encodeURIComponent(city)}` : ""}`;
    return sendPage(request, reply, <EventsListPage events={events} dots={dots} cities={dots.map((dot) => dot.city)} city={city} feedUrl={feedUrl} />, { title: request.t("events.list.title"), head });
  });

  // ---- one event ------------------------------------------------------------------------------

  async function showEvent(request: FastifyRequest, reply: FastifyReply, id: number): Promise<FastifyReply> {
    const { event, coOrganiserIds, json } = await eventForViewer(request, id);
    const now = new Date();
    const licenceRow = event.licence_id === null ? null : await licenceOf(db, event.licence_id);
    const rsvpRow = request.actor ? await db.selectFrom("event_rsvps").select(["id", "status"]).where("event_id", "=", id).where("member_id", "=", request.actor.id).executeTakeFirst() : undefined;
    let ticket = null;
    if (rsvpRow?.status === "going") {
      const url = `${config.baseUrl}/events/${id}/check-in/${rsvpRow.id}?sig=${checkInSignature(config.sessionSecret, id, rsvpRow.id)}`;
      ticket = { url, svg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
    }
    const ended = event.ends_at <= now;
    const stats = await db
      .selectFrom("event_rsvps")
      .select((eb) => eb.fn.count<number>("checked_in_at").as("checkedIn"))
      .where("event_id", "=", id)
      .executeTakeFirstOrThrow();
    const feedback = await db
      .selectFrom("event_feedback")
      .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.avg<number>("rating").as("rating")])
      .where("event_id", "=", id)
      .executeTakeFirstOrThrow();
    const gaveFeedback = request.actor ? await db.selectFrom("event_feedback").select("member_id").where("event_id", "=", id).where("member_id", "=", request.actor.id).executeTakeFirst() : undefined;
    return sendPage(
      request,
      reply,
      <EventPage
        event={json}
        descriptionSource={localized(event.description, request.locale, event.language)}
        licence={licenceRow ? { id: licenceRow.id, conditions: licenceRow.conditions, validUntil: licenceRow.valid_until } : null}
        organises={canOrganise(request.actor, event, coOrganiserIds)}
        ticket={ticket}
        ended={ended}
        attendance={{ checkedIn: Number(stats.checkedIn), feedback: Number(feedback.count), rating: feedback.rating === null ? null : Number(feedback.rating) }}
        canGiveFeedback={ended && rsvpRow?.status === "going" && !gaveFeedback}
      />,
      { title: json.title, head },
    );
  }

  // `/events/new` and `/events/licences` are registered as static paths, which win over `/events/:id`.
  app.get("/events/:id", { schema: { params: IdParams } }, async (request, reply) => showEvent(request, reply, (request.params as Static<typeof IdParams>).id));

  const RsvpFormBody = Type.Object({ answer0: Type.Optional(Text({ maxLength: 500 })), answer1: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false });
  app.post("/events/:id/rsvp", { config: { access: "member" }, schema: { params: IdParams, body: RsvpFormBody } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const body = request.body as Static<typeof RsvpFormBody>;
    const state = await rsvp(db, memberOf(request), id, [body.answer0 ?? "", body.answer1 ?? ""]);
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: state.status === "going" ? "events.flash.going" : "events.flash.waitlisted" });
  });

  app.post("/events/:id/rsvp/cancel", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    await cancelRsvp(db, memberOf(request), id);
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.rsvpCancelled" });
  });

  app.post("/events/:id/cancel", { config: { access: "member" }, schema: { params: IdParams, body: Type.Object({ reason: Text({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }) } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    await cancelEvent(db, memberOf(request), id, (request.body as { reason: string }).reason, { ip: request.ip });
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.eventCancelled" });
  });

  const FeedbackBody = Type.Object({ rating: Type.Enum(["1", "2", "3", "4", "5"]), comment: Text({ maxLength: 2000 }) }, { additionalProperties: false });
  app.post("/events/:id/feedback", { config: { access: "member" }, schema: { params: IdParams, body: FeedbackBody } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const actor = memberOf(request);
    const body = request.body as Static<typeof FeedbackBody>;
    const attended = await db
      .selectFrom("event_rsvps")
      .innerJoin("events", "events.id", "event_rsvps.event_id")
      .select("event_rsvps.id")
      .where("event_rsvps.event_id", "=", id)
      .where("event_rsvps.member_id", "=", actor.id)
      .where("event_rsvps.status", "=", "going")
      .where("events.ends_at", "<=", new Date())
      .executeTakeFirst();
    if (!attended) throw conflict("feedback_not_open", "events.errors.feedbackNotOpen");
    await db.insertInto("event_feedback").values({ event_id: id, member_id: actor.id, rating: Number(body.rating), comment: body.comment.trim() }).onConflict((oc) => oc.columns(["event_id", "member_id"]).doNothing()).execute();
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.feedback" });
  });

  // ---- creating events ----------------------------------------------------------------------

  async function showEventForm(request: FastifyRequest, reply: FastifyReply, values: EventFormValues, problem?: { errors: AppError["fields"]; message: string }, status = 200) {
    const actor = memberOf(request);
    const now = new Date();
    const licences = await db.selectFrom("event_licences").select(["id", "conditions", "events_used", "valid_until"]).where("applicant_id", "=", actor.id).where("status", "=", "approved").where("valid_until", ">", now).execute();
    const usable = licences.filter((licence) => licence.conditions && licence.events_used < licence.conditions.maxEvents).map((licence) => ({ id: licence.id, maxAttendees: licence.conditions?.maxAttendees ?? 0 }));
    const groups = await db.selectFrom("event_groups").select(["id", "name"]).orderBy("name").execute();
    return sendPage(
      request,
      reply,
      <EventFormPage values={values} errors={problem?.errors} message={problem?.message} licences={usable} official={can(actor, "events.manage")} groups={groups} timeZones={TIME_ZONES} />,
      { title: request.t("events.form.title"), head, status },
    );
  }

  app.get("/events/new", { config: { access: "member" } }, async (request, reply) => {
    const start = new Date(Date.now() + 14 * 86_400_000);
    start.setUTCHours(17, 0, 0, 0);
    const zone = "UTC";
    const language = request.locale;
    return showEventForm(request, reply, {
      title: "", description: "", language, format: "in_person", venue: "", city: "", latitude: "", longitude: "", onlineUrl: "",
      startsAt: toLocalInput(start, zone), endsAt: toLocalInput(new Date(start.getTime() + 2 * 3_600_000), zone), timeZone: zone, capacity: "50", question: "", licenceId: "", groupId: "",
    });
  });

  app.post("/events/new", { config: { access: "member" }, schema: { body: EventFormBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const values = textValues(request.body, EVENT_FIELDS);
    if (request.validationError) return showEventForm(request, reply, values, { errors: validationErrors(request) ?? {}, message: request.t("common.formHasErrors") }, 400);
    try {
      const id = await createEvent(db, actor, toEventInput(values));
      return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.created" });
    } catch (error) {
      return showEventForm(request, reply, values, formError(request, error), 400);
    }
  });

  // ---- licences -----------------------------------------------------------------------------

  async function showLicences(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problem?: { errors: AppError["fields"]; message: string }, status = 200) {
    const actor = memberOf(request);
    const licences = await db.selectFrom("event_licences").select(["id", "city", "status", "conditions", "valid_until", "events_used", "decision_reason"]).where("applicant_id", "=", actor.id).orderBy("id", "desc").execute();
    const eligible = mayApplyForLicence(await readSetting(db, eventsSettings), memberTrustLevel(actor, new Date()));
    return sendPage(request, reply, <LicencesPage licences={licences} eligible={eligible} values={values} errors={problem?.errors} message={problem?.message} />, { title: request.t("events.licences.title"), head, status });
  }

  app.get("/events/licences", { config: { access: "member" } }, async (request, reply) => showLicences(request, reply, { about: "", city: "", reason: "", expectedAttendance: "30" }));

  app.post("/events/licences", { config: { access: "member" }, schema: { body: LicenceFormBody }, attachValidation: true }, async (request, reply) => {
    const values = textValues(request.body, ["about", "city", "reason", "format", "expectedAttendance"] as const);
    if (request.validationError) return showLicences(request, reply, values, { errors: validationErrors(request) ?? {}, message: request.t("common.formHasErrors") }, 400);
    try {
      await applyForLicence(db, memberOf(request), { about: values.about, city: values.city, reason: values.reason, format: values.format as "in_person" | "online", expectedAttendance: Number(values.expectedAttendance) });
      return redirectWithFlash(reply, "/events/licences", { kind: "success", key: "events.flash.applied" });
    } catch (error) {
      return showLicences(request, reply, values, formError(request, error), 400);
    }
  });

  // ---- check-in -----------------------------------------------------------------------------

  async function organisedEvent(request: FastifyRequest, id: number) {
    const { event, coOrganiserIds } = await eventForViewer(request, id);
    if (!canOrganise(request.actor, event, coOrganiserIds)) throw notFound("event_not_found", "events.errors.notFound");
    return event;
  }

  app.get("/events/:id/check-in", { config: { access: "member" }, schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const event = await organisedEvent(request, id);
    const rows = await db
      .selectFrom("event_rsvps")
      .innerJoin("accounts", "accounts.id", "event_rsvps.member_id")
      .select(["event_rsvps.id", "accounts.name", "event_rsvps.checked_in_at"])
      .where("event_rsvps.event_id", "=", id)
      .where("event_rsvps.status", "=", "going")
      .orderBy("accounts.name")
      .execute();
    const title = localized(event.title, request.locale, event.language);
    return sendPage(request, reply, <CheckInPage eventId={id} title={title} rows={rows} />, { title: request.t("events.checkIn.title"), head });
  });

  const RsvpParams = Type.Object({ id: IdParams.properties.id, rsvpId: IdParams.properties.id });
  const SigQuery = Type.Object({ sig: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

  /** The page a ticket's QR code opens: the signed link names the attendee; the organiser confirms. */
  app.get("/events/:id/check-in/:rsvpId", { config: { access: "member" }, schema: { params: RsvpParams, querystring: SigQuery } }, async (request, reply) => {
    const { id, rsvpId } = request.params as Static<typeof RsvpParams>;
    const { sig } = request.query as Static<typeof SigQuery>;
    if (!checkInSignatureValid(config.sessionSecret, id, rsvpId, sig)) throw notFound();
    const event = await organisedEvent(request, id);
    const row = await db
      .selectFrom("event_rsvps")
      .innerJoin("accounts", "accounts.id", "event_rsvps.member_id")
      .select(["event_rsvps.id", "accounts.name", "event_rsvps.checked_in_at"])
      .where("event_rsvps.id", "=", rsvpId)
      .where("event_rsvps.event_id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound();
    return sendPage(request, reply, <ScanPage eventId={id} title={localized(event.title, request.locale, event.language)} row={row} signature={sig} />, { title: request.t("events.checkIn.scanTitle"), head });
  });

  app.post("/events/:id/check-in/:rsvpId", { config: { access: "member" }, schema: { params: RsvpParams, body: Type.Object({ sig: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }) } }, async (request, reply) => {
    const { id, rsvpId } = request.params as Static<typeof RsvpParams>;
    const result = await checkIn(db, memberOf(request), id, rsvpId);
    return redirectWithFlash(reply, `/events/${id}/check-in`, { kind: "success", key: result.alreadyIn ? "events.flash.alreadyIn" : "events.flash.checkedIn" });
  });

  // ---- groups -------------------------------------------------------------------------------

  app.get("/groups", async (request, reply) => {
    const groups = await db
      .selectFrom("event_groups")
      .leftJoin("event_group_members", "event_group_members.group_id", "event_groups.id")
      .select((eb) => ["event_groups.slug", "event_groups.name", "event_groups.city", eb.fn.count<number>("event_group_members.account_id").as("members")])
      .groupBy(["event_groups.id", "event_groups.slug", "event_groups.name", "event_groups.city"])
      .orderBy("event_groups.city")
      .execute();
    return sendPage(request, reply, <GroupsPage groups={groups.map((group) => ({ ...group, members: Number(group.members) }))} />, { title: request.t("events.groups.title"), head });
  });

  const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,62}$" }) });

  async function groupBySlug(slug: string) {
    const group = await db.selectFrom("event_groups").selectAll().where("slug", "=", slug).executeTakeFirst();
    if (!group) throw notFound("group_not_found", "events.errors.groupNotFound");
    return group;
  }

  app.get("/groups/:slug", { schema: { params: SlugParams } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    const people = await db.selectFrom("event_group_members").innerJoin("accounts", "accounts.id", "event_group_members.account_id").select(["accounts.id", "accounts.name", "event_group_members.role"]).where("group_id", "=", group.id).execute();
    const rows = await listEvents(db, { groupId: group.id, since: new Date(), limit: LIST_LIMIT });
    const events = rows.map((row) => presentEvent(row, { actor: request.actor, locale: request.locale, baseUrl: "", coOrganiserIds: [], rsvp: null }));
    return sendPage(
      request,
      reply,
      <GroupPage group={group} organisers={people.filter((person) => person.role === "organiser").map((person) => person.name)} members={people.length} isMember={people.some((person) => person.id === request.actor?.id)} events={events} />,
      { title: group.name, head },
    );
  });

  app.post("/groups/:slug/join", { config: { access: "member" }, schema: { params: SlugParams, body: EmptyBody } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    await db.insertInto("event_group_members").values({ group_id: group.id, account_id: memberOf(request).id }).onConflict((oc) => oc.columns(["group_id", "account_id"]).doNothing()).execute();
    return redirectWithFlash(reply, `/groups/${group.slug}`, { kind: "success", key: "events.flash.joined" });
  });

  app.post("/groups/:slug/leave", { config: { access: "member" }, schema: { params: SlugParams, body: EmptyBody } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    await db.deleteFrom("event_group_members").where("group_id", "=", group.id).where("account_id", "=", memberOf(request).id).where("role", "=", "member").execute();
    return redirectWithFlash(reply, `/groups/${group.slug}`, { kind: "success", key: "events.flash.left" });
  });
}
