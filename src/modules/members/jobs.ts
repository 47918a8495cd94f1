/**
 * The members' background work: the hourly recompute of everyone, and the prompt re-score of the
 * members an activity involves, so a promotion follows the contribution that earned it within seconds.
 */
import { onActivityRecorded, type Activity } from "../../platform/activity/index.ts";
import type { Executor } from "../../platform/db/index.ts";
import { defineJob, defineRecurringJob, enqueue } from "../../platform/jobs/index.ts";
import { recomputeMembers, rescoreMembers } from "./recompute.ts";

// Not transactional: the recompute commits batch by batch, and a rerun after a crash redoes it all.
defineRecurringJob("members.recompute", 3600_000, async (_payload, { db }) => {
  await recomputeMembers(db);
});

export const RESCORE_QUEUE = "members.rescore";
/**
 * Activities of one member within this window make one re-score, run when the window closes: a burst
 * (a reply, a reaction, an accepted answer) is scored once, and the job sees every activity of the window.
 */
export const RESCORE_WINDOW_MS = 2_000;

/** The job that re-scores one member after the activities of a window, and when it runs. */
export function rescoreJobFor(accountId: number, at: Date): { dedupeKey: string; runAt: Date } {
  const window = Math.floor(at.getTime() / RESCORE_WINDOW_MS);
  return { dedupeKey: `${RESCORE_QUEUE}:${accountId}@${window}`, runAt: new Date((window + 1) * RESCORE_WINDOW_MS) };
}

/** Queues the re-score of the actor and the target of an activity, in the writer's transaction. */
async function queueRescore(db: Executor, activity: Activity): Promise<void> {
  const at = activity.occurredAt ?? new Date();
  const members = new Set([activity.actorId, ...(activity.targetId ? [activity.targetId] : [])]);
  for (const accountId of members) await enqueue(db, RESCORE_QUEUE, { accountId }, rescoreJobFor(accountId, at));
}

onActivityRecorded(queueRescore);

// Transactional: the new score, its history and the promotion notice job commit with the job's completion.
defineJob(
  RESCORE_QUEUE,
  async (payload, { db }) => {
    await rescoreMembers(db, [Number(payload.accountId)]);
  },
  { transactional: true },
);
