/**
 * Test applications on a real database: an in-memory PGlite, or a fresh database on the PostgreSQL
 * server that the test runner started (TEST_DATABASE_URL). Every integration suite runs on both;
 * a missing server fails the suite, it never skips it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { loadConfig, type Config } from "../../src/platform/config.ts";
import { openDatabase, type DatabaseKind, type Database } from "../../src/platform/db/index.ts";
import { migrate } from "../../src/platform/db/migrate.ts";
import { buildApp, type App } from "../../src/platform/http/app.ts";
import { runDueJobs } from "../../src/platform/jobs/index.ts";
import "../../src/platform/mail/index.ts";

export const DATABASE_KINDS: readonly DatabaseKind[] = ["pglite", "postgres"];

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** Runs due background jobs until none are left (mail, notifications). */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
}

/** The PostgreSQL server for tests; fails loudly when the runner did not start one. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
  return url;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = testServerUrl();
  const name = `hearth_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // Wait for the closed pool's connections to finish ending; forcing them off instead makes
      // their sockets report an error after the test has ended.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const open = await client.query("select count(*)::int as count from pg_stat_activity where datname = $1", [name]);
        if (open.rows[0]?.count === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Opens a migrated database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind): Promise<{ database: Database; url: string | undefined; dispose(): Promise<void> }> {
  if (kind === "pglite") {
    const database = await openDatabase({});
    await migrate(database.db);
    return { database, url: undefined, dispose: () => database.close() };
  }
  const created = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: created.url, poolSize: 20 });
  await migrate(database.db);
  return {
    database,
    url: created.url,
    async dispose() {
      await database.close();
      await created.drop();
    },
  };
}

/** A config for tests: a temporary data dir, a fixed secret, no demo, no background worker. */
export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-test-"));
  return {
    ...loadConfig({ HEARTH_DATA_DIR: dataDir, SESSION_SECRET: "test-secret-test-secret-test-secret-0123", LOG_LEVEL: "silent", HEARTH_WORKER: "false", HEARTH_DEMO: "false", ...env }),
    ...overrides,
  };
}

/** Starts an application (not listening; use `app.inject` or `listen` yourself) on a fresh database. */
export async function startTestApp(kind: DatabaseKind, overrides: Partial<Config> = {}, options: { logger?: pino.Logger } = {}): Promise<TestApp> {
  const opened = await openTestDatabase(kind);
  const config = testConfig({ ...overrides, databaseUrl: opened.url });
  const app = await buildApp({ config, database: opened.database, ...(options.logger ? { loggerInstance: options.logger } : { logger: false }) });
  await app.ready();
  return {
    app,
    database: opened.database,
    config,
    async drainJobs() {
      let total = 0;
      for (;;) {
        const ran = await runDueJobs(app.hearth, app.log);
        if (ran === 0) return total;
        total += ran;
      }
    },
    async close() {
      await app.close();
      await opened.dispose();
    },
  };
}
