/**
 * The events rules as pure functions of stored facts and `now`: who may apply for a licence, what a
 * licence allows, where an RSVP lands, who is promoted from the waitlist, time zones and reminders.
 */

/** What a licence allows, set by staff on approval. */
export interface LicenceConditions {
  /** Attendance cap of each event under the licence. */
  maxAttendees: number;
  /** Events the licence covers. */
  maxEvents: number;
  /** Brand rules the organiser agreed to, shown on the event page. */
  brandRules: string;
}

export interface LicencePolicy {
  /** The trust level a member needs to apply. */
  minTrustLevel: number;
  defaultMaxAttendees: number;
  defaultMaxEvents: number;
  validityMonths: number;
}

export const DEFAULT_LICENCE_POLICY: LicencePolicy = { minTrustLevel: 2, defaultMaxAttendees: 100, defaultMaxEvents: 1, validityMonths: 12 };

export const LICENCE_STATUSES = ["applied", "approved", "rejected", "revoked"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const RSVP_STATUSES = ["going", "waitlisted", "cancelled"] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** True when a member at this trust level may apply for a licence. */
export function mayApplyForLicence(policy: Pick<LicencePolicy, "minTrustLevel">, trustLevel: number): boolean {
  return trustLevel >= policy.minTrustLevel;
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** The conditions and validity of an approval: staff's choices over the policy's defaults. */
export function approvalTerms(
  policy: LicencePolicy,
  choice: { maxAttendees?: number | undefined; maxEvents?: number | undefined; validityMonths?: number | undefined; brandRules?: string | undefined },
  decidedAt: Date,
): { conditions: LicenceConditions; validUntil: Date } {
  return {
    conditions: {
      maxAttendees: choice.maxAttendees ?? policy.defaultMaxAttendees,
      maxEvents: choice.maxEvents ?? policy.defaultMaxEvents,
      brandRules: choice.brandRules?.trim() ?? "",
    },
    validUntil: addMonths(decidedAt, choice.validityMonths ?? policy.validityMonths),
  };
}

export interface LicenceFacts {
  applicantId: number;
  status: LicenceStatus;
  conditions: LicenceConditions | null;
  validUntil: Date | null;
  eventsUsed: number;
}

export type LicenceRefusal = "not_yours" | "not_approved" | "revoked" | "expired" | "used_up" | "over_cap";

/**
 * Why a licence does not cover a new event (or a change of one), or null when it does. `newEvent`
 * is false when an existing event under the licence changes, so it does not count again.
 */
export function licenceRefusal(licence: LicenceFacts, organiserId: number, event: { capacity: number; startsAt: Date; newEvent: boolean }, now: Date): LicenceRefusal | null {
  if (licence.applicantId !== organiserId) return "not_yours";
  if (licence.status === "revoked") return "revoked";
  if (licence.status !== "approved" || !licence.conditions || !licence.validUntil) return "not_approved";
  if (now >= licence.validUntil || event.startsAt >= licence.validUntil) return "expired";
  if (event.newEvent && licence.eventsUsed >= licence.conditions.maxEvents) return "used_up";
  if (event.capacity > licence.conditions.maxAttendees) return "over_cap";
  return null;
}

/** Where a new RSVP lands: a seat while any is free, else the waitlist. */
export function rsvpOutcome(capacity: number, going: number): "going" | "waitlisted" {
  return going < capacity ? "going" : "waitlisted";
}

/** Why a member cannot RSVP (or cancel) now, or null. */
export function rsvpRefusal(event: { cancelledAt: Date | null; startsAt: Date }, now: Date): "cancelled" | "started" | null {
  if (event.cancelledAt) return "cancelled";
  if (now >= event.startsAt) return "started";
  return null;
}

/** How many waitlisted members move up: the free seats, at most the waitlist. */
export function promotions(capacity: number, going: number, waitlisted: number): number {
  return Math.max(0, Math.min(capacity - going, waitlisted));
}

/** True for an IANA time zone name that this runtime knows (`Asia/Tehran`), not an offset or abbreviation. */
export function isValidTimeZone(name: string): boolean {
  if (!/^(?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/**
 * The instant of a local wall time (`2026-03-27T19:00`) in a zone. A time skipped by a spring-forward
 * change is moved forward by the gap; a time that occurs twice takes the earlier. Null for text that is
 * not such a time.
 */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asUtc).getUTCDate() !== day) return null;
  // Try the offsets in force a day either side: one of them gives back the same wall time.
  const candidates = [...new Set([offsetAt(new Date(asUtc - 86_400_000), timeZone), offsetAt(new Date(asUtc + 86_400_000), timeZone)])]
    .map((offset) => new Date(asUtc - offset))
    .filter((instant) => toLocalInput(instant, timeZone) === local)
    .sort((a, b) => a.getTime() - b.getTime());
  if (candidates[0]) return candidates[0];
  // In a gap: the wall time does not exist; the offset before the change moves it past the gap.
  return new Date(asUtc - offsetAt(new Date(asUtc - 86_400_000), timeZone));
}

/** The local wall time of an instant in a zone, as a form's datetime-local value. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

export type ScheduleProblem = "time_zone" | "end_before_start" | "in_past" | "too_long";

/** Longest event: a festival weekend, not a season. */
export const MAX_EVENT_DAYS = 14;

/** What is wrong with an event's times, per field (empty when nothing is). */
export function scheduleProblems(input: { startsAt: Date; endsAt: Date; timeZone: string }, now: Date): Partial<Record<"startsAt" | "endsAt" | "timeZone", ScheduleProblem>> {
  const problems: Partial<Record<"startsAt" | "endsAt" | "timeZone", ScheduleProblem>> = {};
  if (!isValidTimeZone(input.timeZone)) problems.timeZone = "time_zone";
  if (input.startsAt <= now) problems.startsAt = "in_past";
  if (input.endsAt <= input.startsAt) problems.endsAt = "end_before_start";
  else if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000) problems.endsAt = "too_long";
  return problems;
}

export const REMINDERS = [
  { kind: "day", before: 24 * 3_600_000 },
  { kind: "hour", before: 3_600_000 },
] as const;
export type ReminderKind = (typeof REMINDERS)[number]["kind"];

/** When each reminder of an event is due. */
export function reminderTimes(startsAt: Date): Array<{ kind: ReminderKind; at: Date }> {
  return REMINDERS.map((reminder) => ({ kind: reminder.kind, at: new Date(startsAt.getTime() - reminder.before) }));
}

/**
 * The reminder to send now, if any: the latest one whose time has come, while the event has not
 * started. A member who RSVPs 30 minutes before gets the hour reminder only, never a late day one.
 */
export function dueReminder(startsAt: Date, now: Date): ReminderKind | null {
  if (now >= startsAt) return null;
  const due = reminderTimes(startsAt).filter((reminder) => reminder.at <= now);
  return due.at(-1)?.kind ?? null;
}

/** Picks the title in the reader's language, else the event's own language, else any. */
export function localized(texts: Record<string, string>, locale: string, fallback: string): string {
  return texts[locale] || texts[fallback] || Object.values(texts).find((text) => text !== "") || "";
}

// ---- after the event ----------------------------------------------------------------------------

/** Why a member cannot answer an event's survey now, or null when they can. */
export type FeedbackRefusal = "cancelled" | "not_ended" | "not_attendee" | "already_given";

/** Only checked-in attendees answer, once, after the event ended. */
export function feedbackRefusal(event: { cancelledAt: Date | null; endsAt: Date }, attendee: { checkedIn: boolean } | null, alreadyGiven: boolean, now: Date): FeedbackRefusal | null {
  if (event.cancelledAt) return "cancelled";
  if (now < event.endsAt) return "not_ended";
  if (!attendee?.checkedIn) return "not_attendee";
  if (alreadyGiven) return "already_given";
  return null;
}

export interface FeedbackSummary {
  count: number;
  /** Mean rating, null without answers. */
  average: number | null;
  /** How many gave 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

/** The aggregate organisers and staff see: how many answered, the mean and the spread of ratings. */
export function summariseFeedback(ratings: readonly number[]): FeedbackSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const rating of ratings) {
    if (Number.isInteger(rating) && rating >= 1 && rating <= 5) distribution[rating - 1] = (distribution[rating - 1] ?? 0) + 1;
  }
  const count = distribution.reduce((sum, n) => sum + n, 0);
  const total = distribution.reduce((sum, n, index) => sum + n * (index + 1), 0);
  return { count, average: count === 0 ? null : total / count, distribution };
}

export interface AttendanceNumbers {
  going: number;
  checkedIn: number;
  /** Going but not checked in, counted once the event has ended. */
  noShows: number;
  /** Checked in per going member (0–1), null while no one is going. */
  showRate: number | null;
}

export function attendanceNumbers(going: number, checkedIn: number, ended: boolean): AttendanceNumbers {
  return { going, checkedIn, noShows: ended ? Math.max(0, going - checkedIn) : 0, showRate: going === 0 ? null : checkedIn / going };
}

/** Attendance is told once an event has ended, unless it was cancelled (the page and the API alike). */
export function attendanceShown(event: { endsAt: Date; cancelledAt: Date | null }, now: Date): boolean {
  return event.cancelledAt === null && event.endsAt <= now;
}

/** Photos an event and one member may have. */
export const MAX_PHOTOS_PER_EVENT = 60;
export const MAX_PHOTOS_PER_MEMBER = 10;

export type PhotoRefusal = "cancelled" | "not_started" | "not_allowed" | "too_many";

/** Organisers and checked-in attendees add photos once the event has started, within the limits. */
export function photoRefusal(
  event: { cancelledAt: Date | null; startsAt: Date },
  uploader: { organises: boolean; checkedIn: boolean },
  counts: { event: number; mine: number; adding: number },
  now: Date,
): PhotoRefusal | null {
  if (event.cancelledAt) return "cancelled";
  if (now < event.startsAt) return "not_started";
  if (!uploader.organises && !uploader.checkedIn) return "not_allowed";
  if (counts.event + counts.adding > MAX_PHOTOS_PER_EVENT) return "too_many";
  if (!uploader.organises && counts.mine + counts.adding > MAX_PHOTOS_PER_MEMBER) return "too_many";
  return null;
}

/** The region of an event for reports: the area of its IANA zone (`Asia/Tehran` → `Asia`). */
export function regionOf(timeZone: string): string {
  return timeZone.includes("/") ? (timeZone.split("/")[0] ?? timeZone) : timeZone;
}

// ---- groups -------------------------------------------------------------------------------------

export const GROUP_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A group keeps at least one organiser: the last one cannot step down or be removed. */
export function mayRemoveOrganiser(organisers: number): boolean {
  return organisers > 1;
}
