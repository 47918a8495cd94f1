/**
 * The conversations figures on their own: `npx tsx bench/conversations-main.ts` starts (or uses, with
 * BENCH_DATABASE_URL) a PostgreSQL server, runs bench/conversations.ts on a fresh database with the
 * hello-world baseline as bench/run.ts measures it, and prints one JSON document on stdout.
 */
import { join } from "node:path";
import { startChild } from "./child.ts";
import { conversationsBench } from "./conversations.ts";
import { measure } from "./load.ts";
import { benchPostgres } from "./postgres.ts";
import { helloWorld } from "./scenarios.ts";

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

async function baselineReqPerSec(): Promise<number> {
  progress("hello-world baseline");
  const hello = await startChild<{ port: number }>(join(import.meta.dirname, "hello-server.ts"), {});
  try {
    const result = await measure(`http://127.0.0.1:${hello.ready.port}`, helloWorld, { connections: 50, seconds: Number(process.env.BENCH_SECONDS || 5), warmupSeconds: 1 });
    return result.reqPerSec;
  } finally {
    await hello.stop();
  }
}

async function main(): Promise<void> {
  progress("preparing PostgreSQL");
  const postgres = await benchPostgres();
  try {
    const result = await conversationsBench(postgres.url, progress, baselineReqPerSec);
    process.stdout.write(JSON.stringify({ startedAt: new Date().toISOString(), postgres: postgres.source, ...result }, null, 2) + "\n");
  } finally {
    await postgres.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
