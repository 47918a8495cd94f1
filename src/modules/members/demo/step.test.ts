/** The demo community on the ladder: every member placed by the real recompute, and a demo member's profile explained in three languages. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { loadDemo } from "../../../demo/index.ts";
import { sql } from "../../../platform/db/index.ts";
import "../index.ts";

describe("members demo (pglite)", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp("pglite");
    await loadDemo(t.app.hearth.db);
  });
  after(async () => {
    await t?.close();
  });

  test("every demo member has a stage, and the ladder has people on every rung", async () => {
    const db = t.app.hearth.db;
    const stages = await db.selectFrom("member_scores").select(["stage", (eb) => eb.fn.countAll<number>().as("count")]).groupBy("stage").execute();
    const byStage = Object.fromEntries(stages.map((row) => [row.stage, Number(row.count)]));
    assert.equal(byStage.ambassador, 3);
    for (const stage of ["participant", "creator"]) assert.ok((byStage[stage] ?? 0) > 0, `${stage}: ${JSON.stringify(byStage)}`);
    const community = await sql<{ count: number }>`
      select count(*)::int as count from accounts a
      where a.deleted_at is null and not exists (select 1 from account_roles r where r.account_id = a.id and r.role <> 'member')`.execute(db);
    const scored = Object.values(byStage).reduce((sum, count) => sum + count, 0);
    assert.equal(scored, community.rows[0]!.count, "every community member is scored; staff are not");
    const notices = await db.selectFrom("jobs").select("id").where("queue", "=", "members.promoted").execute();
    assert.equal(notices.length, 0, "the demo's history is not announced");
  });

  test("a demo member's profile states why they hold their stage and what is next, in en/fa/he", async () => {
    const db = t.app.hearth.db;
    const member = await db
      .selectFrom("member_scores")
      .innerJoin("member_profiles", "member_profiles.account_id", "member_scores.account_id")
      .select("member_scores.account_id")
      .where("stage", "in", ["participant", "advocate", "creator"])
      .where("listed", "=", true)
      .orderBy("reputation", "desc")
      .executeTakeFirstOrThrow();
    const json = (await t.app.inject({ url: `/api/v1/members/${member.account_id}` })).json();
    assert.ok(json.stageReasons.length > 0);
    assert.ok(json.nextStage);
    const headings: Record<string, [string, string]> = { en: ["Because:", "Next:"], fa: ["به این دلیل:", "مرحلهٔ بعد:"], he: ["כי:", "הבא:"] };
    for (const [language, [because, next]] of Object.entries(headings)) {
      const page = await t.app.inject({ url: `/members/${member.account_id}`, headers: { "accept-language": language } });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(because), `${language}: reasons`);
      assert.ok(page.body.includes(next), `${language}: next stage`);
      assert.match(page.body, /class="member-criteria__(done|left)"/);
    }
  });
});
