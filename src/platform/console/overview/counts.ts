/** The figures on the console's front page. */
import { sql, type Executor } from "../../db/index.ts";

export interface ConsoleCounts {
  members: number;
  newThisWeek: number;
  mailQueued: number;
  mailFailed: number;
  jobsQueued: number;
  jobsFailed: number;
}

/** Counts members, recent sign-ups, and queued and failed mail and jobs, in one round trip. */
export async function consoleCounts(db: Executor, now = new Date()): Promise<ConsoleCounts> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const result = await sql<{ members: number; new_this_week: number; mail_queued: number; mail_failed: number; jobs_queued: number; jobs_failed: number }>`
    select
      (select count(*) from accounts where deleted_at is null) as members,
      (select count(*) from accounts where deleted_at is null and created_at >= ${weekAgo}) as new_this_week,
      (select count(*) from mail_outbox where status = 'queued') as mail_queued,
      (select count(*) from mail_outbox where status = 'failed') as mail_failed,
      (select count(*) from jobs where state = 'queued') as jobs_queued,
      (select count(*) from jobs where state = 'failed') as jobs_failed`.execute(db);
  const row = result.rows[0];
  return {
    members: Number(row?.members ?? 0),
    newThisWeek: Number(row?.new_this_week ?? 0),
    mailQueued: Number(row?.mail_queued ?? 0),
    mailFailed: Number(row?.mail_failed ?? 0),
    jobsQueued: Number(row?.jobs_queued ?? 0),
    jobsFailed: Number(row?.jobs_failed ?? 0),
  };
}
