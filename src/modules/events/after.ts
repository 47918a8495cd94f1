/**
 * After the event: attendance numbers, the feedback survey (checked-in attendees answer once, after the
 * end) with its aggregate for organisers and staff, and photos by organisers and checked-in attendees.
 */
import { recordAudit } from "../../platform/audit/index.ts";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.ts";
import type { Hearth } from "../../platform/http/context.ts";
import { removeImages, saveImage, uploadDir, type SavedImage } from "../../platform/uploads/images.ts";
import { canOrganise } from "./policy.ts";
import { attendanceNumbers, feedbackRefusal, MAX_PHOTOS_PER_EVENT, MAX_PHOTOS_PER_MEMBER, photoRefusal, summariseFeedback, type AttendanceNumbers, type FeedbackSummary } from "./rules.ts";
import { coOrganisersOf, type Meta } from "./service.ts";

export interface FeedbackInput {
  rating: number;
  best: string;
  improve: string;
}

const FEEDBACK_ERRORS = {
  cancelled: () => conflict("event_cancelled", "events.errors.cancelled"),
  not_ended: () => conflict("feedback_not_open", "events.errors.feedbackNotOpen"),
  not_attendee: () => forbidden("not_an_attendee", "events.errors.notAttendee"),
  already_given: () => conflict("feedback_given", "events.errors.feedbackGiven"),
} as const;

/** Why the member cannot answer the event's survey now, or null (from their RSVP and any earlier answer). */
async function surveyRefusal(db: Executor, memberId: number, event: { id: number; ends_at: Date; cancelled_at: Date | null }, now: Date) {
  const rsvp = await db.selectFrom("event_rsvps").select(["checked_in_at"]).where("event_id", "=", event.id).where("member_id", "=", memberId).where("status", "=", "going").executeTakeFirst();
  const given = await db.selectFrom("event_feedback").select("member_id").where("event_id", "=", event.id).where("member_id", "=", memberId).executeTakeFirst();
  return feedbackRefusal({ cancelledAt: event.cancelled_at, endsAt: event.ends_at }, rsvp ? { checkedIn: rsvp.checked_in_at !== null } : null, given !== undefined, now);
}

/** A checked-in attendee answers the survey once, after the event ended. */
export async function giveFeedback(db: Executor, actor: Actor, eventId: number, input: FeedbackInput, now = new Date()): Promise<void> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw invalid("invalid_rating", "events.errors.rating", { rating: { key: "events.errors.rating" } });
  await inTransaction(db, async (tx) => {
    const event = await tx.selectFrom("events").select(["id", "ends_at", "cancelled_at"]).where("id", "=", eventId).executeTakeFirst();
    if (!event) throw notFound("event_not_found", "events.errors.notFound");
    const refusal = await surveyRefusal(tx, actor.id, event, now);
    if (refusal) throw FEEDBACK_ERRORS[refusal]();
    // Two answers at once: the primary key keeps one, the other is told it was already given.
    const inserted = await tx
      .insertInto("event_feedback")
      .values({ event_id: eventId, member_id: actor.id, rating: input.rating, best: input.best.trim(), improve: input.improve.trim(), created_at: now })
      .onConflict((oc) => oc.columns(["event_id", "member_id"]).doNothing())
      .returning("member_id")
      .executeTakeFirst();
    if (!inserted) throw FEEDBACK_ERRORS.already_given();
  });
}

/** True when the member may answer the survey now (for showing the form). */
export async function mayGiveFeedback(db: Executor, memberId: number, event: { id: number; ends_at: Date; cancelled_at: Date | null }, now = new Date()): Promise<boolean> {
  return (await surveyRefusal(db, memberId, event, now)) === null;
}

export interface FeedbackReport extends FeedbackSummary {
  comments: Array<{ rating: number; best: string; improve: string; createdAt: Date }>;
}

/** The survey's aggregate with its comments (newest first, without names), for organisers and staff. */
export async function feedbackReport(db: Executor, eventId: number): Promise<FeedbackReport> {
  const rows = await db.selectFrom("event_feedback").select(["rating", "best", "improve", "created_at"]).where("event_id", "=", eventId).orderBy("created_at", "desc").execute();
  return {
    ...summariseFeedback(rows.map((row) => row.rating)),
    comments: rows.filter((row) => row.best !== "" || row.improve !== "").map((row) => ({ rating: row.rating, best: row.best, improve: row.improve, createdAt: row.created_at })),
  };
}

/** Going, checked in and no-shows of one event. */
export async function attendanceOf(db: Executor, event: { id: number; ends_at: Date }, now = new Date()): Promise<AttendanceNumbers> {
  const row = await db
    .selectFrom("event_rsvps")
    .select((eb) => [eb.fn.countAll<number>().as("going"), eb.fn.count<number>("checked_in_at").as("checkedIn")])
    .where("event_id", "=", event.id)
    .where("status", "=", "going")
    .executeTakeFirstOrThrow();
  return attendanceNumbers(Number(row.going), Number(row.checkedIn), event.ends_at <= now);
}

// ---- photos -------------------------------------------------------------------------------------

export interface PhotoRow {
  id: number;
  file_name: string;
  width: number;
  height: number;
  uploader_id: number | null;
  uploader_name: string | null;
}

export async function photosOf(db: Executor, eventId: number): Promise<PhotoRow[]> {
  return db
    .selectFrom("event_photos")
    .leftJoin("accounts", "accounts.id", "event_photos.uploader_id")
    .select(["event_photos.id", "event_photos.file_name", "event_photos.width", "event_photos.height", "event_photos.uploader_id", "accounts.name as uploader_name"])
    .where("event_photos.event_id", "=", eventId)
    .orderBy("event_photos.id")
    .execute();
}

/** Where an event's photos are kept and served from (`/uploads/events/<id>/…`). */
export function photoFolder(dataDir: string, eventId: number): string {
  return uploadDir(dataDir, "events", String(eventId));
}

export function photoUrl(eventId: number, fileName: string): string {
  return `/uploads/events/${eventId}/${fileName}`;
}

function tooManyPhotos() {
  return invalid("too_many_photos", "events.errors.tooManyPhotos", { photos: { key: "events.errors.tooManyPhotos", params: { event: MAX_PHOTOS_PER_EVENT, member: MAX_PHOTOS_PER_MEMBER } } }, { event: MAX_PHOTOS_PER_EVENT, member: MAX_PHOTOS_PER_MEMBER });
}

const PHOTO_ERRORS = {
  cancelled: () => conflict("event_cancelled", "events.errors.cancelled"),
  not_started: () => conflict("photos_not_open", "events.errors.photosNotOpen"),
  not_allowed: () => forbidden("not_an_attendee", "events.errors.photosNotAllowed"),
  too_many: tooManyPhotos,
} as const;

/** Checks the rule for adding `adding` photos; with `tx`, under the event's row lock. */
async function assertMayAddPhotos(db: Executor, actor: Actor, eventId: number, adding: number, now: Date, lock: boolean): Promise<void> {
  let query = db.selectFrom("events").select(["id", "organiser_id", "starts_at", "cancelled_at"]).where("id", "=", eventId);
  if (lock) query = query.forUpdate();
  const event = await query.executeTakeFirst();
  if (!event) throw notFound("event_not_found", "events.errors.notFound");
  const organises = canOrganise(actor, event, await coOrganisersOf(db, eventId));
  const rsvp = await db.selectFrom("event_rsvps").select("checked_in_at").where("event_id", "=", eventId).where("member_id", "=", actor.id).where("status", "=", "going").executeTakeFirst();
  const count = async (mine: boolean) => {
    let counting = db.selectFrom("event_photos").select((eb) => eb.fn.countAll<number>().as("count")).where("event_id", "=", eventId);
    if (mine) counting = counting.where("uploader_id", "=", actor.id);
    return Number((await counting.executeTakeFirstOrThrow()).count);
  };
  const refusal = photoRefusal({ cancelledAt: event.cancelled_at, startsAt: event.starts_at }, { organises, checkedIn: Boolean(rsvp?.checked_in_at) }, { event: await count(false), mine: await count(true), adding }, now);
  if (refusal) throw PHOTO_ERRORS[refusal]();
}

/**
 * Adds photos to an event: each file is checked and converted (EXIF stripped, thumbnail made) before
 * anything is recorded; the limits are checked again under the event's lock, so two uploads at once
 * cannot pass them together. Returns how many were added.
 */
export async function addEventPhotos(hearth: Pick<Hearth, "db" | "config">, actor: Actor, eventId: number, files: Buffer[], now = new Date()): Promise<number> {
  const { db, config } = hearth;
  if (files.length === 0) throw invalid("no_photos", "uploads.errors.notImage", { photos: { key: "uploads.errors.notImage" } });
  await assertMayAddPhotos(db, actor, eventId, files.length, now, false);
  const folder = photoFolder(config.dataDir, eventId);
  const saved: SavedImage[] = [];
  try {
    for (const file of files) saved.push(await saveImage(folder, file, "photos"));
    await inTransaction(db, async (tx) => {
      await assertMayAddPhotos(tx, actor, eventId, saved.length, now, true);
      await tx
        .insertInto("event_photos")
        .values(saved.map((image) => ({ event_id: eventId, uploader_id: actor.id, file_name: image.fileName, width: image.width, height: image.height, bytes: image.bytes, created_at: now })))
        .execute();
    });
  } catch (error) {
    await removeImages(folder, saved);
    throw error;
  }
  return saved.length;
}

/** Organisers (and staff) remove any photo, a member their own; staff removals are audited. */
export async function removeEventPhoto(hearth: Pick<Hearth, "db" | "config">, actor: Actor, eventId: number, photoId: number, meta: Meta = {}): Promise<void> {
  const { db, config } = hearth;
  const removed = await inTransaction(db, async (tx) => {
    const photo = await tx.selectFrom("event_photos").select(["id", "file_name", "width", "height", "bytes", "uploader_id"]).where("id", "=", photoId).where("event_id", "=", eventId).forUpdate().executeTakeFirst();
    if (!photo) throw notFound("photo_not_found", "events.errors.photoNotFound");
    const event = await tx.selectFrom("events").select(["id", "organiser_id"]).where("id", "=", eventId).executeTakeFirstOrThrow();
    const coOrganisers = await coOrganisersOf(tx, eventId);
    const organises = actor.id === event.organiser_id || coOrganisers.includes(actor.id);
    if (!organises && photo.uploader_id !== actor.id && !can(actor, "events.manage")) throw forbidden("photo_not_yours", "events.errors.photoNotYours");
    await tx.deleteFrom("event_photos").where("id", "=", photoId).execute();
    if (!organises && photo.uploader_id !== actor.id) {
      await recordAudit(tx, { actorId: actor.id, action: "events.photo.remove", subjectType: "event", subjectId: eventId, details: { photoId, uploaderId: photo.uploader_id }, ip: meta.ip ?? null });
    }
    return photo;
  });
  await removeImages(photoFolder(config.dataDir, eventId), [{ fileName: removed.file_name, width: removed.width, height: removed.height, bytes: removed.bytes }]);
}
