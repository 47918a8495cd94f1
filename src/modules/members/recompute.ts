/**
 * The batch recompute of every member's reputation, trust level and stage. The activities are
 * aggregated in SQL into one row of facts per member (`member_metrics`, never the activities
 * themselves in memory); the pure rules then run over those rows in batches, and each batch writes
 * its scores, its history and its promotion notices in one statement each.
 */
import { sql, type RawBuilder } from "kysely";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { enqueue } from "../../platform/jobs/index.ts";
import { readSetting } from "../../platform/settings/index.ts";
import {
  completeMetrics,
  decideStage,
  decideTrust,
  type Criterion,
  type Metrics,
  type MembersRules,
  type Stage,
  type TrustLevel,
} from "./rules.ts";
import { membersSettings } from "./settings.ts";

const DAY_MS = 86_400_000;
/** Members per write batch: big enough for few round trips, small enough for short transactions. */
const BATCH = 5_000;

/**
 * The statement that fills `member_metrics` (see fillMetrics), for every member or only `accountIds`
 * (the prompt re-score after an activity): the same formulas, with the activities narrowed to those
 * that touch the members asked for.
 */
export function metricsStatement(rules: MembersRules, now: Date, accountIds?: readonly number[]) {
  const entries = Object.entries(rules.weights);
  const types = entries.map(([type]) => type);
  const points = entries.map(([, weight]) => weight.points);
  const endorsed = entries.map(([, weight]) => weight.endorsed);
  const recent = new Date(now.getTime() - rules.recentDays * DAY_MS);
  const fresh = new Date(now.getTime() - rules.voting.freshDays * DAY_MS);
  const { levelWeights, freshFactor, mutualFactor, pairCap } = rules.voting;
  const ids = accountIds ? [...accountIds] : null;
  const only = (column: string) => (ids ? sql`${sql.ref(column)} = any(${ids}::bigint[])` : sql`true`);
  // An endorsement pair is needed from both sides: the mutual discount looks for the pair the other way round.
  const involved = ids ? sql`(a.actor_id = any(${ids}::bigint[]) or a.target_id = any(${ids}::bigint[]))` : sql`true`;
  return sql`
    insert into member_metrics (account_id, contributions, recent_contributions, active_days, recent_active_days, endorsers,
                                accepted_answers, helpful_reviews, ideas_past_milestone, approved_ideas, liked_creations, reputation, counts, parts)
    with w (type, points, endorsed) as (
      select * from unnest(${types}::text[], ${points}::float8[], ${endorsed}::text[])
    ),
    staff as (
      select distinct account_id from account_roles where role <> 'member'
    ),
    community as (
      select a.id from accounts a where a.deleted_at is null and ${only("a.id")} and not exists (select 1 from staff where staff.account_id = a.id)
    ),
    -- Active days are kept as bits of 64-day buckets (bit n of bucket b: UTC day 64·b + n), so a member has a
    -- handful of groups instead of one per day. (One grouping-sets pass with the per-type counts sorts all
    -- activities to disk instead: slower.)
    days as (
      select actor_id, bucket, count(*) as n, count(*) filter (where recent) as recent_n,
             bit_or(1::bigint << (day % 64)::int) as days,
             bit_or(case when recent then 1::bigint << (day % 64)::int else 0 end) as recent_days
      from (select actor_id, occurred_at >= ${recent} as recent,
                   floor(extract(epoch from occurred_at) / 86400)::bigint as day,
                   floor(extract(epoch from occurred_at) / 86400 / 64)::bigint as bucket
            from activities where (target_id is null or target_id <> actor_id) and ${only("actor_id")}) a
      group by 1, 2
    ),
    own as (
      select actor_id, sum(n) as contributions, sum(recent_n) as recent_contributions,
             sum(bit_count(days::bit(64))) as active_days, sum(bit_count(recent_days::bit(64))) as recent_active_days
      from days group by 1
    ),
    type_counts as (
      select actor_id, type, count(*) as n
      from activities
      where (target_id is null or target_id <> actor_id) and ${only("actor_id")}
      group by 1, 2
    ),
    counts as (
      select actor_id, jsonb_object_agg(type, n) as counts,
             coalesce(sum(n) filter (where type = 'answer.accepted'), 0) as accepted_answers,
             coalesce(sum(n) filter (where type = 'idea.approved'), 0) as approved_ideas
      from type_counts group by 1
    ),
    milestones as (
      select actor_id, count(distinct subject_id) as ideas
      from activities where type = 'idea.milestone' and ${only("actor_id")} group by 1
    ),
    helpful as (
      select target_id, count(*) as reviews from (
        select target_id, subject_id from activities
        where type = 'review.helpful' and target_id <> actor_id and ${only("target_id")}
        group by 1, 2 having count(distinct actor_id) >= ${rules.helpfulVotesPerReview}
      ) r group by 1
    ),
    liked as (
      select target_id, count(*) as creations from (
        select target_id, subject_id from activities
        where type = 'creation.liked' and target_id <> actor_id and ${only("target_id")}
        group by 1, 2 having count(distinct actor_id) >= ${rules.likesPerCreation}
      ) c group by 1
    ),
    endorsements as (
      select case w.endorsed when 'target' then a.target_id else a.actor_id end as member_id,
             case w.endorsed when 'target' then a.actor_id else a.target_id end as endorser_id,
             a.type, least(count(*), ${pairCap}) as n, min(w.points) as points
      from activities a join w on w.type = a.type and w.endorsed <> 'none'
      where a.target_id is not null and a.target_id <> a.actor_id and ${involved}
      group by 1, 2, 3
    ),
    pairs as (
      select distinct member_id, endorser_id from endorsements
    ),
    endorsed_points as (
      select e.member_id, e.type,
             sum(e.n * e.points
                 * (${levelWeights}::float8[])[(case when st.account_id is not null then 4 else coalesce(s.trust_level, 0) end) + 1]
                 * (case when v.created_at > ${fresh} then ${freshFactor}::float8 else 1 end)
                 * (case when back.member_id is not null then ${mutualFactor}::float8 else 1 end)) as points
      from endorsements e
      join accounts v on v.id = e.endorser_id
      left join member_scores s on s.account_id = e.endorser_id
      left join staff st on st.account_id = e.endorser_id
      left join pairs back on back.member_id = e.endorser_id and back.endorser_id = e.member_id
      group by 1, 2
    ),
    own_points as (
      select tc.actor_id as member_id, tc.type, tc.n * w.points as points
      from type_counts tc join w on w.type = tc.type and w.endorsed = 'none'
    ),
    parts as (
      select member_id, jsonb_object_agg(type, round(total::numeric, 2)) as parts, round(sum(total))::int as reputation from (
        select member_id, type, sum(points) as total
        from (select * from own_points union all select * from endorsed_points) p
        group by 1, 2
      ) t where total > 0 group by 1
    ),
    endorser_counts as (
      select member_id, count(*) as endorsers from pairs group by 1
    )
    select c.id, coalesce(own.contributions, 0), coalesce(own.recent_contributions, 0), coalesce(own.active_days, 0), coalesce(own.recent_active_days, 0),
           coalesce(ec.endorsers, 0), coalesce(counts.accepted_answers, 0), coalesce(helpful.reviews, 0), coalesce(milestones.ideas, 0),
           coalesce(counts.approved_ideas, 0), coalesce(liked.creations, 0), coalesce(parts.reputation, 0), coalesce(counts.counts, '{}'::jsonb), coalesce(parts.parts, '{}'::jsonb)
    from community c
    left join own on own.actor_id = c.id
    left join counts on counts.actor_id = c.id
    left join milestones on milestones.actor_id = c.id
    left join helpful on helpful.target_id = c.id
    left join liked on liked.target_id = c.id
    left join endorser_counts ec on ec.member_id = c.id
    left join parts on parts.member_id = c.id
    -- A prompt re-score may run beside the batch's refill: the later write wins, neither fails.
    on conflict (account_id) do update set
      (contributions, recent_contributions, active_days, recent_active_days, endorsers, accepted_answers, helpful_reviews,
       ideas_past_milestone, approved_ideas, liked_creations, reputation, counts, parts)
      = (excluded.contributions, excluded.recent_contributions, excluded.active_days, excluded.recent_active_days, excluded.endorsers,
         excluded.accepted_answers, excluded.helpful_reviews, excluded.ideas_past_milestone, excluded.approved_ideas, excluded.liked_creations,
         excluded.reputation, excluded.counts, excluded.parts)`;
}

/**
 * Aggregates every member's activities into `member_metrics`. Staff are not community members here:
 * they get no row, and their endorsements weigh as trust level 4. Self-interaction counts nowhere.
 * An endorser's weight uses their trust level from the previous recompute.
 */
export async function fillMetrics(db: Executor, rules: MembersRules, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    // The aggregation's hash tables (members × days, members × types, endorsement pairs) stay in memory
    // instead of spilling to disk; for this transaction only.
    await sql`set local work_mem = '128MB'`.execute(tx);
    await sql`delete from member_metrics`.execute(tx);
    await metricsStatement(rules, now).execute(tx);
  });
}

interface MetricsRow {
  account_id: number;
  created_at: Date;
  email_verified_at: Date | null;
  suspended_until: Date | null;
  contributions: number;
  recent_contributions: number;
  active_days: number;
  recent_active_days: number;
  endorsers: number;
  accepted_answers: number;
  helpful_reviews: number;
  ideas_past_milestone: number;
  approved_ideas: number;
  liked_creations: number;
  reputation: number;
  trust_level: number | null;
  trust_granted: number | null;
  trust_since: Date | null;
  trust_reviewed_at: Date | null;
  stage: Stage | null;
  stage_since: Date | null;
  ambassador: boolean | null;
}

function metricsOf(row: MetricsRow, reputation: number, now: Date): Metrics {
  return completeMetrics({
    ageDays: Math.floor((now.getTime() - new Date(row.created_at).getTime()) / DAY_MS),
    contributions: row.contributions,
    recentContributions: row.recent_contributions,
    activeDays: row.active_days,
    recentActiveDays: row.recent_active_days,
    endorsers: row.endorsers,
    acceptedAnswers: row.accepted_answers,
    helpfulReviews: row.helpful_reviews,
    ideasPastMilestone: row.ideas_past_milestone,
    approvedIdeas: row.approved_ideas,
    likedCreations: row.liked_creations,
    reputation,
  });
}

export interface Change {
  accountId: number;
  kind: "stage" | "trust";
  from: string;
  to: string;
  reasons: Criterion[];
  promoted: boolean;
}

export interface ScoreRow {
  accountId: number;
  reputation: number;
  trustLevel: TrustLevel;
  trustSince: Date;
  trustReviewedAt: Date;
  stage: Stage;
  stageSince: Date;
  metrics: Metrics;
  reasons: { stage: Criterion[]; trust: Criterion[] };
}

/** One batch of aggregated rows (members in `member_metrics` that match `filter`) with their stored scores and standing. */
async function metricsRows(db: Executor, filter: RawBuilder<unknown>): Promise<MetricsRow[]> {
  const { rows } = await sql<MetricsRow>`
    select m.account_id, m.contributions, m.recent_contributions, m.active_days, m.recent_active_days, m.endorsers, m.accepted_answers,
           m.helpful_reviews, m.ideas_past_milestone, m.approved_ideas, m.liked_creations, m.reputation, a.created_at, a.email_verified_at, a.suspended_until,
           s.trust_level, s.trust_granted, s.trust_since, s.trust_reviewed_at, s.stage, s.stage_since, s.ambassador
    from member_metrics m
    join accounts a on a.id = m.account_id
    left join member_scores s on s.account_id = m.account_id
    where ${filter}
    order by m.account_id
    limit ${BATCH}`.execute(db);
  return rows;
}

/** Applies the pure rules to one member's aggregated row: the new score and what changed. */
export function scoreMember(rules: MembersRules, row: MetricsRow, now: Date, options: { demote?: boolean } = {}): { score: ScoreRow; changes: Change[] } {
  const metrics = metricsOf(row, row.reputation, now);
  const standing = { verified: row.email_verified_at !== null, suspended: row.suspended_until !== null && new Date(row.suspended_until) > now };
  const storedLevel = (row.trust_level ?? 0) as TrustLevel;
  const trust = decideTrust(rules, { level: storedLevel, granted: row.trust_granted as TrustLevel | null, reviewedAt: row.trust_reviewed_at ? new Date(row.trust_reviewed_at) : now }, metrics, standing, now, options);
  const storedStage = row.stage ?? "newcomer";
  const stage = decideStage(rules, storedStage, row.ambassador ?? false, metrics);
  const changes: Change[] = [];
  if (trust.change) changes.push({ accountId: row.account_id, kind: "trust", from: String(storedLevel), to: String(trust.level), reasons: trust.reasons, promoted: trust.change === "promoted" });
  if (stage.stage !== storedStage) changes.push({ accountId: row.account_id, kind: "stage", from: storedStage, to: stage.stage, reasons: stage.reasons, promoted: stage.change === "promoted" });
  return {
    score: {
      accountId: row.account_id,
      reputation: row.reputation,
      trustLevel: trust.level,
      trustSince: trust.change || !row.trust_since ? now : new Date(row.trust_since),
      trustReviewedAt: trust.reviewedAt,
      stage: stage.stage,
      stageSince: stage.stage !== storedStage || !row.stage_since ? now : new Date(row.stage_since),
      metrics,
      reasons: { stage: stage.reasons, trust: trust.reasons },
    },
    changes,
  };
}

async function writeBatch(db: Executor, scores: ScoreRow[], changes: Change[], now: Date, announce: boolean): Promise<void> {
  await inTransaction(db, async (tx) => {
    // Reputation parts and contribution counts go from the work table straight to the scores.
    await sql`
      insert into member_scores (account_id, reputation, reputation_parts, trust_level, trust_since, trust_reviewed_at, stage, stage_since, metrics, contributions, reasons, computed_at)
      select v.id, v.reputation, m.parts, v.level, v.trust_since, v.reviewed_at, v.stage, v.stage_since, v.metrics::jsonb, m.counts, v.reasons::jsonb, ${now}
      from unnest(${scores.map((s) => s.accountId)}::bigint[], ${scores.map((s) => s.reputation)}::int[],
                  ${scores.map((s) => s.trustLevel)}::smallint[], ${scores.map((s) => s.trustSince)}::timestamptz[], ${scores.map((s) => s.trustReviewedAt)}::timestamptz[],
                  ${scores.map((s) => s.stage)}::text[], ${scores.map((s) => s.stageSince)}::timestamptz[], ${scores.map((s) => JSON.stringify(s.metrics))}::text[],
                  ${scores.map((s) => JSON.stringify(s.reasons))}::text[])
        as v(id, reputation, level, trust_since, reviewed_at, stage, stage_since, metrics, reasons)
      join member_metrics m on m.account_id = v.id
      on conflict (account_id) do update set
        reputation = excluded.reputation, reputation_parts = excluded.reputation_parts, trust_level = excluded.trust_level,
        trust_since = excluded.trust_since, trust_reviewed_at = excluded.trust_reviewed_at, stage = excluded.stage,
        stage_since = excluded.stage_since, metrics = excluded.metrics, contributions = excluded.contributions,
        reasons = excluded.reasons, computed_at = excluded.computed_at
      -- An unchanged member is not rewritten: in the steady state most rows stay as they are.
      where (member_scores.reputation, member_scores.reputation_parts, member_scores.trust_level, member_scores.trust_reviewed_at, member_scores.stage,
             member_scores.metrics, member_scores.contributions, member_scores.reasons)
            is distinct from (excluded.reputation, excluded.reputation_parts, excluded.trust_level, excluded.trust_reviewed_at, excluded.stage,
             excluded.metrics, excluded.contributions, excluded.reasons)`.execute(tx);
    if (changes.length === 0) return;
    await sql`
      insert into member_stage_changes (account_id, kind, from_value, to_value, reasons, changed_at)
      select id, kind, from_value, to_value, reasons::jsonb, ${now}
      from unnest(${changes.map((c) => c.accountId)}::bigint[], ${changes.map((c) => c.kind)}::text[], ${changes.map((c) => c.from)}::text[],
                  ${changes.map((c) => c.to)}::text[], ${changes.map((c) => JSON.stringify(c.reasons))}::text[]) as v(id, kind, from_value, to_value, reasons)`.execute(tx);
    const promoted = new Map<number, Change[]>();
    for (const change of changes) if (change.promoted) promoted.set(change.accountId, [...(promoted.get(change.accountId) ?? []), change]);
    if (!announce || promoted.size === 0) return;
    // One notice job per member and run, keyed by what they reached: each level and stage is announced once.
    const notices = [...promoted.entries()].map(([accountId, reached]) => ({
      accountId,
      key: `members.promoted:${accountId}:${reached.map((c) => `${c.kind}=${c.to}`).join(",")}`,
      payload: JSON.stringify({ accountId, changes: reached.map((c) => ({ kind: c.kind, to: c.to, reasons: c.reasons })) }),
    }));
    await sql`
      insert into jobs (queue, payload, dedupe_key, run_at)
      select 'members.promoted', payload::jsonb, key, ${now}
      from unnest(${notices.map((n) => n.payload)}::text[], ${notices.map((n) => n.key)}::text[]) as v(payload, key)
      on conflict (dedupe_key) do nothing`.execute(tx);
  });
}

export interface RecomputeResult {
  members: number;
  promotions: number;
  demotions: number;
  aggregateSeconds: number;
  applySeconds: number;
}

/**
 * Recomputes every member's score, trust level and stage. Idempotent: a second run at the same `now`
 * changes nothing. `announce: false` records changes without telling anyone (the demo's history).
 */
export async function recomputeMembers(db: Executor, now = new Date(), options: { announce?: boolean } = {}): Promise<RecomputeResult> {
  const rules = await readSetting(db, membersSettings);
  const started = performance.now();
  await fillMetrics(db, rules, now);
  const aggregated = performance.now();
  let after = 0;
  let members = 0;
  let promotions = 0;
  let demotions = 0;
  // Outside a transaction the next batch is read and scored while the previous one is written, on another connection.
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    const rows = await metricsRows(db, sql`m.account_id > ${after}`);
    if (rows.length === 0) break;
    const scores: ScoreRow[] = [];
    const changes: Change[] = [];
    for (const row of rows) {
      const scored = scoreMember(rules, row, now);
      scores.push(scored.score);
      changes.push(...scored.changes);
    }
    await writing;
    writing = writeBatch(db, scores, changes, now, options.announce ?? true);
    // A failed write surfaces at the next await; until then it must not count as unhandled.
    writing.catch(() => undefined);
    if (db.isTransaction) await writing;
    members += rows.length;
    promotions += changes.filter((c) => c.promoted).length;
    demotions += changes.filter((c) => !c.promoted).length;
    after = rows[rows.length - 1]!.account_id;
  }
  await writing;
  return { members, promotions, demotions, aggregateSeconds: (aggregated - started) / 1000, applySeconds: (performance.now() - aggregated) / 1000 };
}

/**
 * Re-scores a few members at once (after their activity) with the batch's SQL and rules, in the
 * caller's transaction: reputation and stage as the batch would, trust promotions announced, but no
 * demotion (those wait for the schedule). Returns what changed.
 */
export async function rescoreMembers(db: Executor, accountIds: readonly number[], now = new Date()): Promise<Change[]> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return [];
  const rules = await readSetting(db, membersSettings);
  return inTransaction(db, async (tx) => {
    await sql`delete from member_metrics where account_id = any(${ids}::bigint[])`.execute(tx);
    await metricsStatement(rules, now, ids).execute(tx);
    const scored = (await metricsRows(tx, sql`m.account_id = any(${ids}::bigint[])`)).map((row) => scoreMember(rules, row, now, { demote: false }));
    if (scored.length === 0) return [];
    const changes = scored.flatMap((result) => result.changes);
    await writeBatch(tx, scored.map((result) => result.score), changes, now, true);
    return changes;
  });
}

/** Queues a recompute now (after a settings change or a staff grant); the recurring job also runs it hourly. */
export async function requestRecompute(db: Executor, now = new Date()): Promise<void> {
  await enqueue(db, "members.recompute", {}, { dedupeKey: `members.recompute@manual:${Math.floor(now.getTime() / 60_000)}` });
}
