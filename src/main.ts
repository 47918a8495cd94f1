/**
 * Process entry: config → database (migrated) → demo data on an empty database → app → listen;
 * graceful shutdown. With WEB_CONCURRENCY above 1 this process prepares the database and forks the
 * HTTP processes (processes.ts), each of which runs the same entry and serves.
 */
import { ConfigError, loadConfig, type Config } from "./platform/config.ts";
import { openMigratedDatabase } from "./platform/boot.ts";
import { buildApp } from "./platform/http/app.ts";
import { startWorker } from "./platform/jobs/index.ts";
import { loadDemoIfEmpty } from "./demo/index.ts";
import { isPrimaryOfSeveral, processIndex, runHttpProcesses } from "./platform/processes.ts";
import "./platform/mail/index.ts";

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearth: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
// Sign-in details of the demo are for the person starting Hearth: plain text on stderr, apart from the JSON log.
const say = (line: string) => process.stderr.write(`${line}\n`);

if (isPrimaryOfSeveral(config)) {
  // The database is prepared once, before any HTTP process opens it.
  const database = await openMigratedDatabase(config);
  if (config.demoOnEmpty) await loadDemoIfEmpty(database.db, config, say);
  await database.close();
  await runHttpProcesses(config, say);
  say(`Hearth is running at ${config.baseUrl} (database: PostgreSQL, ${config.webConcurrency} HTTP processes)`);
} else {
  await serve();
}

async function serve(): Promise<void> {
  const database = await openMigratedDatabase(config);
  const app = await buildApp({ config, database });
  const alone = config.webConcurrency === 1;
  if (alone && config.demoOnEmpty) await loadDemoIfEmpty(database.db, config, say);
  // Of several HTTP processes, the first also runs the background jobs.
  const worker = config.worker && processIndex() === 0 ? startWorker(app.hearth, app.log) : null;

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  // Start-up (migrations, demo data, compiled schemas) leaves garbage behind; when Node runs with
  // --expose-gc (as `npm start` does), collect it now rather than carry it while idle.
  (globalThis as { gc?: () => void }).gc?.();
  if (alone) say(`Hearth is running at ${config.baseUrl} (database: ${database.kind === "pglite" ? `embedded, in ${config.dataDir}` : "PostgreSQL"})`);
}
