/** The demo's ambassador programme: a membership for each ambassador on the ladder (one due for renewal), nominations, tasks, perks and the space. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { loadDemo } from "../../../demo/index.ts";
import { membershipState } from "../rules.ts";
import { impactReport, openNominations, spaceContent } from "../store.ts";
import "../index.ts";

describe("ambassadors demo (pglite)", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp("pglite");
    await loadDemo(t.app.hearth.db);
  });
  after(async () => {
    await t?.close();
  });

  test("every ambassador on the ladder has an accepted membership; one is due for renewal; the space has content", async () => {
    const db = t.app.hearth.db;
    const now = new Date();
    const flagged = await db.selectFrom("member_scores").select("account_id").where("ambassador", "=", true).orderBy("account_id").execute();
    const memberships = await db.selectFrom("ambassador_memberships").selectAll().where("ended_at", "is", null).orderBy("account_id").execute();
    assert.ok(flagged.length > 0);
    assert.deepEqual(memberships.map((row) => row.account_id), flagged.map((row) => row.account_id), "the flag and the memberships agree");
    const states = memberships.map((row) => membershipState({ acceptedAt: row.accepted_at, expiresAt: row.expires_at, endedAt: row.ended_at }, now));
    assert.equal(states.filter((state) => state === "due").length, 1, states.join(", "));
    assert.ok(states.every((state) => state === "active" || state === "due"));
    assert.ok((await openNominations(db)).length >= 1);
    const first = memberships[0]!;
    const space = await spaceContent(db, first.account_id, now);
    assert.ok(space.perks.length > 0 && space.tasks.length > 0 && space.announcements.length > 0);
    assert.equal(space.fellows.length, memberships.length - 1);
    const impact = await impactReport(db);
    assert.equal(impact.length, memberships.length);
    assert.equal(impact.reduce((sum, row) => sum + row.tasksDone, 0), 1, "one confirmed task in the demo");
  });
});
