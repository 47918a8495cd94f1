/**
 * Durable background jobs in the database. A job is a row; workers claim due jobs with
 * `FOR UPDATE SKIP LOCKED` (many workers, no double work), retry failures with exponential
 * back-off, and a crashed worker's claim expires so another worker picks the job up.
 */
import { hostname } from "node:os";
import { sql } from "kysely";
import type { FastifyBaseLogger } from "fastify";
import { inTransaction, type Executor } from "../db/index.ts";
import type { Hearth } from "../http/context.ts";

export interface JobContext {
  hearth: Hearth;
  /** Where the job writes: for a transactional job, the transaction that also marks it done. */
  db: Executor;
  log: FastifyBaseLogger;
  attempt: number;
  /** True on the job's last allowed attempt: a failure now is final. */
  lastAttempt: boolean;
}

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

interface JobDefinition {
  handler: JobHandler;
  transactional: boolean;
}

const handlers = new Map<string, JobDefinition>();

/**
 * Registers the function that runs jobs of a queue. A transactional job's writes and its completion
 * commit together, so a job whose effects stay inside the database happens exactly once even if the
 * worker dies; other jobs (mail over SMTP) are at-least-once and must be idempotent themselves.
 */
export function defineJob(queue: string, handler: JobHandler, options: { transactional?: boolean } = {}): void {
  handlers.set(queue, { handler, transactional: options.transactional ?? false });
}

const recurring = new Map<string, number>();

/**
 * Registers a job that runs every `everyMs`: the worker adds one job per period, keyed by the
 * period, so however many workers run, each period's job exists once.
 */
export function defineRecurringJob(queue: string, everyMs: number, handler: JobHandler, options: { transactional?: boolean } = {}): void {
  defineJob(queue, handler, options);
  recurring.set(queue, everyMs);
}

/** Adds the current period's job of every recurring queue (idempotent). */
export async function enqueueRecurring(db: Executor, now = new Date()): Promise<void> {
  for (const [queue, everyMs] of recurring) {
    const period = Math.floor(now.getTime() / everyMs);
    await enqueue(db, queue, {}, { dedupeKey: `${queue}@${period}`, runAt: now, maxAttempts: 3 });
  }
}

/** Deletes finished jobs older than the retention, so the table stays small. */
defineRecurringJob("jobs.prune", 3600_000, async (_payload, { db }) => {
  await db
    .deleteFrom("jobs")
    .where("state", "in", ["done", "failed"])
    .where("finished_at", "<", new Date(Date.now() - 14 * 86_400_000))
    .execute();
});

export interface EnqueueOptions {
  runAt?: Date;
  /** A job with the same key is added once only (idempotent scheduling). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Adds a job; call it inside the transaction of the change that needs it, so both happen or neither. */
export async function enqueue(db: Executor, queue: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
  await db
    .insertInto("jobs")
    .values({
      queue,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? new Date(),
      dedupe_key: options.dedupeKey ?? null,
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

/** Seconds to wait before retry n (1-based): 10 s, 40 s, 2.5 min, … capped at 6 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(10 * 4 ** (attempt - 1), 6 * 3600);
}

interface ClaimedJob {
  id: number;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

const LOCK_SECONDS = 300;

async function claim(db: Executor, workerId: string, limit: number, now: Date): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    update jobs set attempts = attempts + 1, locked_by = ${workerId}, locked_until = ${new Date(now.getTime() + LOCK_SECONDS * 1000)}
    where id in (
      select id from jobs
      where state = 'queued' and run_at <= ${now} and (locked_until is null or locked_until < ${now})
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, queue, payload, attempts, max_attempts`.execute(db);
  return result.rows;
}

async function markDone(db: Executor, job: ClaimedJob, now: Date): Promise<void> {
  await db.updateTable("jobs").set({ state: "done", finished_at: now, locked_by: null, locked_until: null, last_error: null }).where("id", "=", job.id).execute();
}

/** Schedules a retry with back-off, or marks the job failed when its attempts are used up. */
async function recordFailure(db: Executor, job: ClaimedJob, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= job.max_attempts;
  await db
    .updateTable("jobs")
    .set({
      state: exhausted ? "failed" : "queued",
      last_error: message.slice(0, 2000),
      locked_by: null,
      locked_until: null,
      run_at: new Date(now.getTime() + backoffSeconds(job.attempts) * 1000),
      ...(exhausted ? { finished_at: now } : {}),
    })
    .where("id", "=", job.id)
    .execute();
}

/** Claims and runs the due jobs once; returns how many ran. Tests call this directly. */
export async function runDueJobs(hearth: Hearth, log: FastifyBaseLogger, options: { workerId?: string; limit?: number; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const jobs = await claim(hearth.db, options.workerId ?? `${hostname()}:${process.pid}`, options.limit ?? 20, now);
  for (const job of jobs) {
    const definition = handlers.get(job.queue);
    try {
      if (!definition) throw new Error(`no handler for queue ${job.queue}`);
      const context = { hearth, log, attempt: job.attempts, lastAttempt: job.attempts >= job.max_attempts };
      if (definition.transactional) {
        await inTransaction(hearth.db, async (tx) => {
          await definition.handler(job.payload, { ...context, db: tx });
          await markDone(tx, job, new Date());
        });
      } else {
        await definition.handler(job.payload, { ...context, db: hearth.db });
        await markDone(hearth.db, job, new Date());
      }
    } catch (error) {
      const failure = error ?? new Error("job failed");
      log.warn({ jobId: job.id, queue: job.queue, attempt: job.attempts, err: failure }, "job failed");
      await recordFailure(hearth.db, job, failure, new Date());
    }
  }
  return jobs.length;
}

export interface Worker {
  stop(): Promise<void>;
  /** Runs a poll now instead of waiting for the timer. */
  poke(): void;
}

/** Polls for due jobs until stopped; polls again at once while there was work. */
export function startWorker(hearth: Hearth, log: FastifyBaseLogger, pollMs = 1000): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  let lastRecurring = 0;
  const tick = (): void => {
    running = (async () => {
      let ran = 0;
      try {
        if (Date.now() - lastRecurring > 60_000) {
          await enqueueRecurring(hearth.db);
          lastRecurring = Date.now();
        }
        ran = await runDueJobs(hearth, log);
      } catch (error) {
        log.error({ err: error }, "job worker poll failed");
      }
      if (!stopped) timer = setTimeout(tick, ran > 0 ? 0 : pollMs);
    })();
  };
  timer = setTimeout(tick, 50);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    poke() {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
  };
}
