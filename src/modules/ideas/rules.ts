/**
 * The idea lifecycle's rules as pure functions of stored facts and `now`: milestones and their
 * deadlines, expiry, review periods and which transitions are allowed. Nothing here reads a clock
 * or a database, so a restart or a missed job changes nothing: every state is derived again.
 *
 * Milestones: the first window runs from publication; each later window runs from the moment the
 * previous milestone was reached. Reaching a milestone is an event that is kept even if supporters
 * later withdraw (otherwise deadlines would flap); the progress bar shows the current count.
 */

export type WindowUnit = "days" | "months";

export interface MilestoneStep {
  target: number;
  window: number;
  unit: WindowUnit;
}

export interface MilestoneRules {
  steps: MilestoneStep[];
}

/** LEGO Ideas: 100 in 60 days → 1,000 in 365 more days → 5,000 in 6 more months → 10,000 in 6 more months → review. */
export const DEFAULT_MILESTONES: MilestoneRules = {
  steps: [
    { target: 100, window: 60, unit: "days" },
    { target: 1000, window: 365, unit: "days" },
    { target: 5000, window: 6, unit: "months" },
    { target: 10000, window: 6, unit: "months" },
  ],
};

/** Adds calendar time in UTC; a month step keeps the day of month, clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
export function addWindow(start: Date, amount: number, unit: WindowUnit): Date {
  if (unit === "days") return new Date(start.getTime() + amount * 86_400_000);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + amount;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(start.getTime());
  result.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  return result;
}

export interface MilestoneProgress {
  /** How many milestones have been reached. */
  reached: number;
  /** The next milestone, or null when every milestone is reached. */
  next: { index: number; target: number; deadline: Date } | null;
}

/**
 * Where an idea stands on its milestones, from its publication time and the times it reached each
 * milestone (in order; shorter than the steps when not all are reached).
 */
export function milestoneProgress(rules: MilestoneRules, publishedAt: Date, reachedAt: readonly Date[]): MilestoneProgress {
  const reached = Math.min(reachedAt.length, rules.steps.length);
  const step = rules.steps[reached];
  if (!step) return { reached, next: null };
  const windowStart = reached === 0 ? publishedAt : (reachedAt[reached - 1] ?? publishedAt);
  return { reached, next: { index: reached, target: step.target, deadline: addWindow(windowStart, step.window, step.unit) } };
}

/** True when the next milestone's deadline has passed without it being reached. A support at the deadline's instant is late. */
export function isExpired(progress: MilestoneProgress, now: Date): boolean {
  return progress.next !== null && now.getTime() >= progress.next.deadline.getTime();
}

/**
 * The milestones newly reached when the verified count becomes `count` at `now`: returns the new
 * list of reached times. Several milestones can be reached at once (e.g. after a merge); each gets `now`.
 */
export function recordReached(rules: MilestoneRules, publishedAt: Date, reachedAt: readonly Date[], count: number, now: Date): Date[] {
  const result = [...reachedAt];
  for (;;) {
    const progress = milestoneProgress(rules, publishedAt, result);
    if (!progress.next || isExpired(progress, now) || count < progress.next.target) return result;
    result.push(now);
  }
}

/** Whole days left before the deadline (0 on its last day), never negative. */
export function daysLeft(deadline: Date, now: Date): number {
  return Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 86_400_000));
}

/** Share of the way from the previous milestone to the next one, 0–1, for the progress bar. */
export function progressFraction(rules: MilestoneRules, progress: MilestoneProgress, count: number): number {
  if (!progress.next) return 1;
  const previous = progress.reached === 0 ? 0 : (rules.steps[progress.reached - 1]?.target ?? 0);
  const span = progress.next.target - previous;
  return Math.min(1, Math.max(0, (count - previous) / span));
}

// ---- Review periods -------------------------------------------------------------------------

/** A review cut-off as month and day (1-based) in the site's time zone; ideas that qualify before it join that period. */
export interface Cutoff {
  month: number;
  day: number;
}

export interface ReviewRules {
  cutoffs: Cutoff[];
  timeZone: string;
}

/** Three review periods a year, as LEGO Ideas runs them. */
export const DEFAULT_REVIEW: ReviewRules = {
  cutoffs: [
    { month: 1, day: 1 },
    { month: 5, day: 1 },
    { month: 9, day: 1 },
  ],
  timeZone: "UTC",
};

/** The offset of a time zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of local midnight starting the given date in a time zone. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffsetMs(timeZone, new Date(guess));
  // Around a DST change the offset at the guessed instant may differ from the offset at midnight itself.
  return new Date(guess - zoneOffsetMs(timeZone, new Date(first)));
}

export interface ReviewPeriod {
  /** Stable id such as "2026-2": the second period whose cut-off falls in 2026. */
  id: string;
  cutoff: Date;
}

/** The review period an idea joins when it qualified at `qualifiedAt`: the first cut-off strictly after it. */
export function reviewPeriodFor(rules: ReviewRules, qualifiedAt: Date): ReviewPeriod {
  const sorted = [...rules.cutoffs].sort((a, b) => a.month - b.month || a.day - b.day);
  if (sorted.length === 0) throw new Error("review rules need at least one cut-off");
  const startYear = qualifiedAt.getUTCFullYear() - 1;
  for (let year = startYear; year <= startYear + 2; year += 1) {
    for (const [index, cutoff] of sorted.entries()) {
      const instant = localMidnight(year, cutoff.month, cutoff.day, rules.timeZone);
      if (instant.getTime() > qualifiedAt.getTime()) return { id: `${year}-${index + 1}`, cutoff: instant };
    }
  }
  throw new Error("no review cut-off found");
}

// ---- Lifecycle ----------------------------------------------------------------------------

/** The fixed lifecycle states that the rules depend on; sites add display statuses on top. */
export const IDEA_STATES = ["draft", "in_moderation", "changes_requested", "rejected", "open", "expired", "in_review", "approved", "not_approved", "on_hold", "merged"] as const;
export type IdeaState = (typeof IDEA_STATES)[number];

/** The stored facts the public state is derived from. */
export interface IdeaFacts {
  storedState: IdeaState;
  publishedAt: Date | null;
  reachedAt: readonly Date[];
}

/**
 * The state to show now: an open idea whose deadline has passed is expired, and one that reached
 * every milestone is in review; every other state is as stored.
 */
export function currentState(rules: MilestoneRules, facts: IdeaFacts, now: Date): IdeaState {
  if (facts.storedState !== "open" || !facts.publishedAt) return facts.storedState;
  const progress = milestoneProgress(rules, facts.publishedAt, facts.reachedAt);
  if (!progress.next) return "in_review";
  return isExpired(progress, now) ? "expired" : "open";
}

export type SupportRefusal = "not_open" | "own_idea" | "expired";

/** Why a member may not support an idea now, or null when they may. */
export function supportRefusal(rules: MilestoneRules, facts: IdeaFacts & { creatorId: number }, memberId: number, now: Date): SupportRefusal | null {
  if (facts.creatorId === memberId) return "own_idea";
  const state = currentState(rules, facts, now);
  if (state === "expired") return "expired";
  return state === "open" ? null : "not_open";
}

/** Moderation decisions and the states they lead from and to. */
export const MODERATION: Record<"approve" | "request_changes" | "reject", { from: readonly IdeaState[]; to: IdeaState }> = {
  approve: { from: ["in_moderation"], to: "open" },
  request_changes: { from: ["in_moderation"], to: "changes_requested" },
  reject: { from: ["in_moderation"], to: "rejected" },
};

/** Review decisions, allowed on ideas in review or on hold. */
export const REVIEW_DECISIONS: Record<"approved" | "not_approved" | "on_hold", IdeaState> = {
  approved: "approved",
  not_approved: "not_approved",
  on_hold: "on_hold",
};

// ---- Fair counting ------------------------------------------------------------------------

export interface TrustBar {
  minAccountAgeHours: number;
  requireVerifiedEmail: boolean;
}

/** A support counts at once when the member passes the site's trust bar; otherwise it is held as pending. */
export function supportStatus(bar: TrustBar, member: { emailVerified: boolean; createdAt: Date }, now: Date): "verified" | "pending" {
  if (bar.requireVerifiedEmail && !member.emailVerified) return "pending";
  return now.getTime() - member.createdAt.getTime() >= bar.minAccountAgeHours * 3_600_000 ? "verified" : "pending";
}
