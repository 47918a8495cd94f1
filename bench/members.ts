/**
 * Members load figures on PostgreSQL, in a database of their own: 100,000 members and 5,000,000
 * activities seeded with generate_series, then the full recompute of reputation, trust levels and
 * stages (seconds, and the process's peak memory — the activities never come into the process), and
 * the prompt re-score of one member after an activity (milliseconds, for the busiest members and others).
 */
import { sql } from "kysely";
import { openDatabase, type Executor } from "../src/platform/db/index.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { recomputeMembers } from "../src/modules/members/index.ts";
import { rescoreMembers } from "../src/modules/members/recompute.ts";
import { DEFAULT_RULES } from "../src/modules/members/rules.ts";

const MEMBERS = Number(process.env.MEMBERS_BENCH_MEMBERS ?? 100_000);
const ACTIVITIES = Number(process.env.MEMBERS_BENCH_ACTIVITIES ?? 5_000_000);
const CHUNK = 1_000_000;
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 1024;
/** Members re-scored one at a time, half of them the busiest; the job's work must stay far below its window. */
const RESCORES = 200;
const TARGET_RESCORE_P95_MS = 250;

/**
 * Members who joined over two years, and activities of every weighted type over the last year: a
 * fifth of members do most of the work (the actor is skewed towards low ids), targets are anyone.
 */
export async function seedMembersBench(db: Executor, progress: (line: string) => void): Promise<void> {
  await sql`
    insert into accounts (email, name, email_verified_at, created_at, updated_at)
    select 'member' || g || '@bench.invalid', 'Member ' || g, now() - interval '700 days', now() - (g % 700) * interval '1 day', now()
    from generate_series(1, ${MEMBERS}) g`.execute(db);
  const first = Number((await sql<{ id: number }>`select min(id) as id from accounts`.execute(db)).rows[0]!.id);
  const types = Object.keys(DEFAULT_RULES.weights);
  const endorsed = types.map((type) => DEFAULT_RULES.weights[type]!.endorsed !== "none");
  for (let done = 0; done < ACTIVITIES; done += CHUNK) {
    const count = Math.min(CHUNK, ACTIVITIES - done);
    await sql`
      insert into activities (actor_id, type, subject_type, subject_id, target_id, occurred_at)
      select ${first}::bigint + floor(power(random(), 2) * ${MEMBERS})::bigint,
             t.type, 'bench', (random() * 200000)::bigint,
             case when t.endorsed or random() < 0.5 then ${first}::bigint + floor(random() * ${MEMBERS})::bigint end,
             now() - random() * interval '365 days'
      from generate_series(1, ${count}) g
      join lateral (select * from unnest(${types}::text[], ${endorsed}::boolean[]) with ordinality as u(type, endorsed, n)
                    where u.n = 1 + (g * 7 + ${done}) % ${types.length}) t on true`.execute(db);
    progress(`members: ${done + count} activities seeded`);
  }
  await sql`analyze`.execute(db);
}

/** Runs the members figures in `databaseUrl`, an empty PostgreSQL database (see benchPostgres). */
export async function membersBench(databaseUrl: string, progress: (line: string) => void): Promise<{ figures: object; targets: Array<{ name: string; value: number; limit: string; pass: boolean }> }> {
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await migrate(database.db);
    progress(`members: seeding ${MEMBERS} members and ${ACTIVITIES} activities`);
    const seedStarted = performance.now();
    await seedMembersBench(database.db, progress);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const runs: Array<{ seconds: number; aggregateSeconds: number; applySeconds: number; peakRssMb: number; promotions: number; demotions: number; members: number }> = [];
    // The first run places everyone (every member's row is new); the second is the steady state.
    for (const label of ["first", "second"]) {
      progress(`members: ${label} recompute`);
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const started = performance.now();
      const result = await recomputeMembers(database.db);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      runs.push({ seconds: round(seconds), aggregateSeconds: round(result.aggregateSeconds), applySeconds: round(result.applySeconds), peakRssMb: Math.round(peakRss / 1048576), promotions: result.promotions, demotions: result.demotions, members: result.members });
      progress(`members: ${label} recompute ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakRss / 1048576)} MB`);
    }
    progress(`members: ${RESCORES} prompt re-scores`);
    const sample = (
      await sql<{ id: string }>`
        (select actor_id as id from activities group by actor_id order by count(*) desc limit ${RESCORES / 2})
        union
        (select id from accounts order by random() limit ${RESCORES / 2})`.execute(database.db)
    ).rows.map((row) => Number(row.id));
    const rescoreMs: number[] = [];
    for (const id of sample) {
      const started = performance.now();
      await rescoreMembers(database.db, [id]);
      rescoreMs.push(performance.now() - started);
    }
    rescoreMs.sort((a, b) => a - b);
    const percentile = (p: number) => round(rescoreMs[Math.min(rescoreMs.length - 1, Math.floor(p * rescoreMs.length))] ?? 0);
    const rescore = { members: rescoreMs.length, p50Ms: percentile(0.5), p95Ms: percentile(0.95), maxMs: round(rescoreMs[rescoreMs.length - 1] ?? 0) };
    const stages = (await sql<{ stage: string; members: number }>`select stage, count(*)::int as members from member_scores group by stage order by stage`.execute(database.db)).rows;
    const levels = (await sql<{ level: number; members: number }>`select trust_level as level, count(*)::int as members from member_scores group by trust_level order by trust_level`.execute(database.db)).rows;
    const slowest = Math.max(...runs.map((run) => run.seconds));
    const peak = Math.max(...runs.map((run) => run.peakRssMb));
    return {
      figures: { members: MEMBERS, activities: ACTIVITIES, seedSeconds: round(seedSeconds), runs, rescore, stages, trustLevels: levels },
      targets: [
        { name: "members recompute seconds (100k members, 5M activities)", value: slowest, limit: `< ${TARGET_SECONDS}`, pass: slowest < TARGET_SECONDS },
        { name: "members recompute peak RSS MB", value: peak, limit: `< ${TARGET_RSS_MB}`, pass: peak < TARGET_RSS_MB },
        { name: "members prompt re-score p95 ms (one member)", value: rescore.p95Ms, limit: `< ${TARGET_RESCORE_P95_MS}`, pass: rescore.p95Ms < TARGET_RESCORE_P95_MS },
      ],
    };
  } finally {
    await database.close();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
