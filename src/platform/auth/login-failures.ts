/**
 * The per-account sign-in limit, kept in the database so it holds across processes: wrong passwords
 * are recorded by email, and an email with too many recent failures is refused before any password
 * is checked. Unknown emails are counted too, so the limit reveals nothing about who has an account.
 */
import type { Executor } from "../db/index.ts";
import { rateLimited } from "../errors.ts";
import { defineJob, enqueue } from "../jobs/index.ts";
import { LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MS, lockoutSeconds } from "./rules.ts";

const PRUNE_QUEUE = "auth.prune";
const KEEP_FAILURES_MS = 24 * 3600_000;

/** Throws 429 when the email has used up its attempts for now. */
export async function assertNotLockedOut(db: Executor, email: string, now = new Date()): Promise<void> {
  const rows = await db
    .selectFrom("login_failures")
    .select("failed_at")
    .where("email", "=", email)
    .where("failed_at", ">", new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS))
    .orderBy("failed_at", "desc")
    .limit(LOGIN_FAILURE_LIMIT)
    .execute();
  const seconds = lockoutSeconds(
    rows.map((row) => row.failed_at),
    now,
  );
  if (seconds > 0) throw rateLimited(seconds);
}

/** Records a wrong password, and schedules the hourly clean-up of old failures and expired rows. */
export async function recordLoginFailure(db: Executor, email: string, ip: string | null, now = new Date()): Promise<void> {
  await db.insertInto("login_failures").values({ email, ip, failed_at: now }).execute();
  const hour = now.toISOString().slice(0, 13);
  await enqueue(db, PRUNE_QUEUE, {}, { dedupeKey: `${PRUNE_QUEUE}:${hour}`, runAt: new Date(now.getTime() + 60_000) });
}

/** Forgets an email's failures after it proved its password. */
export async function clearLoginFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom("login_failures").where("email", "=", email).execute();
}

// Removes what no rule reads any more: old failures, expired sessions and emailed tokens.
defineJob(PRUNE_QUEUE, async (_payload, { hearth }) => {
  const now = new Date();
  await hearth.db.deleteFrom("login_failures").where("failed_at", "<", new Date(now.getTime() - KEEP_FAILURES_MS)).execute();
  await hearth.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  await hearth.db.deleteFrom("email_tokens").where("expires_at", "<", new Date(now.getTime() - KEEP_FAILURES_MS)).execute();
});
