/**
 * An idea's support counters and the milestones they reach. The counters change only in the
 * transaction that inserts or deletes supports; a milestone is recorded once, under the row lock.
 */
import { recordActivity } from "../../platform/activity/index.ts";
import type { Executor, Tx } from "../../platform/db/index.ts";
import { notFound } from "../../platform/errors.ts";
import { announce } from "./notifications.ts";
import { milestoneProgress, recordReached, reviewPeriodFor, type IdeaState } from "./rules.ts";
import type { IdeasSettings } from "./settings.ts";

export interface SupportCounts {
  verified: number;
  pending: number;
}

export type IdeaRow = {
  id: number;
  creator_id: number;
  title: string;
  state: IdeaState;
  published_at: Date | null;
  milestones_reached_at: Date[];
  verified_supporters: number;
  pending_supporters: number;
  language: string;
  resubmission_of: number | null;
};

export const IDEA_COLUMNS = ["id", "creator_id", "title", "state", "published_at", "milestones_reached_at", "verified_supporters", "pending_supporters", "language", "resubmission_of"] as const;

export async function loadIdea(db: Executor, id: number, lock = false): Promise<IdeaRow> {
  let query = db.selectFrom("ideas").select(IDEA_COLUMNS).where("id", "=", id);
  if (lock) query = query.forUpdate();
  const idea = await query.executeTakeFirst();
  if (!idea) throw notFound("idea_not_found", "ideas.errors.notFound");
  return idea;
}

/**
 * Adds to the idea's counts and records milestones the new verified count reaches. The UPDATE takes
 * the row lock, and its RETURNING gives the row as it is under that lock, so concurrent supports see
 * each other's milestones and a milestone is recorded once, at the moment it was first reached.
 */
export async function applyCounts(tx: Tx, settings: IdeasSettings, idea: IdeaRow, delta: SupportCounts, now: Date): Promise<SupportCounts> {
  const updated = await tx
    .updateTable("ideas")
    .set((eb) => ({ verified_supporters: eb("verified_supporters", "+", delta.verified), pending_supporters: eb("pending_supporters", "+", delta.pending), supports_changed_at: now }))
    .where("id", "=", idea.id)
    .returning(IDEA_COLUMNS)
    .executeTakeFirstOrThrow();
  if (delta.verified > 0) await recordMilestones(tx, settings, updated, now);
  return { verified: updated.verified_supporters, pending: updated.pending_supporters };
}

/** True when the idea's verified count reaches a milestone not yet recorded. */
export function reachesMilestone(settings: IdeasSettings, idea: Pick<IdeaRow, "state" | "published_at" | "milestones_reached_at" | "verified_supporters">, now: Date): boolean {
  if (!idea.published_at || idea.state !== "open") return false;
  return recordReached(settings.milestones, idea.published_at, idea.milestones_reached_at, idea.verified_supporters, now).length > idea.milestones_reached_at.length;
}

/**
 * Records the milestones an idea's verified count reaches (the row must be locked by this
 * transaction), announces each once, and sends the idea to review when the last one is reached.
 */
export async function recordMilestones(tx: Tx, settings: IdeasSettings, idea: IdeaRow, now: Date): Promise<void> {
  if (!idea.published_at || idea.state !== "open") return;
  const reached = recordReached(settings.milestones, idea.published_at, idea.milestones_reached_at, idea.verified_supporters, now);
  if (reached.length === idea.milestones_reached_at.length) return;
  const complete = milestoneProgress(settings.milestones, idea.published_at, reached).next === null;
  const period = complete ? reviewPeriodFor(settings.review, now) : null;
  await tx
    .updateTable("ideas")
    .set({ milestones_reached_at: reached, updated_at: now, ...(period ? { state: "in_review", qualified_at: now, review_period: period.id } : {}) })
    .where("id", "=", idea.id)
    .execute();
  for (let index = idea.milestones_reached_at.length; index < reached.length; index += 1) {
    const target = settings.milestones.steps[index]?.target ?? 0;
    await announce(tx, idea.id, "milestone", String(index + 1), { target, milestone: index + 1 });
    await recordActivity(tx, { actorId: idea.creator_id, type: "idea.milestone", subjectType: "idea", subjectId: idea.id, occurredAt: now });
  }
  if (period) await announce(tx, idea.id, "review_started", period.id, { period: period.id });
}
