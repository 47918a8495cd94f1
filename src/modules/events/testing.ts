/** Test support: gives an account a stored trust level as a staff grant would (a floor the recompute keeps). */
import type { Executor } from "../../platform/db/index.ts";

export async function giveTrustLevel(db: Executor, accountId: number, level: number): Promise<void> {
  await db
    .insertInto("member_scores")
    .values({ account_id: accountId, reputation_parts: "{}", metrics: "{}", contributions: "{}", reasons: "{}", trust_level: level, trust_granted: level })
    .onConflict((oc) => oc.column("account_id").doUpdateSet({ trust_level: level, trust_granted: level }))
    .execute();
}
