/**
 * Royalties load figures on PostgreSQL, in a database of their own: a 1,000,000-line sales file
 * generated on the fly and streamed through the same import as a CSV upload (lines per second, peak
 * memory — flat when the import streams), then statements drafted for 10,000 creators.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "kysely";
import type { Db } from "../src/platform/db/index.ts";
import { openDatabase } from "../src/platform/db/index.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { generateStatements, importSales } from "../src/modules/royalties/index.ts";
import { csvSource } from "../src/modules/royalties/sources.ts";
import { salesCsvStream, seedRoyalties } from "../test/fixtures/royalties/sales-fixture.ts";

const LINES = Number(process.env.ROYALTIES_BENCH_LINES ?? 1_000_000);
const CREATORS = 10_000;
const TARGET_LINES_PER_SECOND = 20_000;

/** CPU seconds so far of the server's processes (from /proc; zero where it cannot be read, e.g. a remote server). */
async function serverCpuSeconds(db: Db, seen: Map<number, number>): Promise<number> {
  const pids = await sql<{ pid: number }>`select pid from pg_stat_activity`.execute(db);
  for (const { pid } of pids.rows) {
    try {
      // Fields 14 and 15 after the command name: user and system time in clock ticks (100 per second).
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      seen.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // A process that ended keeps the last figure read.
    }
  }
  return [...seen.values()].reduce((sum, seconds) => sum + seconds, 0);
}

/** Runs the royalties figures in `databaseUrl`, an empty PostgreSQL database (see benchPostgres). */
export async function royaltiesBench(databaseUrl: string, progress: (line: string) => void): Promise<{ figures: object; targets: Array<{ name: string; value: number; limit: string; pass: boolean }> }> {
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await migrate(database.db);
    progress(`royalties: seeding ${CREATORS} creators with a product and agreement each`);
    const { finance } = await seedRoyalties(database.db, CREATORS);

    // The machine may be shared: the load around the import says how far its figure can be trusted.
    const loadAtStart = loadavg()[0] ?? 0;
    let peakRss = process.memoryUsage().rss;
    const rssAtStart = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const rssAt: number[] = [];
    const serverSeen = new Map<number, number>();
    const serverCpuAtStart = await serverCpuSeconds(database.db, serverSeen);
    const nodeCpuAtStart = process.cpuUsage();
    const started = performance.now();
    // Until the first chunk is applied the import only reads and checks the file.
    let checkSeconds = 0;
    progress(`royalties: importing ${LINES} lines`);
    const result = await importSales(database.db, finance, csvSource(() => salesCsvStream(LINES, CREATORS)), {
      partial: false,
      onChunk: (done) => {
        if (checkSeconds === 0) checkSeconds = (performance.now() - started) / 1000;
        if (done % 100_000 === 0) {
          rssAt.push(Math.round(process.memoryUsage().rss / 1048576));
          progress(`royalties: ${done} lines in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      },
    });
    const importSeconds = (performance.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(nodeCpuAtStart);
    const serverCpu = (await serverCpuSeconds(database.db, serverSeen)) - serverCpuAtStart;
    const loadAtEnd = loadavg()[0] ?? 0;
    clearInterval(sampler);
    if (!result.applied || result.imported !== LINES) throw new Error(`the import did not apply every line: ${JSON.stringify({ applied: result.applied, imported: result.imported, refused: result.refused.slice(0, 3) })}`);
    const linesPerSecond = Math.round(LINES / importSeconds);

    progress("royalties: drafting statements");
    const statementStarted = performance.now();
    const statements = await generateStatements(database.db, finance, "2025-10-01", "quarterly");
    const statementSeconds = (performance.now() - statementStarted) / 1000;

    const figures = {
      lines: LINES,
      creators: CREATORS,
      importSeconds: Math.round(importSeconds * 10) / 10,
      checkSeconds: Math.round(checkSeconds * 10) / 10,
      linesPerSecond,
      // CPU per line is steadier than lines per second on a shared machine.
      nodeCpuMicrosecondsPerLine: Math.round((nodeCpu.user + nodeCpu.system) / LINES),
      serverCpuMicrosecondsPerLine: Math.round((serverCpu * 1e6) / LINES),
      loadAverage1mAtStartAndEnd: [Math.round(loadAtStart * 100) / 100, Math.round(loadAtEnd * 100) / 100],
      rssStartMb: Math.round(rssAtStart / 1048576),
      rssPeakMb: Math.round(peakRss / 1048576),
      rssEvery100kLinesMb: rssAt,
      statements: statements.statements,
      statementSeconds: Math.round(statementSeconds * 10) / 10,
    };
    const growth = (rssAt.at(-1) ?? 0) - (rssAt[0] ?? 0);
    return {
      figures,
      targets: [
        { name: "royalties import lines per second", value: linesPerSecond, limit: `>= ${TARGET_LINES_PER_SECOND}`, pass: linesPerSecond >= TARGET_LINES_PER_SECOND },
        { name: "royalties import memory growth over the file (MB, streamed = flat)", value: growth, limit: "<= 64", pass: growth <= 64 },
        { name: "royalties statements for 10,000 creators (s)", value: figures.statementSeconds, limit: "<= 60", pass: statementSeconds <= 60 },
      ],
    };
  } finally {
    await database.close();
  }
}
