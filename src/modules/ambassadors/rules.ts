/**
 * The ambassador programme's rules, pure: who may nominate whom, a membership's state derived from its
 * stored times (awaiting the agreement, active, due for renewal, lapsed, ended), when the renewal
 * reminder is due, how long a term runs, and the digest of the accepted terms.
 */
import { createHash } from "node:crypto";

export const TERM_MONTHS = 12;
/** The renewal window: the reminder goes this many days before a term ends. */
export const RENEWAL_WINDOW_DAYS = 30;
/** An accepted nominee who has not accepted the agreement after this many days is nominated afresh if still wanted. */
export const AGREEMENT_WAIT_DAYS = 60;
export const REASON_MIN = 10;
export const REASON_MAX = 4000;
export const LINK_MAX = 500;

const DAY = 86_400_000;

export type MembershipState = "awaiting_agreement" | "active" | "due" | "lapsed" | "ended";

export interface MembershipTimes {
  acceptedAt: Date | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  remindedFor?: Date | null;
}

/** A membership's state now, from its stored times only (so a missed job run changes nothing). */
export function membershipState(membership: MembershipTimes, now: Date): MembershipState {
  if (membership.endedAt) return "ended";
  if (!membership.expiresAt) return "awaiting_agreement";
  const left = membership.expiresAt.getTime() - now.getTime();
  if (left <= 0) return "lapsed";
  return left <= RENEWAL_WINDOW_DAYS * DAY ? "due" : "active";
}

/** Whole days left in the term (0 once it has ended), for "renew within N days". */
export function daysLeft(membership: MembershipTimes, now: Date): number {
  if (!membership.expiresAt) return 0;
  return Math.max(0, Math.ceil((membership.expiresAt.getTime() - now.getTime()) / DAY));
}

/** The same moment `months` calendar months later (31 January + 1 month is the last day of February). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * When a term accepted at `acceptedAt` ends: one year on. Renewing early, while the current term still
 * runs, adds the year to the current end, so renewing on time never costs the remaining days.
 */
export function termEnd(acceptedAt: Date, currentExpiry: Date | null): Date {
  const from = currentExpiry && currentExpiry > acceptedAt ? currentExpiry : acceptedAt;
  return addMonths(from, TERM_MONTHS);
}

/** Only an ambassador whose term runs and who has accepted the agreement enters the space. */
export function mayEnterSpace(membership: MembershipTimes | null, now: Date): boolean {
  if (!membership || !membership.acceptedAt) return false;
  const state = membershipState(membership, now);
  return state === "active" || state === "due";
}

export type AgreementRefusal = "no_membership" | "not_yet_due" | "ended";

/**
 * Whether the member may accept the agreement now: after their nomination was accepted, after a staff
 * grant they have not yet agreed to, or to renew within the window. A lapsed or ended membership needs
 * a new nomination.
 */
export function agreementRefusal(membership: MembershipTimes | null, now: Date): AgreementRefusal | null {
  if (!membership) return "no_membership";
  const state = membershipState(membership, now);
  if (state === "lapsed" || state === "ended") return "ended";
  if (state === "active" && membership.acceptedAt) return "not_yet_due";
  return null;
}

/** An invitation (an accepted nomination) that waited too long for the agreement ends, so the member may be nominated again. */
export function invitationExpired(membership: MembershipTimes & { createdAt: Date }, now: Date): boolean {
  return membershipState(membership, now) === "awaiting_agreement" && now.getTime() - membership.createdAt.getTime() >= AGREEMENT_WAIT_DAYS * DAY;
}

/** The renewal reminder is due once per term, inside the window. */
export function reminderDue(membership: MembershipTimes, now: Date): boolean {
  if (membershipState(membership, now) !== "due" || !membership.expiresAt) return false;
  return membership.remindedFor?.getTime() !== membership.expiresAt.getTime();
}

export type NominationRefusal = "cannot_nominate" | "already_ambassador" | "already_nominated" | "nominee_not_found";

export interface NominationFacts {
  /** Staff who review nominations may nominate anyone. */
  nominatorIsStaff: boolean;
  /** The trust level's `apply_programmes` ability. */
  nominatorHasAbility: boolean;
  nomineeExists: boolean;
  nomineeIsAmbassador: boolean;
  nomineeHasOpenNomination: boolean;
}

/** Why a nomination is refused, or null when it may be made. */
export function nominationRefusal(facts: NominationFacts): NominationRefusal | null {
  if (!facts.nominatorIsStaff && !facts.nominatorHasAbility) return "cannot_nominate";
  if (!facts.nomineeExists) return "nominee_not_found";
  if (facts.nomineeIsAmbassador) return "already_ambassador";
  if (facts.nomineeHasOpenNomination) return "already_nominated";
  return null;
}

/** A link an ambassador gives with a finished task: http or https only, nothing a browser would run. */
export function isSafeLink(value: string): boolean {
  if (value.length > LINK_MAX) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The SHA-256 (hex) of the exact terms a member accepted, kept with the time of acceptance. */
export function termsDigest(terms: string): string {
  return createHash("sha256").update(terms, "utf8").digest("hex");
}

/** A task is overdue after its due day has passed (in UTC). */
export function isOverdue(dueOn: string | null, now: Date): boolean {
  return dueOn !== null && dueOn < now.toISOString().slice(0, 10);
}

/** The nominee a form names: empty is oneself; otherwise a profile number or a profile address (`…/members/42`). */
export function nomineeIdOf(value: string, self: number): number | null {
  const text = value.trim();
  if (text === "") return self;
  const match = /^(?:\d+|(?:https?:\/\/[^/\s]+)?\/members\/(\d+)\/?)$/.exec(text);
  if (!match) return null;
  const id = Number(match[1] ?? text);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
