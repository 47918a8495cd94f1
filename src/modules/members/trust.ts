/**
 * A member's trust level as other modules read it (flag weight, posting links, applying for a licence
 * or a programme). The level is the one the recompute stored; a suspended account counts as level 0.
 */
import type { Executor } from "../../platform/db/index.ts";
import { hasAbility, type Ability, type TrustLevel } from "./rules.ts";

export async function trustLevelOf(db: Executor, accountId: number, now = new Date()): Promise<TrustLevel> {
  const row = await db
    .selectFrom("accounts")
    .leftJoin("member_scores", "member_scores.account_id", "accounts.id")
    .select(["member_scores.trust_level", "accounts.suspended_until"])
    .where("accounts.id", "=", accountId)
    .executeTakeFirst();
  if (!row || (row.suspended_until !== null && new Date(row.suspended_until) > now)) return 0;
  return (row.trust_level ?? 0) as TrustLevel;
}

/** Whether the member's stored trust level allows the ability. */
export async function memberHasAbility(db: Executor, accountId: number, ability: Ability, now = new Date()): Promise<boolean> {
  return hasAbility(await trustLevelOf(db, accountId, now), ability);
}
