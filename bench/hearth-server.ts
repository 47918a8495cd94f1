/**
 * Hearth for the load test: the real application (buildApp) on the database the environment names,
 * with the demo community, the background worker, and the log level a deployment runs with (ready once
 * the jobs due at start are done); in WEB_CONCURRENCY processes sharing the port when asked, as
 * `npm start` runs it on PostgreSQL.
 * Tells the parent its port, an API token and a few members' emails over IPC.
 */
import cluster from "node:cluster";
import { loadDemoIfEmpty } from "../src/demo/index.ts";
import { createApiToken } from "../src/platform/auth/sessions.ts";
import { openMigratedDatabase } from "../src/platform/boot.ts";
import type { Db } from "../src/platform/db/index.ts";
import { loadConfig } from "../src/platform/config.ts";
import { buildApp } from "../src/platform/http/app.ts";
import { startWorker } from "../src/platform/jobs/index.ts";
import "../src/platform/mail/index.ts";
import { servedBy } from "./processes.ts";

export interface HearthServerReady {
  port: number;
  /** A read-scoped API token of a demo member. */
  token: string;
  /** Verified demo members; they all have the demo password. */
  emails: string[];
}

const config = loadConfig();

/** In the process that reports: the demo community, and a member with a token for the read runs. */
async function prepare() {
  const database = await openMigratedDatabase(config);
  await loadDemoIfEmpty(database.db, config, () => {});
  const members = await database.db
    .selectFrom("accounts")
    .select(["id", "email"])
    .where("email_verified_at", "is not", null)
    .where("email", "like", "%@example.%")
    .orderBy("id")
    .limit(200)
    .execute();
  const first = members[0];
  if (!first) throw new Error("the demo community has no verified members");
  const token = await createApiToken(database.db, first.id, "bench", ["read"]);
  await database.close();
  return { token, emails: members.map((member) => member.email) };
}

/** Longest wait for the start's jobs; a queue still busy after it is measured as it is. */
const SETTLE_TIMEOUT_MS = 180_000;

/**
 * Waits until the worker has worked off the jobs due at start (the demo's follow-up work, the first pass
 * of every recurring job): the runs measure a site in use, not its first minutes.
 */
async function jobsSettled(db: Db): Promise<void> {
  const until = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < until) {
    const due = await db.selectFrom("jobs").select((eb) => eb.fn.countAll<number>().as("count")).where("state", "=", "queued").where("run_at", "<=", new Date()).executeTakeFirstOrThrow();
    if (Number(due.count) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const prepared = cluster.isPrimary ? await prepare() : null;
const port = await servedBy(config.webConcurrency, async (index) => {
  const database = await openMigratedDatabase(config);
  const app = await buildApp({ config, database });
  const worker = config.worker && index === 0 ? startWorker(app.hearth, app.log) : null;
  await app.listen({ port: 0, host: "127.0.0.1" });
  if (worker) await jobsSettled(database.db);
  const address = app.server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    async stop() {
      await app.close();
      await worker?.stop();
      await database.close();
    },
  };
});
if (port !== null && prepared) process.send?.({ port, ...prepared } satisfies HearthServerReady);
