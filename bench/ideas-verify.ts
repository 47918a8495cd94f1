/**
 * After the support run, with Hearth stopped: every idea's counters must equal its support rows,
 * and every support the API confirmed must be there (every confirmed withdrawal gone). Any
 * difference is a lost or doubled support.
 */
import { sql } from "kysely";
import type { Db } from "../src/platform/db/index.ts";
import type { SupportExpectation } from "./ideas-scenarios.ts";

export interface SupportCheck {
  ideasChecked: number;
  supportRows: number;
  /** Ideas whose verified or pending counter differs from their support rows. */
  mismatchedIdeas: number;
  /** Confirmed supports missing from the table. */
  confirmedButMissing: number;
  /** Confirmed withdrawals still in the table. */
  withdrawnButPresent: number;
  /** Pairs of member and idea checked against what the API answered, and those left out (no answer yet when the run stopped). */
  confirmationsChecked: number;
  confirmationsUnknown: number;
  /** The sum of every counter's difference and every confirmation the table contradicts: 0 when nothing was lost or doubled. */
  lostOrDoubled: number;
}

async function counterDifferences(db: Db): Promise<{ ideas: number; rows: number; mismatched: number; difference: number }> {
  const result = await sql<{ ideas: number; rows: number; mismatched: number; difference: number }>`
    select count(*)::int as ideas,
           coalesce(sum(s.total), 0)::int as rows,
           count(*) filter (where i.verified_supporters <> coalesce(s.verified, 0) or i.pending_supporters <> coalesce(s.pending, 0))::int as mismatched,
           coalesce(sum(abs(i.verified_supporters - coalesce(s.verified, 0)) + abs(i.pending_supporters - coalesce(s.pending, 0))), 0)::int as difference
    from ideas i
    left join (select idea_id, count(*) as total, count(*) filter (where status = 'verified') as verified, count(*) filter (where status = 'pending') as pending
               from idea_supports group by idea_id) s on s.idea_id = i.id`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("the support check read nothing");
  return row;
}

/** Checks the counters of every idea, and the confirmed supports of the bench members. */
export async function checkSupports(db: Db, confirmed: { known: SupportExpectation[]; unknown: number }): Promise<SupportCheck> {
  const counters = await counterDifferences(db);
  const ideaIds = [...new Set(confirmed.known.map((entry) => entry.ideaId))];
  const memberIds = [...new Set(confirmed.known.map((entry) => entry.memberId))];
  const present = new Set<string>();
  if (ideaIds.length > 0 && memberIds.length > 0) {
    const rows = await db.selectFrom("idea_supports").select(["idea_id", "member_id"]).where("idea_id", "in", ideaIds).where("member_id", "in", memberIds).execute();
    for (const row of rows) present.add(`${row.member_id}:${row.idea_id}`);
  }
  let missing = 0;
  let extra = 0;
  for (const entry of confirmed.known) {
    const found = present.has(`${entry.memberId}:${entry.ideaId}`);
    if (entry.supported && !found) missing++;
    if (!entry.supported && found) extra++;
  }
  return {
    ideasChecked: counters.ideas,
    supportRows: counters.rows,
    mismatchedIdeas: counters.mismatched,
    confirmedButMissing: missing,
    withdrawnButPresent: extra,
    confirmationsChecked: confirmed.known.length,
    confirmationsUnknown: confirmed.unknown,
    lostOrDoubled: counters.difference + missing + extra,
  };
}
