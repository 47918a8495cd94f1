/**
 * The ideas load tests (PostgreSQL only): seeds the ideas bench data while Hearth is stopped, starts
 * Hearth on it, measures the idea list (anonymous and signed in) and the support endpoint, stops
 * Hearth, then checks that no support was lost or doubled.
 */
import { join } from "node:path";
import { openDatabase } from "../src/platform/db/index.ts";
import { startChild } from "./child.ts";
import type { HearthServerReady } from "./hearth-server.ts";
import { checkSupports, type SupportCheck } from "./ideas-verify.ts";
import { ideasListAnonymous, ideasListAnonymousPlain, ideasListSignedIn, IDEAS_LIST_PATH, ideasNewestSignedIn, supportLoad } from "./ideas-scenarios.ts";
import { BENCH_MEMBERS, LIST_IDEAS, seedIdeasBench, SUPPORT_TARGETS } from "./ideas-seed.ts";
import type { MeasureAgainstBaseline, PairedResult } from "./load.ts";

export interface IdeasRun {
  seed: { ideas: number; members: number; supportTargets: number; supportRowsBefore: number; seconds: number };
  /** What a second request for the list page got in its x-cache header ("hit" when served from the anonymous page cache). */
  listCache: { anonymous: string; signedIn: string };
  listAnonymous: PairedResult;
  listAnonymousPlain: PairedResult;
  listSignedIn: PairedResult;
  listNewestSignedIn: PairedResult;
  support: PairedResult;
  supportCheck: SupportCheck;
}

async function secondLook(url: string, headers: Record<string, string>): Promise<string> {
  await fetch(url, { headers }).then((response) => response.arrayBuffer());
  const again = await fetch(url, { headers });
  await again.arrayBuffer();
  return again.headers.get("x-cache") ?? "none";
}

/** Runs the ideas scenarios against the database Hearth's other runs left (the demo community loaded). */
export async function ideasRuns(label: string, env: Record<string, string>, measure: MeasureAgainstBaseline, databaseUrl: string, progress: (line: string) => void): Promise<IdeasRun> {
  const database = await openDatabase({ databaseUrl, poolSize: 8 });
  try {
    progress(`${label}: seeding ${LIST_IDEAS} open ideas and ${BENCH_MEMBERS} members with API tokens`);
    const started = performance.now();
    const bench = await seedIdeasBench(database.db);
    const seed = { ideas: LIST_IDEAS, members: BENCH_MEMBERS, supportTargets: SUPPORT_TARGETS, supportRowsBefore: bench.supportRowsBefore, seconds: Math.round((performance.now() - started) / 100) / 10 };
    const load = supportLoad(bench);
    progress(`${label}: starting Hearth on the seeded ideas`);
    const hearth = await startChild<HearthServerReady>(join(import.meta.dirname, "hearth-server.ts"), env);
    let runs: Omit<IdeasRun, "seed" | "supportCheck">;
    try {
      const baseUrl = `http://127.0.0.1:${hearth.ready.port}`;
      const listCache = { anonymous: await secondLook(baseUrl + IDEAS_LIST_PATH, {}), signedIn: await secondLook(baseUrl + IDEAS_LIST_PATH, { cookie: bench.sessionCookie }) };
      progress(`${label}: idea list, anonymous, uncompressed`);
      const listAnonymousPlain = await measure(baseUrl, ideasListAnonymousPlain);
      progress(`${label}: idea list, anonymous, as a browser (compressed)`);
      const listAnonymous = await measure(baseUrl, ideasListAnonymous);
      progress(`${label}: idea list, signed in`);
      const listSignedIn = await measure(baseUrl, ideasListSignedIn(bench));
      progress(`${label}: idea list, newest first, signed in`);
      const listNewestSignedIn = await measure(baseUrl, ideasNewestSignedIn(bench));
      progress(`${label}: idea support and withdrawal`);
      const support = await measure(baseUrl, load.scenario);
      runs = { listCache, listAnonymous, listAnonymousPlain, listSignedIn, listNewestSignedIn, support };
    } finally {
      // Stopping waits for the requests still in flight, so the check sees their outcome.
      await hearth.stop();
    }
    progress(`${label}: checking the support counts`);
    return { seed, ...runs, supportCheck: await checkSupports(database.db, load.expectations()) };
  } finally {
    await database.close();
  }
}
