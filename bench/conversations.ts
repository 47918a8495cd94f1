/**
 * The conversations figures (PostgreSQL): search over 100,000 posts in English, Persian and Hebrew, and the
 * anonymous question page against the hello-world baseline. The posts are written into the search index of
 * a database of their own in batched statements; the queries are what members type, some with Arabic
 * letters for Persian or niqqud for Hebrew.
 */
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { openDatabase, sql, type Executor } from "../src/platform/db/index.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import type { Locale } from "../src/platform/i18n/index.ts";
import { normalizeText } from "../src/platform/search/normalize.ts";
import { VOCABULARY } from "../src/modules/conversations/qa/demo/texts.ts";
import { indexDocuments, searchDocuments, type SearchDocument, type SearchType } from "../src/modules/search/index.ts";
import { searchForm } from "../src/modules/search/rules.ts";
import { startChild } from "./child.ts";
import type { HearthServerReady } from "./hearth-server.ts";
import { measure, type LoadResult } from "./load.ts";

export const POSTS = 100_000;
const QUESTIONS = 200;
const SEARCH_RUNS = 400;
const BATCH = 5_000;
const TYPES: readonly SearchType[] = ["question", "answer", "topic", "post", "review", "creation", "critique", "idea"];
const LANGUAGES: readonly Locale[] = ["en", "en", "fa", "fa", "he"];

/** A small deterministic generator, so every run searches the same posts. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function post(random: () => number, index: number): SearchDocument {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const language = pick(LANGUAGES);
  const words = VOCABULARY[language];
  const product = pick(words.products);
  const period = pick(words.periods);
  const title = random() < 0.6 ? pick(words.askTask)(pick(words.tasks)[0], product) : pick(words.askProblem)(pick(words.problems)[0], product, period);
  const body = `${pick(words.bodies)(product, period)} ${pick(words.answers)}${pick(words.closings)} ${pick(words.comments)}`;
  const type = pick(TYPES);
  return { type, id: index + 1, title, body, language, url: `/bench/${type}/${index + 1}`, tags: [], answered: random() < 0.8, visible: random() < 0.97, updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 365 * 86_400_000)) };
}

/** What members type: words of the posts, some spelt with Arabic letters (Persian) or with niqqud (Hebrew). */
export const QUERIES = [
  "brown rice",
  "burn warning",
  "sealing ring smell",
  "yogurt",
  "cheesecake multicooker",
  "steam release valve",
  "chickpeas without soaking",
  "pressure cooker lid",
  "frozen chicken",
  "proof bread dough",
  "برنج قهوه‌ای",
  "برنج قهوه اي",
  "هشدار سوختن",
  "واشر",
  "ماست درست كنم",
  "جرم‌گیری",
  "زودپز برقی",
  "אורז מלא",
  "אַזְהָרַת צְרִיבָה",
  "יוגורט",
  "טבעת האיטום",
  "עוגת גבינה",
  "סיר לחץ",
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function seedPosts(db: Executor, progress: (line: string) => void): Promise<number> {
  const started = performance.now();
  const random = generator(20_250_101);
  for (let start = 0; start < POSTS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, POSTS - start) }, (_, offset) => post(random, start + offset));
    await indexDocuments(db, batch);
    if ((start / BATCH) % 4 === 3) progress(`conversations: ${start + batch.length} posts indexed`);
  }
  await sql`analyze search_documents`.execute(db);
  return Math.round((performance.now() - started) / 100) / 10;
}

/** How many visible posts a query matches (for the report: the slow queries are the common words). */
async function countMatches(db: Executor, q: string): Promise<number> {
  const needle = searchForm(q, normalizeText);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from search_documents
    where visible and tsv @@ (websearch_to_tsquery('english', ${needle}) || websearch_to_tsquery('simple', ${needle}))`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Members (verified, so the bench server finds them) and questions with answers for the question page. */
async function seedQuestions(db: Executor): Promise<number> {
  const accounts = await db
    .insertInto("accounts")
    .values(Array.from({ length: 20 }, (_, index) => ({ email: `bench-${index}@example.test`, name: `Bench Member ${index}`, email_verified_at: new Date(), created_at: new Date(Date.UTC(2024, 0, 1)) })))
    .returning("id")
    .execute();
  const random = generator(7);
  const questionRows = Array.from({ length: QUESTIONS }, (_, index) => {
    const words = VOCABULARY.fa;
    const title = words.askTask[index % words.askTask.length]!(words.tasks[index % words.tasks.length]![0], words.products[index % words.products.length]!);
    return { author_id: accounts[index % accounts.length]!.id, title, body: words.bodies[index % words.bodies.length]!(words.products[0]!, words.periods[0]!), language: "fa" as const, answer_count: 3, search_title: normalizeText(title) };
  });
  const questions = await db.insertInto("questions").values(questionRows).returning("id").execute();
  await db
    .insertInto("answers")
    .values(questions.flatMap((question, index) => [0, 1, 2].map((n) => ({ question_id: question.id, author_id: accounts[(index + n + 1) % accounts.length]!.id, body: VOCABULARY.fa.answers[Math.floor(random() * 8)]!, votes: n }))))
    .execute();
  return questions[0]!.id;
}

export async function conversationsBench(
  postgresUrl: string,
  progress: (line: string) => void,
  baselineReqPerSec: () => Promise<number>,
): Promise<{ figures: object; targets: Array<{ name: string; value: number; limit: string; pass: boolean }> }> {
  const database = await openDatabase({ databaseUrl: postgresUrl, poolSize: 4 });
  let searchFigures: { posts: number; seedSeconds: number; runs: number; p50Ms: number; p95Ms: number; maxMs: number; meanHits: number; slowestQueries: Array<{ q: string; meanMs: number; matches: number }> };
  let questionId: number;
  try {
    await migrate(database.db);
    progress(`conversations: indexing ${POSTS} posts in en/fa/he`);
    const seedSeconds = await seedPosts(database.db, progress);
    questionId = await seedQuestions(database.db);
    progress(`conversations: ${SEARCH_RUNS} searches`);
    for (const q of QUERIES) await searchDocuments(database.db, { q, limit: 20, offset: 0 });
    const times: number[] = [];
    const byQuery = new Map<string, number[]>();
    let hits = 0;
    for (let run = 0; run < SEARCH_RUNS; run += 1) {
      const q = QUERIES[run % QUERIES.length]!;
      const started = performance.now();
      const result = await searchDocuments(database.db, { q, limit: 20, offset: 0 });
      const elapsed = performance.now() - started;
      times.push(elapsed);
      byQuery.set(q, [...(byQuery.get(q) ?? []), elapsed]);
      hits += result.hits.length;
    }
    times.sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 10) / 10;
    const slowest = [...byQuery.entries()]
      .map(([q, spent]) => ({ q, meanMs: round(spent.reduce((sum, value) => sum + value, 0) / spent.length) }))
      .sort((a, b) => b.meanMs - a.meanMs)
      .slice(0, 5);
    const slowestQueries = [];
    for (const entry of slowest) slowestQueries.push({ ...entry, matches: await countMatches(database.db, entry.q) });
    searchFigures = { posts: POSTS, seedSeconds, runs: SEARCH_RUNS, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times[times.length - 1] ?? 0), meanHits: round(hits / SEARCH_RUNS), slowestQueries };
  } finally {
    await database.close();
  }

  progress("conversations: the anonymous question page");
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-conversations-"));
  let page: LoadResult;
  try {
    const hearth = await startChild<HearthServerReady>(join(import.meta.dirname, "hearth-server.ts"), {
      DATABASE_URL: postgresUrl,
      HEARTH_DATA_DIR: dataDir,
      HEARTH_DEMO: "false",
      LOG_LEVEL: process.env.LOG_LEVEL || "info",
      PORT: "0",
      HOST: "127.0.0.1",
    });
    try {
      page = await measure(`http://127.0.0.1:${hearth.ready.port}`, { path: `/questions/${questionId}`, expectStatus: 200 }, { connections: 50, seconds: Number(process.env.BENCH_SECONDS || 5), warmupSeconds: 1 });
    } finally {
      await hearth.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const baseline = await baselineReqPerSec();
  const ratio = Number((page.reqPerSec / baseline).toPrecision(3));
  return {
    figures: { search: searchFigures, questionPageAnonymous: { ...page, baselineReqPerSec: baseline, ratioToBaseline: ratio } },
    targets: [
      { name: `postgres: search p95 over ${POSTS.toLocaleString("en")} posts (ms)`, value: searchFigures.p95Ms, limit: "<= 50", pass: searchFigures.p95Ms <= 50 },
      { name: "postgres: question page, anonymous / hello-world", value: ratio, limit: ">= 0.3", pass: ratio >= 0.3 && page.unexpected === 0 },
    ],
  };
}
