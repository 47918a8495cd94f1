/**
 * Badge and ladder-over-time figures on PostgreSQL, in a database of their own: the members bench's
 * 100,000 members and 5,000,000 activities and one members recompute (which the award job reads),
 * then the rule-badge award job (first run: everyone's badges; second: the steady state, nothing new),
 * the weekly snapshot, a year's backfill from the stage changes, and the console's conversion query.
 */
import { sql } from "kysely";
import { openDatabase } from "../src/platform/db/index.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { recomputeMembers } from "../src/modules/members/index.ts";
import { awardRuleBadges } from "../src/modules/members/badges/index.ts";
import { backfillWeeks, cohorts, snapshotWeek } from "../src/modules/members/funnel/weeks.ts";
import { seedMembersBench } from "./members.ts";

const TARGET_AWARD_SECONDS = 10;
const TARGET_PAGE_QUERY_SECONDS = 1;

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: Math.round((performance.now() - started) / 10) / 100, value };
}

export async function badgesBench(databaseUrl: string, progress: (line: string) => void) {
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    const db = database.db;
    await migrate(db);
    await seedMembersBench(db, progress);
    progress("badges: members recompute");
    const recompute = await timed(() => recomputeMembers(db, new Date(), { announce: false }));
    progress("badges: award job, first run");
    const first = await timed(() => awardRuleBadges(db));
    progress("badges: award job, second run");
    const second = await timed(() => awardRuleBadges(db));
    const snapshot = await timed(() => snapshotWeek(db));
    const backfill = await timed(() => backfillWeeks(db, new Date(), 51));
    const conversion = await timed(() => cohorts(db, new Date(Date.now() - 52 * 7 * 86_400_000)));
    const held = (await sql<{ slug: string; holders: number }>`select b.slug, count(*)::int as holders from member_badges m join badges b on b.id = m.badge_id group by 1 order by 1`.execute(db)).rows;
    // The goal is for the hourly run; the first run (everyone's badges at once, after deploying) is reported beside it.
    return {
      figures: {
        recomputeSeconds: recompute.seconds,
        awardFirstRun: { seconds: first.seconds, awarded: first.value },
        awardSecondRun: { seconds: second.seconds, awarded: second.value },
        snapshotSeconds: snapshot.seconds,
        backfillYearSeconds: backfill.seconds,
        conversionQuerySeconds: conversion.seconds,
        holders: held,
      },
      targets: [
        { name: "rule badge award job, hourly run, seconds (100k members)", value: second.seconds, limit: `< ${TARGET_AWARD_SECONDS}`, pass: second.seconds < TARGET_AWARD_SECONDS },
        { name: "ladder conversion query seconds (a year)", value: conversion.seconds, limit: `< ${TARGET_PAGE_QUERY_SECONDS}`, pass: conversion.seconds < TARGET_PAGE_QUERY_SECONDS },
      ],
    };
  } finally {
    await database.close();
  }
}
