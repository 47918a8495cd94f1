/** The demo's badges, spotlight and ladder over time: awarded and set by the real code, with a history that moves. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { loadDemo } from "../../../demo/index.ts";
import { signedInClient } from "../../../../test/helpers/session.ts";
import "../index.ts";

describe("badges, spotlight and ladder demo (pglite)", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp("pglite");
    await loadDemo(t.app.hearth.db);
  });
  after(async () => {
    await t?.close();
  });

  test("rule and manual badges are held, without notices for the demo's history", async () => {
    const db = t.app.hearth.db;
    const held = await db.selectFrom("member_badges").innerJoin("badges", "badges.id", "member_badges.badge_id").select(["badges.slug", "badges.kind", (eb) => eb.fn.countAll<number>().as("n")]).groupBy(["badges.slug", "badges.kind"]).execute();
    const count = (slug: string) => Number(held.find((row) => row.slug === slug)?.n ?? 0);
    assert.ok(count("first-step") > 100, JSON.stringify(held));
    assert.equal(count("community-hero"), 3, "the ambassadors");
    assert.ok(count("event-host") > 0);
    assert.equal((await db.selectFrom("jobs").select("id").where("queue", "=", "badges.awarded").execute()).length, 0);
    const api = (await t.app.inject({ url: "/api/v1/badges" })).json();
    assert.ok(api.items.some((item: { rarity: { word: string } }) => item.rarity.word === "common"));
  });

  test("one current spotlight on the home page and past ones in the history", async () => {
    const visitor = await signedInClient(t.app);
    const home = await t.app.inject({ url: "/", headers: { cookie: visitor.cookie } });
    assert.equal((home.body.match(/data-spotlight=/g) ?? []).length, 1);
    const history = await t.app.inject({ url: "/spotlight" });
    assert.ok((history.body.match(/data-spotlight=/g) ?? []).length >= 3);
  });

  test("a year of weeks, in which the ladder grows", async () => {
    const db = t.app.hearth.db;
    const weeks = await db.selectFrom("member_stage_weeks").select(["week", "stage", "members"]).orderBy("week").execute();
    const distinct = [...new Set(weeks.map((row) => String(row.week)))];
    assert.equal(distinct.length, 52);
    const beyondNewcomer = (week: string) => weeks.filter((row) => String(row.week) === week && row.stage !== "newcomer").reduce((sum, row) => sum + row.members, 0);
    assert.ok(beyondNewcomer(distinct[0]!) < beyondNewcomer(distinct.at(-1)!), "more members past newcomer now than a year ago");
    assert.ok(beyondNewcomer(distinct[26]!) > 0);
  });
});
