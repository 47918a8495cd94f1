/**
 * `npm run bench`: load tests of Hearth on PostgreSQL and on PGlite against a bare Fastify
 * hello-world measured in the same run, plus cold start and idle memory; on PostgreSQL also the
 * ideas figures (the idea list with 10,000 ideas, the support endpoint, and the support counts
 * checked after the run). Prints one JSON document on stdout (progress goes to stderr). Everything
 * runs in sequence: one server at a time.
 *
 *   BENCH_ONLY          a comma-separated choice of parts: core (the site, ideas, cold start), conversations,
 *                       royalties, members (default: all)
 *   BENCH_DATABASE_URL  a PostgreSQL server to create the bench databases on (default: start one)
 *   BENCH_SECONDS       seconds per measured run (default 5)
 *   BENCH_CONNECTIONS   concurrent connections (default 50)
 *   LOG_LEVEL           Hearth's log level (default info, as deployed; the output is discarded)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { startChild } from "./child.ts";
import { measureColdStart, type ColdStart } from "./cold-start.ts";
import type { HearthServerReady } from "./hearth-server.ts";
import { ideasRuns, type IdeasRun } from "./ideas.ts";
import { againstBaseline, measure, type LoadResult, type LoadSettings, type MeasureAgainstBaseline, type PairedResult } from "./load.ts";
import { benchPostgres } from "./postgres.ts";
import { apiRead, helloWorld, home, signIn } from "./scenarios.ts";
import { conversationsBench } from "./conversations.ts";
import { royaltiesBench } from "./royalties.ts";
import { membersBench } from "./members.ts";

const PARTS = ["core", "conversations", "royalties", "members"] as const;
type Part = (typeof PARTS)[number];

function selectedParts(): Set<Part> {
  const raw = process.env.BENCH_ONLY;
  if (!raw) return new Set(PARTS);
  const chosen = raw.split(",").map((part) => part.trim());
  const unknown = chosen.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown parts (${unknown.join(", ")}); choose from ${PARTS.join(", ")}`);
  return new Set(chosen as Part[]);
}

type Check = { name: string; value: number; limit: string; pass: boolean };

const COLD_START_RUNS = 3;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** One run of the hello-world baseline in its own process (the conversations bench compares with it). */
async function helloWorldRun(label: string, settings: LoadSettings): Promise<LoadResult> {
  progress(`${label}: hello-world baseline`);
  const hello = await startChild<{ port: number }>(join(import.meta.dirname, "hello-server.ts"), {});
  try {
    return await measure(`http://127.0.0.1:${hello.ready.port}`, helloWorld, settings);
  } finally {
    await hello.stop();
  }
}

interface DatabaseRun {
  home: PairedResult;
  apiRead: PairedResult;
  signIn: PairedResult;
  /** PostgreSQL only: the idea list with 10,000 ideas and the support endpoint. */
  ideas?: IdeasRun;
}

async function hearthRuns(label: string, env: Record<string, string>, measure: MeasureAgainstBaseline): Promise<{ home: PairedResult; apiRead: PairedResult; signIn: PairedResult }> {
  progress(`${label}: starting Hearth with the demo community`);
  const hearth = await startChild<HearthServerReady>(join(import.meta.dirname, "hearth-server.ts"), env);
  try {
    const baseUrl = `http://127.0.0.1:${hearth.ready.port}`;
    progress(`${label}: home page`);
    const homeResult = await measure(baseUrl, home);
    progress(`${label}: API read`);
    const apiResult = await measure(baseUrl, apiRead(hearth.ready));
    progress(`${label}: sign-in`);
    const signInResult = await measure(baseUrl, await signIn(baseUrl, hearth.ready));
    return { home: homeResult, apiRead: apiResult, signIn: signInResult };
  } finally {
    await hearth.stop();
  }
}

/**
 * Hearth's runs on the demo community, then (given the database's URL) the ideas runs, each between two
 * runs of the hello-world, which is served by as many processes as Hearth (node:cluster both) and waits idle
 * while Hearth is measured.
 */
async function runDatabase(label: string, env: Record<string, string>, settings: LoadSettings, ideasDatabaseUrl?: string): Promise<DatabaseRun> {
  const processes = Number(env.WEB_CONCURRENCY ?? 1);
  progress(`${label}: hello-world baseline (${processes} process${processes === 1 ? "" : "es"}) beside each run`);
  const hello = await startChild<{ port: number }>(join(import.meta.dirname, "hello-server.ts"), { BENCH_PROCESSES: String(processes) });
  try {
    const measure = againstBaseline(`http://127.0.0.1:${hello.ready.port}`, helloWorld, settings);
    const runs = await hearthRuns(label, env, measure);
    const ideas = ideasDatabaseUrl ? await ideasRuns(label, env, measure, ideasDatabaseUrl, progress) : undefined;
    return { ...runs, ...(ideas ? { ideas } : {}) };
  } finally {
    await hello.stop();
  }
}

function targets(postgres: DatabaseRun, coldStart: ColdStart, connections: number) {
  const check = (name: string, value: number, limit: string, pass: boolean) => ({ name, value, limit, pass });
  const ideas = postgres.ideas;
  const lostOrDoubled = ideas?.supportCheck.lostOrDoubled ?? -1;
  const support = ideas?.support;
  // The full HTML on every hit: what a client that asks for no compression gets, the heavier case.
  const list = ideas?.listAnonymousPlain;
  return [
    check("postgres: anonymous home page / hello-world", postgres.home.ratioToBaseline, ">= 0.3", postgres.home.ratioToBaseline >= 0.3),
    check("postgres: signed-in API read / hello-world", postgres.apiRead.ratioToBaseline, ">= 0.2", postgres.apiRead.ratioToBaseline >= 0.2),
    // A fast answer that is not a 200, or a support lost or doubled, is no pass however fast it was.
    check(`postgres: idea support and withdrawal, ${connections} clients / hello-world`, support?.ratioToBaseline ?? 0, ">= 0.15, every answer 200, nothing lost or doubled", (support?.ratioToBaseline ?? 0) >= 0.15 && support?.unexpected === 0 && lostOrDoubled === 0),
    check("postgres: supports lost or doubled after the support run", lostOrDoubled, "= 0", lostOrDoubled === 0),
    check("postgres: idea list with 10,000 ideas, anonymous, uncompressed / hello-world", list?.ratioToBaseline ?? 0, ">= 0.3", (list?.ratioToBaseline ?? 0) >= 0.3 && list?.unexpected === 0),
    check("pglite: cold start to first 200 (median ms)", coldStart.medianMs, "<= 3000", coldStart.medianMs <= 3000),
    check("pglite: idle RSS (MB)", coldStart.idleRssMb, "<= 250", coldStart.idleRssMb <= 250),
  ];
}

/** The core figures: the site and the ideas on PostgreSQL, the site on PGlite, cold start and idle memory. */
async function coreRuns(postgres: Awaited<ReturnType<typeof benchPostgres>>, settings: LoadSettings, common: Record<string, string>, workDir: string, webConcurrency: number) {
  const onPostgres = await runDatabase("postgres", { ...common, WEB_CONCURRENCY: String(webConcurrency), DATABASE_URL: postgres.url, HEARTH_DATA_DIR: join(workDir, "postgres") }, settings, postgres.url);
  const pgliteDir = join(workDir, "pglite");
  const onPglite = await runDatabase("pglite", { ...common, DATABASE_URL: "", HEARTH_DATA_DIR: pgliteDir }, settings);
  progress("cold start on PGlite (migrated, demo loaded)");
  const coldStart = await measureColdStart(pgliteDir, COLD_START_RUNS);
  return { postgres: onPostgres, pglite: onPglite, coldStart: { database: "pglite", ...coldStart }, targets: targets(onPostgres, coldStart, settings.connections) };
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const settings: LoadSettings = { connections: setting("BENCH_CONNECTIONS", 50), seconds: setting("BENCH_SECONDS", 5), warmupSeconds: 1 };
  const logLevel = process.env.LOG_LEVEL || "info";
  // One process: on two cores, two processes served both the hello-world and Hearth at about half the
  // rate, the load generator needing a core of its own. More cores would call for more.
  const webConcurrency = setting("BENCH_WEB_CONCURRENCY", 1);
  // TRUST_PROXY as behind a reverse proxy: each sign-in comes from its own X-Forwarded-For address.
  const common = { LOG_LEVEL: logLevel, PORT: "0", HOST: "127.0.0.1", HEARTH_DEMO: "true", TRUST_PROXY: "true" };
  const workDir = mkdtempSync(join(tmpdir(), "hearth-bench-"));
  const startedAt = new Date().toISOString();
  progress("preparing PostgreSQL");
  const postgres = await benchPostgres();
  try {
    const core = parts.has("core") ? await coreRuns(postgres, settings, common, workDir, webConcurrency) : undefined;
    const modules: Record<string, { figures: object; targets: Check[] }> = {};
    if (parts.has("conversations")) {
      progress("conversations: search and the question page");
      modules.conversations = await conversationsBench(await postgres.freshDatabase(), progress, async () => (await helloWorldRun("conversations", settings)).reqPerSec);
    }
    if (parts.has("royalties")) modules.royalties = await royaltiesBench(await postgres.freshDatabase(), progress);
    if (parts.has("members")) modules.members = await membersBench(await postgres.freshDatabase(), progress);
    const report = {
      startedAt,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryMb: Math.round(totalmem() / 2 ** 20), node: process.version },
      settings: { ...settings, logLevel, webConcurrency, postgres: postgres.source, parts: [...parts] },
      ...(core ? { postgres: core.postgres, pglite: core.pglite, coldStart: core.coldStart } : {}),
      ...Object.fromEntries(Object.entries(modules).map(([name, result]) => [name, result.figures])),
      targets: [...(core?.targets ?? []), ...Object.values(modules).flatMap((result) => result.targets)],
      notes: [
        "reqPerSec = completed requests / seconds of the measured run, after a warm-up; p50/p99 in milliseconds.",
        "The baseline is a bare Fastify hello-world in its own process, measured just before and just after each of Hearth's runs (its `baseline` field: before, after, mean); each ratio is to that mean, so a machine whose speed drifts minute to minute compares like with like.",
        "On PostgreSQL, Hearth runs in BENCH_WEB_CONCURRENCY HTTP processes sharing the port (WEB_CONCURRENCY, default 1), and its hello-world baseline runs in as many processes (node:cluster both). On PGlite both run in one process.",
        "Each start of Hearth is measured once its worker has done the jobs due at start (the demo's follow-up work, each recurring job's first pass; at most 180 s), as a site in use runs; the ideas bench data is in the search index before Hearth starts.",
        "apiRead authenticates with a read-scoped API token (Authorization: Bearer).",
        "signIn posts the sign-in form with its CSRF cookie and token as the demo members in turn, each request from its own X-Forwarded-For address (TRUST_PROXY on, as behind a reverse proxy); success is a 303. Its cost is the scrypt password check.",
        "Cold start: the start script's command (node with its flags on the built dist/main.js; HEARTH_DEMO and the worker on, as deployed) from spawn to the first 200 from /healthz; idle RSS read from /proc after the last start.",
        "postgres.ideas: after the demo runs, 10,000 open ideas (with 0-8 supports each from the last week) and 2,000 verified members with read+write API tokens are written to the database in batches, the ideas settings get a trust bar of 0 hours and a first milestone of 1,000,000 in 365 days (every support verified, every idea open), then Hearth is started again on it.",
        "listAnonymous is GET /ideas without cookies and with a browser's Accept-Encoding (gzip, deflate, br), served from the anonymous page cache, which keeps the page compressed once per cache period (listCache shows the x-cache header of a second request); listAnonymousPlain is the same without Accept-Encoding, the full HTML on every hit; listSignedIn is the same page with a member's session cookie (never cached: the trending list rendered for every request); listNewestSignedIn is /ideas?sort=newest&page=1..20 in turn with that cookie.",
        "support: 2,000 members in turn, each alternating PUT /api/v1/ideas/{id}/support (with or without survey answers) and DELETE on the same idea, then on to the next of 10 open ideas; half start as supporters, so every stretch mixes both. Success is a 200 for both.",
        "supportCheck, with Hearth stopped after the run: for every idea, verified_supporters and pending_supporters against the rows of idea_supports; and for every member and target idea whose last request was answered, the state the API confirmed against the table. lostOrDoubled sums every difference.",
      ],
    };
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  } finally {
    await postgres.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
