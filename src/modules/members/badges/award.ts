/**
 * Awarding badges. Rule badges: a recurring job tests every rule against the counts the members
 * recompute stores (activity counts per type and the ladder's metrics in `member_scores`), one
 * set-based statement per badge, so no activity is read into Node. Each new holder is told once (a
 * notice job keyed by member and badge). Manual badges: staff award and revoke them with a reason.
 */
import { sql, type RawBuilder } from "kysely";
import { Value } from "typebox/value";
import { recordAudit } from "../../../platform/audit/index.ts";
import type { Actor } from "../../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../../platform/db/index.ts";
import { conflict, invalid, notFound } from "../../../platform/errors.ts";
import { DEFAULT_LOCALE, isLocale } from "../../../platform/i18n/index.ts";
import { defineJob, defineRecurringJob } from "../../../platform/jobs/index.ts";
import { defineNotificationType, notify } from "../../../platform/notify/index.ts";
import { BadgeRuleSchema, isMetric, type BadgeRule } from "./rules.ts";
import { forgetCounts, inLanguage, type BadgeRow } from "./store.ts";

defineNotificationType({
  type: "badges.awarded",
  labelKey: "badges.notifications.awarded.label",
  messageKey: "badges.notifications.awarded.message",
  defaults: { inApp: true, email: true },
  email: (params) => ({ subjectKey: "badges.notifications.awarded.subject", paragraphKeys: ["badges.notifications.awarded.message"], params }),
});

/** The SQL test of one condition on a `member_scores` row `s`; measures are checked by the schema, and passed as values. */
function conditionSql(measure: string, atLeast: number): RawBuilder<boolean> {
  const column = isMetric(measure) ? sql`s.metrics` : sql`s.contributions`;
  return sql<boolean>`coalesce((${column} ->> ${measure}::text)::numeric, 0) >= ${atLeast}`;
}

/** Awards one rule badge to every member who meets it and does not hold it; returns how many got it. */
async function awardRule(db: Executor, badgeId: number, rule: BadgeRule, now: Date, announce: boolean): Promise<number> {
  const conditions = sql.join(
    rule.all.map((condition) => conditionSql(condition.measure, condition.atLeast)),
    sql` and `,
  );
  const result = await sql<{ n: number }>`
    with awarded as (
      insert into member_badges (account_id, badge_id, awarded_at)
      select s.account_id, ${badgeId}::bigint, ${now}::timestamptz
      from member_scores s join accounts a on a.id = s.account_id
      where a.deleted_at is null and ${conditions}
      on conflict (account_id, badge_id) do nothing
      returning account_id
    ),
    notices as (
      insert into jobs (queue, payload, dedupe_key, run_at)
      select 'badges.awarded', jsonb_build_object('accountId', account_id, 'badgeId', ${badgeId}::bigint),
             'badges.awarded:' || account_id || ':' || ${badgeId}::bigint, ${now}::timestamptz
      from awarded where ${announce}::boolean
      on conflict (dedupe_key) do nothing
      returning 1
    )
    select count(*)::int as n from awarded`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Awards every rule badge its new holders. Idempotent: a second run awards nothing more. Rule badges
 * are never taken back here (a badge records what a member has done). `announce: false` awards
 * without telling anyone (the demo's history).
 */
export async function awardRuleBadges(db: Executor, now = new Date(), options: { announce?: boolean } = {}): Promise<number> {
  const badges = await db.selectFrom("badges").select(["id", "rule"]).where("kind", "=", "rule").orderBy("id").execute();
  let awarded = 0;
  for (const badge of badges) {
    // The console only saves checked rules; a rule edited in the database by hand is skipped, not guessed at.
    if (!Value.Check(BadgeRuleSchema, badge.rule)) continue;
    awarded += await awardRule(db, badge.id, badge.rule, now, options.announce ?? true);
  }
  if (awarded > 0) forgetCounts(db);
  return awarded;
}

// Hourly, like the members recompute whose stored counts it reads; a badge earned shows within two hours at most.
defineRecurringJob("badges.award", 3600_000, async (_payload, { db }) => {
  await awardRuleBadges(db);
});

/** The notice of a new badge, with its name in the member's language. */
defineJob(
  "badges.awarded",
  async (payload, { db }) => {
    const accountId = Number(payload.accountId);
    const badgeId = Number(payload.badgeId);
    const account = await db.selectFrom("accounts").select("locale").where("id", "=", accountId).where("deleted_at", "is", null).executeTakeFirst();
    const badge = await db.selectFrom("badges").select(["slug", "names"]).where("id", "=", badgeId).executeTakeFirst();
    const held = await db.selectFrom("member_badges").select("badge_id").where("account_id", "=", accountId).where("badge_id", "=", badgeId).executeTakeFirst();
    if (!account || !badge || !held) return;
    const locale = isLocale(account.locale) ? account.locale : DEFAULT_LOCALE;
    await notify(db, { accountId, type: "badges.awarded", params: { badge: inLanguage(badge.names, locale) }, url: `/badges/${badge.slug}` });
  },
  { transactional: true },
);

async function memberToAward(db: Executor, accountId: number): Promise<void> {
  const account = await db.selectFrom("accounts").select("id").where("id", "=", accountId).where("deleted_at", "is", null).executeTakeFirst();
  if (!account) throw invalid("unknown_member", "badges.errors.unknownMember", { member: { key: "badges.errors.unknownMember" } });
}

/** Staff award a manual badge with a reason; the member is told, the award audited. */
export async function awardManualBadge(db: Executor, actor: Actor, badge: BadgeRow, accountId: number, reason: string, now: Date, ip: string | null): Promise<void> {
  if (badge.kind !== "manual") throw conflict("badge_not_manual", "badges.errors.notManual");
  await inTransaction(db, async (tx) => {
    await memberToAward(tx, accountId);
    const inserted = await tx
      .insertInto("member_badges")
      .values({ account_id: accountId, badge_id: badge.id, awarded_at: now, awarded_by: actor.id, reason })
      .onConflict((oc) => oc.columns(["account_id", "badge_id"]).doNothing())
      .returning("account_id")
      .executeTakeFirst();
    if (!inserted) throw conflict("badge_already_held", "badges.errors.alreadyHeld");
    await tx
      .insertInto("jobs")
      .values({ queue: "badges.awarded", payload: JSON.stringify({ accountId, badgeId: badge.id }), dedupe_key: `badges.awarded:${accountId}:${badge.id}`, run_at: now })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .execute();
    forgetCounts(db);
    await recordAudit(tx, { actorId: actor.id, action: "badges.award", subjectType: "account", subjectId: accountId, details: { badge: badge.slug, reason }, ip });
  });
}

/** Staff take back a manual badge, with a reason, audited. */
export async function revokeManualBadge(db: Executor, actor: Actor, badge: BadgeRow, accountId: number, reason: string, ip: string | null): Promise<void> {
  if (badge.kind !== "manual") throw conflict("badge_not_manual", "badges.errors.notManual");
  await inTransaction(db, async (tx) => {
    const removed = await tx.deleteFrom("member_badges").where("account_id", "=", accountId).where("badge_id", "=", badge.id).returning("account_id").executeTakeFirst();
    if (!removed) throw notFound("badge_not_held", "badges.errors.notHeld");
    forgetCounts(db);
    await recordAudit(tx, { actorId: actor.id, action: "badges.revoke", subjectType: "account", subjectId: accountId, details: { badge: badge.slug, reason }, ip });
  });
}
