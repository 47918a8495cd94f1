/**
 * Activities: every contribution a member makes (an idea submitted, a support given, an answer
 * accepted…) is one row. Scores, the fan ladder, the network graph and insight read from here;
 * weights are applied when scores are computed, so the community team can tune them afterwards.
 */
import type { ColumnType, Generated } from "kysely";
import type { Executor } from "../db/index.ts";

export interface ActivitiesTable {
  id: Generated<number>;
  actor_id: number;
  type: string;
  subject_type: string;
  subject_id: number;
  target_id: number | null;
  occurred_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module "../db/index.ts" {
  interface Tables {
    activities: ActivitiesTable;
  }
}

export interface Activity {
  actorId: number;
  /** A dotted type such as `idea.submitted` or `idea.supported`. */
  type: string;
  subjectType: string;
  subjectId: number;
  targetId?: number | null;
  occurredAt?: Date;
}

/** Called with the writer's executor (its transaction) after each activity is recorded. */
export type ActivityListener = (db: Executor, activity: Activity) => Promise<void>;

const listeners: ActivityListener[] = [];

/**
 * Registers a listener for recorded activities, so a module can react in the same transaction (the
 * members module re-scores the members involved) without the platform knowing the module.
 */
export function onActivityRecorded(listener: ActivityListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Records an activity and tells the listeners; call it in the transaction of the contribution itself. */
export async function recordActivity(db: Executor, activity: Activity): Promise<void> {
  await db
    .insertInto("activities")
    .values({
      actor_id: activity.actorId,
      type: activity.type,
      subject_type: activity.subjectType,
      subject_id: activity.subjectId,
      target_id: activity.targetId ?? null,
      occurred_at: activity.occurredAt ?? new Date(),
    })
    .execute();
  for (const listener of listeners) await listener(db, activity);
}

/** Removes the activity of a contribution that was taken back (a withdrawn support). */
export async function retractActivity(db: Executor, activity: Pick<Activity, "actorId" | "type" | "subjectType" | "subjectId">): Promise<void> {
  await db
    .deleteFrom("activities")
    .where("actor_id", "=", activity.actorId)
    .where("type", "=", activity.type)
    .where("subject_type", "=", activity.subjectType)
    .where("subject_id", "=", activity.subjectId)
    .execute();
}
