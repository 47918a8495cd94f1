/**
 * The ideas data the benchmark needs, written straight to the database (in batches) while Hearth is
 * stopped: 10,000 open ideas with a few recent supports each (so the trending sort has something to
 * count), 2,000 verified bench members with write-scoped API tokens, half of whom already support
 * their first idea, a demo member's session, and ideas settings that keep every support verified
 * and every idea open for the whole run.
 */
import { sql, type Insertable } from "kysely";
import { insertInBatches } from "../src/demo/batch.ts";
import { Random } from "../src/demo/random.ts";
import { createAccount } from "../src/platform/auth/accounts.ts";
import { createApiToken, createSession, SESSION_COOKIE } from "../src/platform/auth/sessions.ts";
import { recountRecentSupports } from "../src/modules/ideas/service.ts";
import type { Db, Tables } from "../src/platform/db/index.ts";
import type { Locale } from "../src/platform/i18n/index.ts";
import { normalizeText } from "../src/platform/search/normalize.ts";
import { syncIdeas } from "../src/modules/search/jobs.ts";
import { readSetting, writeSetting } from "../src/platform/settings/index.ts";
import { CONCEPTS, JOINER, VARIANTS } from "../src/modules/ideas/demo/texts.ts";
import type { MilestoneRules } from "../src/modules/ideas/rules.ts";
import { ideasSettings } from "../src/modules/ideas/settings.ts";

export const LIST_IDEAS = 10_000;
export const BENCH_MEMBERS = 2_000;
/** The open ideas the support scenario supports and withdraws from (the first seeded ones). */
export const SUPPORT_TARGETS = 10;
/** Recent supports per list idea, at most (from demo members). */
const MAX_SEEDED_SUPPORTS = 8;
/** Accounts created at once: createAccount is one short transaction each. */
const CREATE_CONCURRENCY = 8;
const DAY = 86_400_000;
const SEED = 4_040_404;

/** One first window of a year and a target no bench run can reach: no idea leaves "open" during the run. */
const BENCH_MILESTONES: MilestoneRules = { steps: [{ target: 1_000_000, window: 365, unit: "days" }] };

export interface BenchMember {
  id: number;
  /** A read- and write-scoped API token. */
  token: string;
  /** The index in `targetIds` of the idea the member starts with. */
  firstTarget: number;
  /** Whether the member already supports that idea when the run starts. */
  supportsFirst: boolean;
}

export interface IdeasBench {
  targetIds: number[];
  members: BenchMember[];
  /** A Cookie header with a demo member's session: pages answered to it are never served from the anonymous cache. */
  sessionCookie: string;
  /** Support rows before the run, for the report. */
  supportRowsBefore: number;
}

async function demoMembers(db: Db): Promise<Array<{ id: number; verified: boolean; locale: string | null }>> {
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "email_verified_at", "locale"])
    .where("email", "like", "%@example.%")
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
  if (rows.length === 0) throw new Error("the database has no demo members to write ideas as");
  return rows.map((row) => ({ id: row.id, verified: row.email_verified_at !== null, locale: row.locale }));
}

function language(locale: string | null, rng: Random): Locale {
  return locale === "en" || locale === "fa" || locale === "he" ? locale : rng.pick(["en", "fa", "he"] as const);
}

/** Open ideas published over the last 300 days by demo members, with the demo's texts in their language. */
async function seedIdeas(db: Db, rng: Random, creators: Awaited<ReturnType<typeof demoMembers>>, now: Date): Promise<number[]> {
  const categories = new Map((await db.selectFrom("idea_categories").select(["id", "slug"]).execute()).map((row) => [row.slug, row.id]));
  const rows: Array<Insertable<Tables["ideas"]>> = [];
  for (let index = 0; index < LIST_IDEAS; index += 1) {
    const creator = rng.pick(creators);
    const lang = language(creator.locale, rng);
    const concept = rng.pick(CONCEPTS);
    const title = `${concept.title[lang]}${JOINER[lang]}${rng.pick(VARIANTS[lang])}`;
    const published = new Date(now.getTime() - rng.int(1, 300 * 24) * 3_600_000);
    const created = new Date(published.getTime() - rng.int(2, 72) * 3_600_000);
    rows.push({
      creator_id: creator.id,
      title,
      body: concept.body[lang],
      language: lang,
      category_id: categories.get(concept.category) ?? null,
      state: "open",
      created_at: created,
      updated_at: published,
      submitted_at: created,
      licence_accepted_at: created,
      published_at: published,
      search_text: normalizeText(`${title} ${concept.body[lang]}`),
    });
  }
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db.insertInto("ideas").values(rows.slice(start, start + 1000)).returning("id").execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/** A few supports from distinct demo members per idea, all within the trending week. */
function recentSupports(rng: Random, ideaIds: number[], supporters: Awaited<ReturnType<typeof demoMembers>>, now: Date): Array<Insertable<Tables["idea_supports"]>> {
  const rows: Array<Insertable<Tables["idea_supports"]>> = [];
  for (const ideaId of ideaIds) {
    const chosen = new Set<number>();
    const count = rng.int(0, MAX_SEEDED_SUPPORTS);
    while (chosen.size < Math.min(count, supporters.length)) chosen.add(rng.int(0, supporters.length - 1));
    for (const index of chosen) {
      const member = supporters[index];
      if (!member) continue;
      rows.push({ idea_id: ideaId, member_id: member.id, status: member.verified ? "verified" : "pending", created_at: new Date(now.getTime() - rng.int(1, 7 * 24 * 60) * 60_000) });
    }
  }
  return rows;
}

/** Verified members with API tokens; odd ones already support their first target. */
async function seedMembers(db: Db, now: Date): Promise<BenchMember[]> {
  const members: BenchMember[] = new Array<BenchMember>(BENCH_MEMBERS);
  const createdAt = new Date(now.getTime() - DAY);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < BENCH_MEMBERS) {
      const index = next++;
      const id = await createAccount(db, { email: `bench-${index}@bench.invalid`, name: `Bench member ${index + 1}`, verified: true, createdAt });
      const token = await createApiToken(db, id, "bench", ["read", "write"]);
      members[index] = { id, token, firstTarget: index % SUPPORT_TARGETS, supportsFirst: index % 2 === 1 };
    }
  }
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, () => worker()));
  return members;
}

/** Sets each idea's counters from its support rows, as the site would have counted them. */
async function recount(db: Db, fromId: number): Promise<void> {
  await sql`
    update ideas set verified_supporters = s.verified, pending_supporters = s.pending
    from (select idea_id, count(*) filter (where status = 'verified')::int as verified, count(*) filter (where status = 'pending')::int as pending
          from idea_supports where idea_id >= ${fromId} group by idea_id) as s
    where ideas.id = s.idea_id`.execute(db);
}

/** Writes the ideas bench data; the database must hold the demo community. */
export async function seedIdeasBench(db: Db, now = new Date()): Promise<IdeasBench> {
  const rng = new Random(SEED);
  const current = await readSetting(db, ideasSettings);
  await writeSetting(db, ideasSettings, { ...current, milestones: BENCH_MILESTONES, trustBar: { minAccountAgeHours: 0, requireVerifiedEmail: true } }, null);
  const people = await demoMembers(db);
  const ideaIds = await seedIdeas(db, rng, people, now);
  const targetIds = ideaIds.slice(0, SUPPORT_TARGETS);
  const members = await seedMembers(db, now);
  const supports = recentSupports(rng, ideaIds, people, now);
  for (const member of members) {
    const ideaId = targetIds[member.firstTarget];
    if (member.supportsFirst && ideaId !== undefined) supports.push({ idea_id: ideaId, member_id: member.id, status: "verified", created_at: new Date(now.getTime() - 3_600_000) });
  }
  await insertInBatches(db, "idea_supports", supports);
  await recount(db, ideaIds[0] ?? 0);
  await recountRecentSupports(db, now);
  // Searchable as the site keeps them: the runs measure a site in use, not its first indexing of 10,000 ideas.
  await syncIdeas(db);
  await sql`analyze`.execute(db);
  const reader = people.find((person) => person.verified) ?? people[0];
  const session = reader ? await createSession(db, reader.id, { userAgent: "hearth-bench" }) : "";
  return { targetIds, members, sessionCookie: `${SESSION_COOKIE}=${session}`, supportRowsBefore: await supportRows(db) };
}

async function supportRows(db: Db): Promise<number> {
  const row = await db.selectFrom("idea_supports").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}
