/**
 * Hearth for the load test: the real application (buildApp) on the database the environment names,
 * with the demo community, the background worker, and the log level a deployment runs with.
 * Tells the parent its port, an API token and a few members' emails over IPC.
 */
import { loadDemoIfEmpty } from "../src/demo/index.ts";
import { createApiToken } from "../src/platform/auth/sessions.ts";
import { openMigratedDatabase } from "../src/platform/boot.ts";
import { loadConfig } from "../src/platform/config.ts";
import { buildApp } from "../src/platform/http/app.ts";
import { startWorker } from "../src/platform/jobs/index.ts";
import "../src/platform/mail/index.ts";

export interface HearthServerReady {
  port: number;
  /** A read-scoped API token of a demo member. */
  token: string;
  /** Verified demo members; they all have the demo password. */
  emails: string[];
}

const config = loadConfig();
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
const app = await buildApp({ config, database });
const worker = config.worker ? startWorker(app.hearth, app.log) : null;
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
const ready: HearthServerReady = { port: typeof address === "object" && address ? address.port : 0, token, emails: members.map((member) => member.email) };
process.send?.(ready);

async function shutdown(): Promise<void> {
  await app.close();
  await worker?.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
// The benchmark ended without stopping us (it crashed or was interrupted).
process.on("disconnect", () => void shutdown());
