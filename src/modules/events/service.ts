/**
 * The events use cases. Each is one transaction that checks permissions and rules, writes, records the
 * activity or the audit entry, and schedules what must be said. Seats are counted on the event's row,
 * which every RSVP, cancellation and capacity change locks first: the counters and the waitlist order
 * stay exact however many members click at once.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { recordActivity } from "../../platform/activity/index.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { authorize, can, type Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor, type Tx } from "../../platform/db/index.ts";
import { AppError, conflict, forbidden, invalid, notFound, type FieldErrors } from "../../platform/errors.ts";
import { notify } from "../../platform/notify/index.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { trustLevelOf } from "../members/index.ts";
import { announceCancellation, tellMember } from "./notifications.ts";
import { canOrganise } from "./policy.ts";
import {
  approvalTerms,
  dueReminder,
  isValidTimeZone,
  licenceRefusal,
  mayApplyForLicence,
  promotions,
  rsvpOutcome,
  rsvpRefusal,
  scheduleProblems,
  zonedToInstant,
  type RsvpStatus,
} from "./rules.ts";
import { eventsSettings } from "./settings.ts";

export interface Meta {
  ip?: string | null;
}

export interface LicenceApplication {
  about: string;
  city: string;
  reason: string;
  format: "in_person" | "online";
  expectedAttendance: number;
}

/** The site's minimum trust level for a licence, and whether the member's stored level (members module) reaches it. */
export async function licenceEligibility(db: Executor, accountId: number, now = new Date()): Promise<{ eligible: boolean; minTrustLevel: number }> {
  const policy = await readSetting(db, eventsSettings);
  return { eligible: mayApplyForLicence(policy, await trustLevelOf(db, accountId, now)), minTrustLevel: policy.minTrustLevel };
}

/** A member applies for a licence to run events; the trust level must reach the site's minimum. */
export async function applyForLicence(db: Executor, actor: Actor, input: LicenceApplication, now = new Date()): Promise<number> {
  const { eligible, minTrustLevel } = await licenceEligibility(db, actor.id, now);
  if (!eligible) throw new AppError("forbidden", "trust_level_too_low", "events.errors.trustLevel", { level: minTrustLevel });
  return inTransaction(db, async (tx) => {
    const open = await tx.selectFrom("event_licences").select("id").where("applicant_id", "=", actor.id).where("status", "=", "applied").executeTakeFirst();
    if (open) throw conflict("application_pending", "events.errors.applicationPending");
    const row = await tx
      .insertInto("event_licences")
      .values({ applicant_id: actor.id, about: input.about.trim(), city: input.city.trim(), reason: input.reason.trim(), format: input.format, expected_attendance: input.expectedAttendance, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export type LicenceDecision =
  | { decision: "approve" | "extend"; maxAttendees?: number | undefined; maxEvents?: number | undefined; validityMonths?: number | undefined; brandRules?: string | undefined }
  | { decision: "reject" | "revoke"; reason: string };

type Refusal = Extract<LicenceDecision, { reason: string }>;

function isRefusal(choice: LicenceDecision): choice is Refusal {
  return choice.decision === "reject" || choice.decision === "revoke";
}

const DECIDABLE_FROM = { approve: ["applied"], reject: ["applied"], extend: ["approved"], revoke: ["approved"] } as const;

/**
 * Staff approve an application with conditions, reject it with a reason, extend an approved licence
 * (more events, a larger cap, a new validity from today; unchanged conditions stay) or revoke it.
 * Audited; the applicant is told.
 */
export async function decideLicence(db: Executor, actor: Actor, id: number, choice: LicenceDecision, meta: Meta = {}, now = new Date()): Promise<void> {
  authorize(actor, "events.manage");
  const reason = isRefusal(choice) ? choice.reason.trim() : "";
  if (isRefusal(choice) && reason === "") throw invalid("reason_required", "events.errors.reasonRequired", { reason: { key: "events.errors.reasonRequired" } });
  const policy = await readSetting(db, eventsSettings);
  await inTransaction(db, async (tx) => {
    const licence = await tx.selectFrom("event_licences").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!licence) throw notFound("licence_not_found", "events.errors.licenceNotFound");
    if (!(DECIDABLE_FROM[choice.decision] as readonly string[]).includes(licence.status)) throw conflict("invalid_transition", "events.errors.invalidTransition");
    const decided = { decided_by: actor.id, decided_at: now };
    if (isRefusal(choice)) {
      await tx.updateTable("event_licences").set({ ...decided, status: choice.decision === "reject" ? "rejected" : "revoked", decision_reason: reason }).where("id", "=", id).execute();
      await recordAudit(tx, { actorId: actor.id, action: `events.licence.${choice.decision}`, subjectType: "event_licence", subjectId: id, details: { reason }, ip: meta.ip ?? null });
    } else {
      const current = licence.conditions;
      const base = current ? { ...policy, defaultMaxAttendees: current.maxAttendees, defaultMaxEvents: current.maxEvents } : policy;
      const terms = approvalTerms(base, { ...choice, brandRules: choice.brandRules ?? current?.brandRules }, now);
      await tx.updateTable("event_licences").set({ ...decided, status: "approved", conditions: JSON.stringify(terms.conditions), valid_until: terms.validUntil, decision_reason: "" }).where("id", "=", id).execute();
      await recordAudit(tx, { actorId: actor.id, action: `events.licence.${choice.decision}`, subjectType: "event_licence", subjectId: id, details: { ...terms.conditions, validUntil: terms.validUntil.toISOString() }, ip: meta.ip ?? null });
    }
    await notify(tx, { accountId: licence.applicant_id, type: "events.licence_decided", params: { decision: choice.decision, reason }, url: "/events/licences" });
  });
}

export interface EventInput {
  title: Record<string, string>;
  description: Record<string, string>;
  language: "en" | "fa" | "he";
  format: "in_person" | "online";
  venue: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  /** An instant with an offset (`…Z`, `…+03:30`) or a wall time in the event's zone (`2026-03-28T19:00`). */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: number;
  questions: string[];
  coOrganiserIds: number[];
  groupId: number | null;
  /** The licence the event runs under; none makes it an official event, which only staff may create. */
  licenceId: number | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a time as an instant: with an offset as given, else as a wall time in the zone. */
export function parseEventTime(value: string, timeZone: string): Date | null {
  if (INSTANT.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  try {
    return zonedToInstant(value, timeZone);
  } catch {
    return null;
  }
}

const PROBLEM_KEYS = { time_zone: "events.errors.timeZone", end_before_start: "events.errors.endBeforeStart", in_past: "events.errors.inPast", too_long: "events.errors.tooLong" } as const;

/** The event's times as instants, or a 400 naming each wrong field. */
function schedule(input: Pick<EventInput, "startsAt" | "endsAt" | "timeZone">, now: Date): { startsAt: Date; endsAt: Date } {
  const fields: FieldErrors = {};
  if (!isValidTimeZone(input.timeZone)) throw invalid("invalid_time_zone", PROBLEM_KEYS.time_zone, { timeZone: { key: PROBLEM_KEYS.time_zone } });
  const startsAt = parseEventTime(input.startsAt, input.timeZone);
  const endsAt = parseEventTime(input.endsAt, input.timeZone);
  if (!startsAt) fields.startsAt = { key: "events.errors.time" };
  if (!endsAt) fields.endsAt = { key: "events.errors.time" };
  if (!startsAt || !endsAt) throw invalid("invalid_time", "events.errors.time", fields);
  const found = scheduleProblems({ startsAt, endsAt, timeZone: input.timeZone }, now);
  for (const [field, problem] of Object.entries(found)) fields[field] = { key: PROBLEM_KEYS[problem] };
  const first = Object.values(found)[0];
  if (first) throw invalid(first, PROBLEM_KEYS[first], fields);
  return { startsAt, endsAt };
}

function placeProblems(input: EventInput): FieldErrors {
  const fields: FieldErrors = {};
  if (!Object.values(input.title).some((title) => title.trim() !== "")) fields.title = { key: "errors.field.required" };
  if (input.format === "online" && !input.onlineUrl) fields.onlineUrl = { key: "events.errors.onlineUrl" };
  if (input.format === "in_person" && input.city.trim() === "") fields.city = { key: "errors.field.required" };
  if ((input.latitude === null) !== (input.longitude === null)) fields.latitude = { key: "events.errors.coordinates" };
  return fields;
}

const LICENCE_ERRORS = {
  not_yours: () => forbidden("licence_not_yours", "events.errors.licenceNotYours"),
  not_approved: () => forbidden("licence_not_approved", "events.errors.licenceNotApproved"),
  revoked: () => forbidden("licence_revoked", "events.errors.licenceRevoked"),
  expired: () => forbidden("licence_expired", "events.errors.licenceExpired"),
  used_up: () => conflict("licence_used_up", "events.errors.licenceUsedUp"),
  over_cap: () => forbidden("licence_cap_exceeded", "events.errors.licenceCap"),
} as const;

/** Locks a licence and checks that it covers the event; throws the licence's refusal otherwise. */
async function assertLicence(tx: Tx, licenceId: number, organiserId: number, event: { capacity: number; startsAt: Date; newEvent: boolean }, now: Date): Promise<void> {
  const licence = await tx.selectFrom("event_licences").selectAll().where("id", "=", licenceId).forUpdate().executeTakeFirst();
  if (!licence) throw notFound("licence_not_found", "events.errors.licenceNotFound");
  const refusal = licenceRefusal(
    { applicantId: licence.applicant_id, status: licence.status, conditions: licence.conditions, validUntil: licence.valid_until, eventsUsed: licence.events_used },
    organiserId,
    event,
    now,
  );
  if (refusal) throw LICENCE_ERRORS[refusal]();
}

/** Staff create official events; a licensed member creates one under their licence, within its conditions. */
export async function createEvent(db: Executor, actor: Actor, input: EventInput, now = new Date()): Promise<number> {
  if (input.licenceId === null) authorize(actor, "events.manage");
  const { startsAt, endsAt } = schedule(input, now);
  const fields = placeProblems(input);
  if (Object.keys(fields).length > 0) throw invalid("validation_failed", "errors.validation", fields);
  return inTransaction(db, async (tx) => {
    if (input.licenceId !== null) {
      await assertLicence(tx, input.licenceId, actor.id, { capacity: input.capacity, startsAt, newEvent: true }, now);
      await tx.updateTable("event_licences").set({ events_used: sql`events_used + 1` }).where("id", "=", input.licenceId).execute();
    }
    if (input.groupId !== null) {
      const group = await tx.selectFrom("event_groups").select("id").where("id", "=", input.groupId).executeTakeFirst();
      if (!group) throw invalid("unknown_group", "events.errors.unknownGroup", { groupId: { key: "events.errors.unknownGroup" } });
    }
    const clean = (texts: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(texts).map(([locale, text]) => [locale, text.trim()]).filter(([, text]) => text !== "")));
    const row = await tx
      .insertInto("events")
      .values({
        kind: input.licenceId === null ? "official" : "member",
        licence_id: input.licenceId,
        organiser_id: actor.id,
        group_id: input.groupId,
        title: clean(input.title),
        description: clean(input.description),
        language: input.language,
        format: input.format,
        venue: input.venue.trim(),
        city: input.city.trim(),
        latitude: input.latitude,
        longitude: input.longitude,
        online_url: input.onlineUrl,
        starts_at: startsAt,
        ends_at: endsAt,
        time_zone: input.timeZone,
        capacity: input.capacity,
        questions: JSON.stringify(input.questions.map((question) => question.trim()).filter(Boolean)),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const coOrganisers = [...new Set(input.coOrganiserIds)].filter((id) => id !== actor.id);
    if (coOrganisers.length > 0) {
      const known = await tx.selectFrom("accounts").select("id").where("id", "in", coOrganisers).execute();
      if (known.length !== coOrganisers.length) throw invalid("unknown_co_organiser", "events.errors.unknownCoOrganiser", { coOrganiserIds: { key: "events.errors.unknownCoOrganiser" } });
      await tx.insertInto("event_co_organisers").values(coOrganisers.map((accountId) => ({ event_id: row.id, account_id: accountId }))).execute();
    }
    await recordActivity(tx, { actorId: actor.id, type: "event.organised", subjectType: "event", subjectId: row.id, occurredAt: now });
    if (input.licenceId === null) await recordAudit(tx, { actorId: actor.id, action: "events.create_official", subjectType: "event", subjectId: row.id });
    return row.id;
  });
}

async function lockEvent(tx: Tx, eventId: number) {
  const event = await tx.selectFrom("events").selectAll().where("id", "=", eventId).forUpdate().executeTakeFirst();
  if (!event) throw notFound("event_not_found", "events.errors.notFound");
  return event;
}

export async function coOrganisersOf(db: Executor, eventId: number): Promise<number[]> {
  return (await db.selectFrom("event_co_organisers").select("account_id").where("event_id", "=", eventId).execute()).map((row) => row.account_id);
}

/**
 * Moves the earliest waitlisted members into free seats, under the event's lock, and tells each of
 * them once (the key names the waitlist position they were promoted from).
 */
async function promoteWaitlisted(tx: Tx, event: { id: number; capacity: number }, going: number, waitlisted: number, now: Date): Promise<number> {
  const count = promotions(event.capacity, going, waitlisted);
  if (count === 0) return 0;
  const promoted = await sql<{ id: number; member_id: number; position: number }>`
    update event_rsvps set status = 'going', updated_at = ${now}
    where id in (select id from event_rsvps where event_id = ${event.id} and status = 'waitlisted' order by position limit ${count})
    returning id, member_id, position`.execute(tx);
  for (const row of promoted.rows) await tellMember(tx, event.id, row.member_id, "promoted", `${row.id}:${row.position}`);
  const moved = promoted.rows.length;
  await tx.updateTable("events").set({ going_count: sql`going_count + ${moved}`, waitlist_count: sql`waitlist_count - ${moved}` }).where("id", "=", event.id).execute();
  return moved;
}

export interface RsvpState {
  status: RsvpStatus;
  /** Place in the waitlist (1 = next), for a waitlisted member. */
  waitlistPlace: number | null;
}

async function waitlistPlaceOf(db: Executor, eventId: number, position: number): Promise<number> {
  const row = await db
    .selectFrom("event_rsvps")
    .select((eb) => eb.fn.countAll<number>().as("ahead"))
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .where("position", "<", position)
    .executeTakeFirst();
  return Number(row?.ahead ?? 0) + 1;
}

function refuseRsvp(event: { cancelled_at: Date | null; starts_at: Date }, now: Date): void {
  const refusal = rsvpRefusal({ cancelledAt: event.cancelled_at, startsAt: event.starts_at }, now);
  if (refusal === "cancelled") throw conflict("event_cancelled", "events.errors.cancelled");
  if (refusal === "started") throw conflict("event_started", "events.errors.started");
}

/** RSVPs (idempotent): a seat while any is free, else the end of the waitlist. */
export async function rsvp(db: Executor, actor: Actor, eventId: number, answers: string[] = [], now = new Date()): Promise<RsvpState> {
  return inTransaction(db, async (tx) => {
    const event = await lockEvent(tx, eventId);
    refuseRsvp(event, now);
    const existing = await tx.selectFrom("event_rsvps").select(["id", "status", "position"]).where("event_id", "=", eventId).where("member_id", "=", actor.id).executeTakeFirst();
    if (existing && existing.status !== "cancelled") {
      return { status: existing.status, waitlistPlace: existing.status === "waitlisted" && existing.position !== null ? await waitlistPlaceOf(tx, eventId, existing.position) : null };
    }
    const status = rsvpOutcome(event.capacity, event.going_count);
    const position = status === "waitlisted" ? event.next_position : null;
    const values = { status, position, answers: JSON.stringify(answers.slice(0, event.questions.length)), updated_at: now, checked_in_at: null, checked_in_by: null };
    if (existing) await tx.updateTable("event_rsvps").set(values).where("id", "=", existing.id).execute();
    else await tx.insertInto("event_rsvps").values({ ...values, event_id: eventId, member_id: actor.id, created_at: now }).execute();
    await tx
      .updateTable("events")
      .set(status === "going" ? { going_count: sql`going_count + 1` } : { waitlist_count: sql`waitlist_count + 1`, next_position: sql`next_position + 1` })
      .where("id", "=", eventId)
      .execute();
    return { status, waitlistPlace: status === "waitlisted" ? event.waitlist_count + 1 : null };
  });
}

/** Cancels a member's RSVP (idempotent); a freed seat goes to the earliest waitlisted member. */
export async function cancelRsvp(db: Executor, actor: Actor, eventId: number, now = new Date()): Promise<RsvpState> {
  return inTransaction(db, async (tx) => {
    const event = await lockEvent(tx, eventId);
    refuseRsvp(event, now);
    const existing = await tx.selectFrom("event_rsvps").select(["id", "status"]).where("event_id", "=", eventId).where("member_id", "=", actor.id).executeTakeFirst();
    if (!existing || existing.status === "cancelled") return { status: "cancelled", waitlistPlace: null };
    await tx.updateTable("event_rsvps").set({ status: "cancelled", position: null, updated_at: now }).where("id", "=", existing.id).execute();
    const wasGoing = existing.status === "going";
    await tx.updateTable("events").set(wasGoing ? { going_count: sql`going_count - 1` } : { waitlist_count: sql`waitlist_count - 1` }).where("id", "=", eventId).execute();
    if (wasGoing) await promoteWaitlisted(tx, event, event.going_count - 1, event.waitlist_count, now);
    return { status: "cancelled", waitlistPlace: null };
  });
}

/**
 * The organisers change the capacity. Under a licence it stays within the licence's cap (only staff
 * can grant a larger licence); a larger capacity promotes waitlisted members into the new seats.
 */
export async function changeCapacity(db: Executor, actor: Actor, eventId: number, capacity: number, meta: Meta = {}, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!canOrganise(actor, event, await coOrganisersOf(tx, eventId))) throw forbidden();
    if (event.cancelled_at) throw conflict("event_cancelled", "events.errors.cancelled");
    if (event.licence_id !== null) await assertLicence(tx, event.licence_id, event.organiser_id, { capacity, startsAt: event.starts_at, newEvent: false }, now);
    await tx.updateTable("events").set({ capacity }).where("id", "=", eventId).execute();
    await promoteWaitlisted(tx, { id: eventId, capacity }, event.going_count, event.waitlist_count, now);
    if (actor.id !== event.organiser_id && can(actor, "events.manage")) {
      await recordAudit(tx, { actorId: actor.id, action: "events.capacity", subjectType: "event", subjectId: eventId, details: { from: event.capacity, to: capacity }, ip: meta.ip ?? null });
    }
  });
}

/** The organisers (or staff) cancel an event; everyone going or waitlisted is told once. */
export async function cancelEvent(db: Executor, actor: Actor, eventId: number, reason: string, meta: Meta = {}, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!canOrganise(actor, event, await coOrganisersOf(tx, eventId))) throw forbidden();
    if (event.cancelled_at) return;
    await tx.updateTable("events").set({ cancelled_at: now, cancel_reason: reason.trim() }).where("id", "=", eventId).execute();
    await announceCancellation(tx, eventId, reason.trim());
    if (actor.id !== event.organiser_id && can(actor, "events.manage")) {
      await recordAudit(tx, { actorId: actor.id, action: "events.cancel", subjectType: "event", subjectId: eventId, details: { reason: reason.trim() }, ip: meta.ip ?? null });
    }
  });
}

/** The signature of an attendee's check-in link: only the app can make one, and it names one RSVP of one event. */
export function checkInSignature(secret: string, eventId: number, rsvpId: number): string {
  return createHmac("sha256", secret).update(`event-check-in:${eventId}:${rsvpId}`).digest("base64url").slice(0, 32);
}

export function checkInSignatureValid(secret: string, eventId: number, rsvpId: number, signature: string): boolean {
  const expected = Buffer.from(checkInSignature(secret, eventId, rsvpId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** An organiser checks a going member in (idempotent); attendance is the member's activity, with the organiser as its target. */
export async function checkIn(db: Executor, actor: Actor, eventId: number, rsvpId: number, now = new Date()): Promise<{ memberId: number; alreadyIn: boolean }> {
  return inTransaction(db, async (tx) => {
    const event = await tx.selectFrom("events").select(["id", "organiser_id", "cancelled_at"]).where("id", "=", eventId).executeTakeFirst();
    if (!event) throw notFound("event_not_found", "events.errors.notFound");
    if (!canOrganise(actor, event, await coOrganisersOf(tx, eventId))) throw forbidden();
    if (event.cancelled_at) throw conflict("event_cancelled", "events.errors.cancelled");
    const row = await tx.selectFrom("event_rsvps").select(["id", "member_id", "status", "checked_in_at"]).where("id", "=", rsvpId).where("event_id", "=", eventId).forUpdate().executeTakeFirst();
    if (!row) throw notFound("rsvp_not_found", "events.errors.rsvpNotFound");
    if (row.status !== "going") throw conflict("not_going", "events.errors.notGoing");
    if (row.checked_in_at) return { memberId: row.member_id, alreadyIn: true };
    await tx.updateTable("event_rsvps").set({ checked_in_at: now, checked_in_by: actor.id }).where("id", "=", rsvpId).execute();
    await recordActivity(tx, { actorId: row.member_id, type: "event.attended", subjectType: "event", subjectId: eventId, targetId: event.organiser_id, occurredAt: now });
    return { memberId: row.member_id, alreadyIn: false };
  });
}

/** Sends the reminders that are due, once each (keyed by RSVP, kind and start time, so a moved event reminds again). */
export async function sendDueReminders(db: Executor, now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom("events as e")
    .innerJoin("event_rsvps as r", (join) => join.onRef("r.event_id", "=", "e.id").on("r.status", "=", "going"))
    .select(["e.id as eventId", "e.starts_at as startsAt", "r.id as rsvpId", "r.member_id as memberId"])
    .where("e.cancelled_at", "is", null)
    .where("e.starts_at", ">", now)
    .where("e.starts_at", "<=", new Date(now.getTime() + 24 * 3_600_000))
    .execute();
  for (const row of rows) {
    const kind = dueReminder(row.startsAt, now);
    if (kind) await tellMember(db, row.eventId, row.memberId, `reminder_${kind}`, `${row.rsvpId}:${kind}:${row.startsAt.getTime()}`);
  }
  return rows.length;
}

/** A member's RSVP as they see it (with their place in the waitlist), or null when they have none. */
export async function rsvpStateOf(db: Executor, eventId: number, memberId: number): Promise<RsvpState | null> {
  const row = await db.selectFrom("event_rsvps").select(["status", "position"]).where("event_id", "=", eventId).where("member_id", "=", memberId).executeTakeFirst();
  if (!row) return null;
  return { status: row.status, waitlistPlace: row.status === "waitlisted" && row.position !== null ? await waitlistPlaceOf(db, eventId, row.position) : null };
}
