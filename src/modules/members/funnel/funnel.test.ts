/** The ladder over time on both databases: the weekly snapshot (idempotent per week), the backfill from stage changes, the conversions, and the console's chart. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../../test/helpers/session.ts";
import { createAccount } from "../../../platform/auth/accounts.ts";
import type { Executor } from "../../../platform/db/index.ts";
import type { Stage } from "../rules.ts";
import { isoWeekStart } from "./rules.ts";
import { backfillWeeks, readWeeks, snapshotWeek } from "./weeks.ts";

const DAY = 86_400_000;
// Everything is dated from the Monday of this week, so the weeks fall the same whatever today is.
const base = isoWeekStart(new Date());
const at = (days: number) => new Date(base.getTime() + days * DAY);
const weekOf = (weeks: number) => at(weeks * 7).toISOString().slice(0, 10);

let counter = 0;
async function onLadder(db: Executor, joined: Date, stage: Stage, changes: Array<[Stage, Date]>): Promise<number> {
  counter += 1;
  const id = await createAccount(db, { email: `f${counter}-${Date.now()}@funnel.test`, name: `Funnel ${counter}`, verified: true, createdAt: joined });
  await db.insertInto("member_scores").values({ account_id: id, stage, reputation_parts: "{}", metrics: "{}", contributions: "{}", reasons: "{}", trust_since: joined, trust_reviewed_at: joined, stage_since: changes.at(-1)?.[1] ?? joined, computed_at: joined }).execute();
  let from: Stage = "newcomer";
  for (const [to, when] of changes) {
    await db.insertInto("member_stage_changes").values({ account_id: id, kind: "stage", from_value: from, to_value: to, reasons: "[]", changed_at: when }).execute();
    from = to;
  }
  return id;
}

for (const kind of DATABASE_KINDS) {
  describe(`the ladder over time (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let staff: Client;
    let member: Client;

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      staff = await signedInClient(t.app, ["community_manager"]);
      member = await signedInClient(t.app);
      await onLadder(db, at(-36), "advocate", [
        ["participant", at(-19)],
        ["advocate", at(-5)],
      ]);
      await onLadder(db, at(-36), "participant", [["participant", at(-12)]]);
      await onLadder(db, base, "newcomer", []);
      await onLadder(db, at(-220), "participant", [["participant", at(-100)]]);
    });
    after(async () => {
      await t.close();
    });

    const byWeek = async (from: string) => {
      const rows = await readWeeks(db, from);
      const weeks: Record<string, Record<string, number>> = {};
      for (const row of rows) weeks[row.week] = { ...weeks[row.week], [row.stage]: row.members };
      return weeks;
    };

    test("the weekly snapshot counts members per stage, once per ISO week however often it runs", async () => {
      await snapshotWeek(db, new Date());
      await snapshotWeek(db, new Date());
      assert.deepEqual((await byWeek(weekOf(0)))[weekOf(0)], { newcomer: 1, participant: 2, advocate: 1 });
      const rows = await db.selectFrom("member_stage_weeks").select("stage").where("week", "=", weekOf(0)).execute();
      assert.equal(rows.length, 3);
    });

    test("past weeks are filled from the stage changes: each member on their stage at the week's end, from the week they joined", async () => {
      await backfillWeeks(db, new Date(), 4);
      await backfillWeeks(db, new Date(), 4);
      const weeks = await byWeek(weekOf(-4));
      assert.deepEqual(weeks[weekOf(-4)], { newcomer: 2, participant: 1 });
      assert.deepEqual(weeks[weekOf(-3)], { newcomer: 1, participant: 2 });
      assert.deepEqual(weeks[weekOf(-2)], { participant: 3 });
      assert.deepEqual(weeks[weekOf(-1)], { participant: 2, advocate: 1 });
      assert.deepEqual(weeks[weekOf(0)], { newcomer: 1, participant: 2, advocate: 1 }, "this week's snapshot is left as it is");
    });

    test("the console's ladder page draws the weeks and states the conversions; members get 403", async () => {
      assert.equal((await t.app.inject({ url: "/console/ladder", headers: { cookie: member.cookie } })).statusCode, 403);
      const page = await t.app.inject({ url: "/console/ladder", headers: { cookie: staff.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<svg class="ladder-chart"[^>]*role="img"/);
      assert.equal((page.body.match(/<polyline/g) ?? []).length, 5, "a line per stage");
      const text = page.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      // Of the three who joined in the period two went further; of the two new participants one; the new advocate not yet.
      assert.match(text, /From Newcomer to Participant 3 2 66\.7%/);
      assert.match(text, /From Participant to Advocate 2 1 50%/);
      assert.match(text, /From Advocate to Creator 1 0 0%/);
      assert.match(text, /From Creator to Ambassador 0 0 —/);
      const year = await t.app.inject({ url: "/console/ladder?weeks=52", headers: { cookie: staff.cookie, "accept-language": "fa" } });
      assert.equal(year.statusCode, 200);
      assert.match(year.body, /نردبان در گذر زمان/);
      assert.equal((await t.app.inject({ url: "/console/ladder?weeks=7", headers: { cookie: staff.cookie } })).statusCode, 400);
    });
  });
}
