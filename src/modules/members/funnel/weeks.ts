/**
 * The fan ladder over time: a recurring job writes this ISO week's members per stage (rewritten on
 * every run in the week, so each week keeps its last count: idempotent per week); the demo fills
 * past weeks from the recorded stage changes; the console reads the weeks and the conversions.
 */
import { sql, type ColumnType } from "kysely";
import { inTransaction, type Executor } from "../../../platform/db/index.ts";
import { defineRecurringJob } from "../../../platform/jobs/index.ts";
import { STAGES } from "../rules.ts";
import { isoWeekStart, weekKey, type CohortRow, type WeekRow } from "./rules.ts";

export interface MemberStageWeeksTable {
  week: ColumnType<string, string, string>;
  stage: string;
  members: number;
  taken_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module "../../../platform/db/index.ts" {
  interface Tables {
    member_stage_weeks: MemberStageWeeksTable;
  }
}

/** Writes the members per stage now as the count of this ISO week (replacing an earlier count this week). */
export async function snapshotWeek(db: Executor, now = new Date()): Promise<void> {
  const week = weekKey(now);
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom("member_stage_weeks").where("week", "=", week).execute();
    await sql`
      insert into member_stage_weeks (week, stage, members, taken_at)
      select ${week}::date, s.stage, count(*), ${now}::timestamptz
      from member_scores s join accounts a on a.id = s.account_id
      where a.deleted_at is null
      group by s.stage`.execute(tx);
  });
}

// Daily: the ladder moves with the hourly recompute; a week's figure is its last day's.
defineRecurringJob("members.ladder_week", 86_400_000, async (_payload, { db }) => {
  await snapshotWeek(db);
});

/**
 * Fills the `weeks` weeks before this one from the stage changes: each member counts on the stage of
 * their last change before the week's end (newcomer before any), from the week they joined. Weeks
 * already written are overwritten. One statement.
 */
export async function backfillWeeks(db: Executor, now: Date, weeks: number): Promise<void> {
  const thisWeek = isoWeekStart(now);
  const first = new Date(thisWeek.getTime() - weeks * 7 * 86_400_000);
  const last = new Date(thisWeek.getTime() - 7 * 86_400_000);
  await sql`
    insert into member_stage_weeks (week, stage, members, taken_at)
    select w.week::date, coalesce(latest.to_value, 'newcomer'), count(*), ${now}::timestamptz
    from generate_series(${first}::timestamptz, ${last}::timestamptz, interval '7 days') as w(week)
    join accounts a on a.created_at < w.week + interval '7 days' and a.deleted_at is null
    join member_scores s on s.account_id = a.id
    left join lateral (
      select c.to_value from member_stage_changes c
      where c.account_id = a.id and c.kind = 'stage' and c.changed_at < w.week + interval '7 days'
      order by c.changed_at desc limit 1
    ) latest on true
    group by 1, 2
    on conflict (week, stage) do update set members = excluded.members, taken_at = excluded.taken_at`.execute(db);
}

/** The stored weeks from `from` (a Monday) on. */
export async function readWeeks(db: Executor, from: string): Promise<WeekRow[]> {
  const rows = await sql<{ week: string; stage: string; members: number }>`
    select to_char(week, 'YYYY-MM-DD') as week, stage, members from member_stage_weeks where week >= ${from}::date order by week, stage`.execute(db);
  return rows.rows.map((row) => ({ week: row.week, stage: row.stage, members: Number(row.members) }));
}

/**
 * Who reached each stage since `from` (newcomers: joined since then), and how many of them stand on a
 * later stage now. A member who skipped a stage is in the cohort of the stage they did reach.
 */
export async function cohorts(db: Executor, from: Date): Promise<CohortRow[]> {
  const stages = [...STAGES];
  const rows = await sql<{ stage: string; cohort: number; converted: number }>`
    with reached as (
      select c.account_id, c.to_value as stage
      from member_stage_changes c
      where c.kind = 'stage' and c.changed_at >= ${from}::timestamptz
      group by 1, 2
      union all
      select a.id, 'newcomer' from accounts a
      where a.created_at >= ${from}::timestamptz and a.deleted_at is null
    )
    select r.stage, count(*)::int as cohort,
           (count(*) filter (where array_position(${stages}::text[], s.stage) > array_position(${stages}::text[], r.stage)))::int as converted
    from reached r join member_scores s on s.account_id = r.account_id
    group by r.stage`.execute(db);
  return rows.rows.map((row) => ({ stage: row.stage, cohort: Number(row.cohort), converted: Number(row.converted) }));
}
