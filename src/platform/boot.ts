/** Opens the configured database and brings its schema up to date: shared by the server, the CLI and tests. */
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/index.ts";
import { migrate } from "./db/migrate.ts";

/** Opens the database of the config and applies pending migrations. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : `${config.dataDir}/db` });
  await migrate(database.db);
  return database;
}
