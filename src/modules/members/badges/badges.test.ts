/** Badges on both databases: rule awards (set-based, idempotent, told once), pages and API, profiles, and the console's edits and manual awards. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../../test/helpers/session.ts";
import { recordActivity } from "../../../platform/activity/index.ts";
import { createAccount } from "../../../platform/auth/accounts.ts";
import type { Executor } from "../../../platform/db/index.ts";
import { recomputeMembers } from "../recompute.ts";
import { awardRuleBadges } from "./award.ts";

const DAY = 86_400_000;
const now = new Date();
const past = (days: number) => new Date(now.getTime() - days * DAY);

let counter = 0;
async function member(db: Executor): Promise<number> {
  counter += 1;
  return createAccount(db, { email: `b${counter}-${Date.now()}@badges.test`, name: `Badge member ${counter}`, verified: true, createdAt: past(300) });
}

async function act(db: Executor, actorId: number, type: string, targetId: number | null, daysAgo: number, subjectId = 1): Promise<void> {
  await recordActivity(db, { actorId, type, subjectType: type.split(".")[0]!, subjectId, targetId, occurredAt: past(daysAgo) });
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");

for (const kind of DATABASE_KINDS) {
  describe(`badges (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let helper: Client;
    let other: Client;
    let staff: Client;
    let hidden: number;
    let asker: number;

    const get = (url: string, client?: Client, language?: string) => t.app.inject({ url, headers: { ...(client ? { cookie: client.cookie } : {}), ...(language ? { "accept-language": language } : {}) } });
    const post = (url: string, client: Client, fields: Record<string, string>) =>
      t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
    const notices = async (accountId: number) => (await db.selectFrom("notifications").select("params").where("account_id", "=", accountId).where("type", "=", "badges.awarded").execute()).map((row) => String(row.params.badge)).sort();

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      helper = await signedInClient(t.app);
      other = await signedInClient(t.app);
      staff = await signedInClient(t.app, ["community_manager"]);
      asker = await member(db);
      hidden = await member(db);
      // Ten accepted answers (the "helper" badge), on ten days; the asker asked; an unlisted member answered ten too.
      for (let i = 0; i < 10; i += 1) {
        await act(db, helper.accountId, "answer.accepted", asker, 20 + i, 100 + i);
        await act(db, hidden, "answer.accepted", asker, 20 + i, 200 + i);
      }
      await act(db, asker, "question.asked", null, 40);
      // A self-accepted answer counts for nothing.
      for (let i = 0; i < 10; i += 1) await act(db, other.accountId, "answer.accepted", other.accountId, 5, 300 + i);
      await db.insertInto("member_profiles").values({ account_id: hidden, links: "[]", languages: [], listed: false }).execute();
      await recomputeMembers(db, now, { announce: false });
    });
    after(async () => {
      await t.close();
    });

    test("rule badges go to every member who meets the rule, once, each told once", async () => {
      const first = await awardRuleBadges(db, now);
      const held = async (accountId: number) =>
        (await db.selectFrom("member_badges").innerJoin("badges", "badges.id", "member_badges.badge_id").select("badges.slug").where("account_id", "=", accountId).execute()).map((row) => row.slug).sort();
      assert.deepEqual(await held(helper.accountId), ["first-step", "helper"]);
      assert.deepEqual(await held(hidden), ["first-step", "helper"]);
      assert.deepEqual(await held(asker), ["first-step"]);
      assert.deepEqual(await held(other.accountId), [], "self-interaction earns nothing");
      assert.deepEqual(await held(staff.accountId), [], "staff are not on the ladder");
      assert.equal(first, 5);
      assert.equal(await awardRuleBadges(db, now), 0, "a second run awards nothing");
      await t.drainJobs();
      await awardRuleBadges(db, now);
      await t.drainJobs();
      assert.deepEqual(await notices(helper.accountId), ["First step", "Helper"]);
    });

    test("the API and the pages show every badge with holders, rarity and how to earn it", async () => {
      const api = await get("/api/v1/badges");
      assert.equal(api.statusCode, 200);
      const items = api.json().items as Array<{ slug: string; holders: number; rarity: { word: string; percent: number }; howToEarn: string[]; kind: string }>;
      const helperBadge = items.find((item) => item.slug === "helper")!;
      assert.equal(helperBadge.holders, 2);
      // Active members: the three who contributed lately.
      assert.deepEqual(helperBadge.rarity, { word: "common", label: "Common", percent: 66.7 } as never);
      assert.deepEqual(helperBadge.howToEarn, ["Accepted answers: at least 10"]);
      assert.equal(items.find((item) => item.slug === "maker")!.rarity.word, "unearned");
      assert.equal(items.find((item) => item.slug === "community-hero")!.kind, "manual");

      const list = await get("/badges", undefined, "fa");
      assert.equal(list.statusCode, 200);
      assert.match(text(list.body), /یاری‌رسان/);
      const page = await get("/badges/helper");
      assert.equal(page.statusCode, 200);
      assert.match(text(page.body), /Accepted answers: at least 10/);
      assert.ok(page.body.includes(`/members/${helper.accountId}"`), "a listed holder is shown");
      assert.ok(!page.body.includes(`/members/${hidden}"`), "an unlisted holder is not");
      assert.equal((await get("/badges/no-such-badge")).statusCode, 404);
      assert.equal((await get("/badges/Not_A_Slug")).statusCode, 400);
      const he = await get("/badges/regular", undefined, "he");
      assert.match(text(he.body), /ימים פעילים: לפחות 100/);
    });

    test("a profile lists the member's badges", async () => {
      const profile = await get(`/members/${helper.accountId}`);
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /id="member-badges"/);
      assert.ok(profile.body.includes('href="/badges/helper"'));
      assert.doesNotMatch((await get(`/members/${asker}`)).body, /badges\/helper"/);
    });

    test("members cannot manage badges: 403", async () => {
      assert.equal((await get("/console/badges", helper)).statusCode, 403);
      assert.equal((await post("/console/badges", helper, { slug: "x", icon: "star", kind: "manual" })).statusCode, 403);
      assert.equal((await post("/console/badges/community-hero/award", helper, { member: String(helper.accountId), reason: "me" })).statusCode, 403);
      assert.equal((await db.selectFrom("member_badges").select("account_id").where("account_id", "=", helper.accountId).execute()).length, 2);
    });

    test("staff create a rule badge from its text; bad rules and taken addresses are refused with the reason", async () => {
      const fields = {
        slug: "question-asker",
        name_en: "Curious",
        name_fa: "کنجکاو",
        name_he: "סקרן/ית",
        description_en: "Asked a question.",
        description_fa: "پرسشی پرسید.",
        description_he: "שאל/ה שאלה.",
        icon: "chat",
        kind: "rule",
        rule: "question.asked ≥ 1",
        position: "5",
      };
      const bad = await post("/console/badges", staff, { ...fields, rule: "questions asked a lot" });
      assert.equal(bad.statusCode, 400);
      assert.match(text(bad.body), /Line 1 is not a condition/);
      const unknown = await post("/console/badges", staff, { ...fields, rule: "happiness ≥ 2" });
      assert.equal(unknown.statusCode, 400);
      assert.match(text(unknown.body), /unknown measure/);
      const missing = await post("/console/badges", staff, { ...fields, name_he: " " });
      assert.equal(missing.statusCode, 400);
      assert.match(text(missing.body), /Give the badge a name in this language/);
      assert.equal((await post("/console/badges", staff, { ...fields, icon: "rocket" })).statusCode, 400);
      const created = await post("/console/badges", staff, fields);
      assert.equal(created.statusCode, 303, created.body);
      assert.equal((await post("/console/badges", staff, fields)).statusCode, 400, "the address is taken");
      assert.equal(await awardRuleBadges(db, now), 1, "the asker earns the new badge at the next run");
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "badges.create").execute();
      assert.deepEqual(audit, [{ action: "badges.create", actor_id: staff.accountId }]);
      const edited = await post("/console/badges/question-asker", staff, { ...fields, rule: "question.asked >= 3" });
      assert.equal(edited.statusCode, 303);
      const rule = (await db.selectFrom("badges").select("rule").where("slug", "=", "question-asker").executeTakeFirstOrThrow()).rule;
      assert.deepEqual(rule, { all: [{ measure: "question.asked", atLeast: 3 }] });
    });

    test("staff award and revoke a manual badge with a reason, audited; the member is told", async () => {
      const url = "/console/badges/community-hero";
      const unknown = await post(`${url}/award`, staff, { member: "99999999", reason: "Great work" });
      assert.equal(unknown.statusCode, 400);
      assert.match(text(unknown.body), /There is no member with this number/);
      const noReason = await post(`${url}/award`, staff, { member: String(other.accountId), reason: "  " });
      assert.equal(noReason.statusCode, 400);
      assert.match(text(noReason.body), /Give the reason/);
      assert.equal((await post(`${url}/award`, staff, { member: String(other.accountId), reason: "Ran the spring meetup" })).statusCode, 303);
      assert.equal((await post(`${url}/award`, staff, { member: String(other.accountId), reason: "Again" })).statusCode, 409);
      assert.equal((await post("/console/badges/helper/award", staff, { member: String(other.accountId), reason: "No" })).statusCode, 409, "rule badges are not awarded by hand");
      await t.drainJobs();
      assert.deepEqual(await notices(other.accountId), ["Community hero"]);
      const console = await get(url, staff);
      assert.equal(console.statusCode, 200);
      assert.match(text(console.body), /Ran the spring meetup/);
      assert.equal((await post(`${url}/revoke`, staff, { member: String(other.accountId), reason: "Awarded by mistake" })).statusCode, 303);
      assert.equal((await post(`${url}/revoke`, staff, { member: String(other.accountId), reason: "Twice" })).statusCode, 404);
      const audit = await db.selectFrom("audit_log").select(["action", "details"]).where("action", "in", ["badges.award", "badges.revoke"]).orderBy("id").execute();
      assert.deepEqual(
        audit.map((row) => [row.action, (row.details as { reason: string }).reason]),
        [
          ["badges.award", "Ran the spring meetup"],
          ["badges.revoke", "Awarded by mistake"],
        ],
      );
    });
  });
}
