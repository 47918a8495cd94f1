/** Opening the database for a command: a clear message when it is in use or out of reach. */
import { join } from "node:path";
import type { Config } from "../platform/config.ts";
import { openDatabase, type Database } from "../platform/db/index.ts";
import { migrate } from "../platform/db/migrate.ts";
import { CommandError } from "./command.ts";
import { processUsing } from "./embedded-in-use.ts";

/** PostgreSQL errors that mean "the server named by DATABASE_URL cannot be used". */
const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "28P01", "28000", "3D000"]);

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function connectionProblem(error: unknown, url: string): CommandError | null {
  const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
  if (!CONNECTION_ERRORS.has(code)) return null;
  const reason = error instanceof Error ? error.message : code;
  return new CommandError(`DATABASE_URL: cannot use the database at ${withoutPassword(url)}: ${reason}`);
}

/** Opens the configured database with a small pool and applies pending migrations. */
export async function openCliDatabase(config: Config): Promise<{ database: Database; applied: string[] }> {
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
    try {
      return { database, applied: await migrate(database.db) };
    } catch (error) {
      await database.close();
      throw connectionProblem(error, config.databaseUrl) ?? error;
    }
  }
  const dataDir = join(config.dataDir, "db");
  const holder = processUsing(dataDir);
  if (holder !== null) {
    throw new CommandError(
      `the embedded database in ${dataDir} is open in process ${holder} (a running Hearth server?): stop it first, ` +
        `or run Hearth on PostgreSQL (DATABASE_URL) to use the CLI while the server runs`,
    );
  }
  const database = await openDatabase({ dataDir });
  try {
    return { database, applied: await migrate(database.db) };
  } catch (error) {
    await database.close();
    throw error;
  }
}
