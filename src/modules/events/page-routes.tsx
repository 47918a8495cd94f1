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
import { can } from "../../platform/auth/permissions.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { type AppError, notFound } from "../../platform/errors.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { eventForViewer } from "./api-routes.ts";
import { memberFeedSignature } from "./calendar-routes.ts";
import { canOrganise } from "./policy.ts";
import { presentEvent } from "./presenters.ts";
import { localized, MAX_PHOTOS_PER_MEMBER, toLocalInput, type AttendanceNumbers } from "./rules.ts";
import { formError, memberOf, textValues, uploadedFiles } from "./form-helpers.ts";
import { addEventPhotos, feedbackReport, giveFeedback, mayGiveFeedback, photosOf, removeEventPhoto } from "./after.ts";
import { applyForLicence, cancelEvent, cancelRsvp, changeCapacity, checkIn, checkInSignature, checkInSignatureValid, createEvent, licenceEligibility, rsvp, type EventInput } from "./service.ts";
import { licenceOf, listEvents } from "./store.ts";
import type { AfterProps } from "./views/after.tsx";
import { CheckInPage, EventFormPage, EventPage, EventsListPage, LicencesPage, ScanPage, type EventFormValues } from "./views/pages.tsx";
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

  async function showEvent(request: FastifyRequest, reply: FastifyReply, id: number, capacityProblem: { errors?: AppError["fields"]; message?: string; value?: string } = {}, status = 200): Promise<FastifyReply> {
    const now = new Date();
    const { event, coOrganiserIds, attendance, json } = await eventForViewer(request, id, now);
    const licenceRow = event.licence_id === null ? null : await licenceOf(db, event.licence_id);
    const rsvpRow = request.actor ? await db.selectFrom("event_rsvps").select(["id", "status"]).where("event_id", "=", id).where("member_id", "=", request.actor.id).executeTakeFirst() : undefined;
    let ticket = null;
    if (rsvpRow?.status === "going") {
      const url = `${config.baseUrl}/events/${id}/check-in/${rsvpRow.id}?sig=${checkInSignature(config.sessionSecret, id, rsvpRow.id)}`;
      ticket = { url, svg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
    }
    const ended = event.ends_at <= now;
    const organises = canOrganise(request.actor, event, coOrganiserIds);
    const after = event.starts_at <= now && !event.cancelled_at ? await afterProps(request, event, organises, ended, attendance, now) : null;
    const capacity = organises && !ended && !event.cancelled_at ? { cap: licenceRow?.conditions?.maxAttendees ?? null, value: String(event.capacity), ...capacityProblem } : null;
    return sendPage(
      request,
      reply,
      <EventPage
        event={json}
        descriptionSource={localized(event.description, request.locale, event.language)}
        licence={licenceRow ? { id: licenceRow.id, conditions: licenceRow.conditions, validUntil: licenceRow.valid_until } : null}
        organises={organises}
        ticket={ticket}
        ended={ended}
        after={after}
        capacity={capacity}
      />,
      { title: json.title, head, status },
    );
  }

  async function afterProps(request: FastifyRequest, event: { id: number; title: Record<string, string>; language: string; ends_at: Date; cancelled_at: Date | null }, organises: boolean, ended: boolean, attendance: AttendanceNumbers | null, now: Date): Promise<AfterProps> {
    const report = await feedbackReport(db, event.id);
    const actor = request.actor;
    const checkedIn = actor ? await db.selectFrom("event_rsvps").select("checked_in_at").where("event_id", "=", event.id).where("member_id", "=", actor.id).where("status", "=", "going").executeTakeFirst() : undefined;
    return {
      eventId: event.id,
      title: localized(event.title, request.locale, event.language),
      ended,
      attendance,
      rating: { average: report.average, count: report.count },
      report: organises ? report : null,
      canGiveFeedback: actor !== null && ended && (await mayGiveFeedback(db, actor.id, event, now)),
      photos: await photosOf(db, event.id),
      canAddPhotos: organises || Boolean(checkedIn?.checked_in_at),
      viewerId: actor?.id ?? null,
      organises,
    };
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

  const FeedbackBody = Type.Object({ rating: Type.Enum(["1", "2", "3", "4", "5"]), best: Text({ maxLength: 500 }), improve: Text({ maxLength: 500 }) }, { additionalProperties: false });
  app.post("/events/:id/feedback", { config: { access: "member" }, schema: { params: IdParams, body: FeedbackBody } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const body = request.body as Static<typeof FeedbackBody>;
    await giveFeedback(db, memberOf(request), id, { rating: Number(body.rating), best: body.best, improve: body.improve });
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.feedback" });
  });

  // Files of a multipart body arrive as buffers; addEventPhotos checks each.
  const PhotosBody = Type.Object({ photos: Type.Optional(Type.Unknown()) });
  app.post("/events/:id/photos", { config: { access: "member", multipartOptions: { limits: { files: MAX_PHOTOS_PER_MEMBER + 1 } } }, schema: { params: IdParams, body: PhotosBody } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    await addEventPhotos(app.hearth, memberOf(request), id, uploadedFiles(request.body, "photos"));
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.photos" });
  });

  const PhotoParams = Type.Object({ id: IdParams.properties.id, photoId: IdParams.properties.id });
  app.post("/events/:id/photos/:photoId/delete", { config: { access: "member" }, schema: { params: PhotoParams, body: EmptyBody } }, async (request, reply) => {
    const { id, photoId } = request.params as Static<typeof PhotoParams>;
    await removeEventPhoto(app.hearth, memberOf(request), id, photoId, { ip: request.ip });
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.photoRemoved" });
  });

  const CapacityBody = Type.Object({ capacity: Type.String({ pattern: "^[0-9]{1,6}$" }) }, { additionalProperties: false });
  app.post("/events/:id/capacity", { config: { access: "member" }, schema: { params: IdParams, body: CapacityBody }, attachValidation: true }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    await organisedEvent(request, id);
    const value = textValues(request.body, ["capacity"] as const).capacity;
    const capacity = Number(value);
    if (request.validationError || capacity < 1) return showEvent(request, reply, id, { errors: { capacity: { key: "events.errors.capacity" } }, message: request.t("events.errors.capacity"), value }, 400);
    try {
      await changeCapacity(db, memberOf(request), id, capacity, { ip: request.ip });
    } catch (error) {
      return showEvent(request, reply, id, { ...formError(request, error), value }, 400);
    }
    return redirectWithFlash(reply, `/events/${id}`, { kind: "success", key: "events.flash.capacity" });
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
    const { eligible, minTrustLevel } = await licenceEligibility(db, actor.id);
    return sendPage(request, reply, <LicencesPage licences={licences} eligible={eligible} minTrustLevel={minTrustLevel} values={values} errors={problem?.errors} message={problem?.message} />, { title: request.t("events.licences.title"), head, status });
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
}
