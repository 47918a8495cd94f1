/** Background jobs waiting or given up, for the console's jobs page. */
import type { Executor } from "../../db/index.ts";
import { fetchPage, type Page } from "../paging.ts";

export const JOB_STATES = ["queued", "failed"] as const;
export type ListedJobState = (typeof JOB_STATES)[number];

export interface JobRow {
  id: number;
  queue: string;
  state: "queued" | "done" | "failed";
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One page of queued or failed jobs: failed ones most recent first, queued ones in the order they will run. */
export async function listJobs(db: Executor, state: ListedJobState, page: number): Promise<Page<JobRow>> {
  return fetchPage(page, async (limit, offset) => {
    let query = db
      .selectFrom("jobs")
      .select(["id", "queue", "state", "attempts", "max_attempts", "run_at", "last_error", "created_at", "finished_at"])
      .where("state", "=", state);
    query = state === "failed" ? query.orderBy("finished_at", "desc").orderBy("id", "desc") : query.orderBy("run_at", "asc").orderBy("id", "asc");
    const rows = await query.limit(limit).offset(offset).execute();
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      state: row.state,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      runAt: row.run_at,
      lastError: row.last_error,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    }));
  });
}
