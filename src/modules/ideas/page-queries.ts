/** Reads the idea pages need beyond store.ts: a member's own ideas in every state, and resubmissions. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { LIST_COLUMNS } from "./store.ts";

/** How many of a member's own ideas /ideas/mine shows. */
export const MINE_LIMIT = 200;

/** The member's ideas in every state: those waiting on them (drafts, changes requested) first, then the most recently changed. */
export async function ideasOfCreator(db: Executor, creatorId: number) {
  const waitingOnCreator = sql<number>`case when ideas.state in ('draft', 'changes_requested') then 0 else 1 end`;
  return db
    .selectFrom("ideas")
    .innerJoin("accounts", "accounts.id", "ideas.creator_id")
    .select(LIST_COLUMNS)
    .select("ideas.updated_at")
    .where("ideas.creator_id", "=", creatorId)
    .orderBy(waitingOnCreator)
    .orderBy("ideas.updated_at", "desc")
    .orderBy("ideas.id", "desc")
    .limit(MINE_LIMIT)
    .execute();
}

/** The id of the idea that resubmitted this one, if it was resubmitted. */
export async function resubmissionOf(db: Executor, ideaId: number): Promise<number | null> {
  const row = await db.selectFrom("ideas").select("id").where("resubmission_of", "=", ideaId).executeTakeFirst();
  return row?.id ?? null;
}
