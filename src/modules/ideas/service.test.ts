/** The ideas use cases on both databases: moderation, support with fair counting, milestones, review, merge, expiry. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import { createApiToken } from "../../platform/auth/sessions.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import { AppError } from "../../platform/errors.ts";
import { writeSetting } from "../../platform/settings/index.ts";
import { createIdea, decideIdea, mergeIdeas, moderateIdea, promotePendingSupports, recordMissedMilestones, recountRecentSupports, resubmitIdea, sweepExpired } from "./service.ts";
import { supportIdea, withdrawSupport } from "./supports.ts";
import { ideasSettings } from "./settings.ts";
import "./index.ts";

const HOUR = 3_600_000;
let serial = 0;

async function member(t: TestApp, options: { roles?: Role[]; verified?: boolean; createdAt?: Date } = {}): Promise<Actor> {
  serial += 1;
  const createdAt = options.createdAt ?? new Date(Date.now() - 30 * 24 * HOUR);
  const email = `member${serial}@example.test`;
  const id = await createAccount(t.app.hearth.db, { email, name: `Member ${serial}`, verified: options.verified ?? true, createdAt });
  for (const role of options.roles ?? []) await grantRole(t.app.hearth.db, id, role);
  return {
    id,
    email,
    name: `Member ${serial}`,
    emailVerified: options.verified ?? true,
    locale: "en",
    createdAt,
    roles: [{ role: "member", scope: "*" }, ...(options.roles ?? []).map((role) => ({ role, scope: "*" }))],
  };
}

function rejects(code: string) {
  return (error: unknown) => error instanceof AppError && error.code === code;
}

async function useSmallMilestones(t: TestApp, trustHours = 24, targets: [number, number] = [3, 5]): Promise<void> {
  await writeSetting(
    t.app.hearth.db,
    ideasSettings,
    {
      ...ideasSettings.defaults,
      milestones: { steps: [{ target: targets[0], window: 60, unit: "days" }, { target: targets[1], window: 30, unit: "days" }] },
      trustBar: { minAccountAgeHours: trustHours, requireVerifiedEmail: true },
    },
    null,
  );
}

async function openIdea(t: TestApp, creator: Actor, moderator: Actor, title = "A lamp that follows the sun"): Promise<number> {
  const id = await createIdea(t.app.hearth.db, creator, { title, body: "It turns towards the window during the day.", language: "en", acceptLicence: true, submit: true });
  await moderateIdea(t.app.hearth.db, moderator, id, "approve", "");
  return id;
}

async function idea(t: TestApp, id: number) {
  return t.app.hearth.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

for (const kind of DATABASE_KINDS) {
  describe(`ideas service (${kind})`, () => {
    let t: TestApp;
    let moderator: Actor;
    let reviewer: Actor;
    before(async () => {
      t = await startTestApp(kind);
      await useSmallMilestones(t);
      moderator = await member(t, { roles: ["moderator"] });
      reviewer = await member(t, { roles: ["product_reviewer"] });
    });
    after(async () => {
      await t.close();
    });

    test("submission needs the licence; moderation needs a reason to refuse; approval opens the idea", async () => {
      const creator = await member(t);
      await assert.rejects(createIdea(t.app.hearth.db, creator, { title: "No licence", body: "x".repeat(30), language: "fa", acceptLicence: false, submit: true }), rejects("licence_not_accepted"));
      const id = await createIdea(t.app.hearth.db, creator, { title: "چراغ مطالعهٔ تاشو", body: "چراغی که در کیف جا می‌شود.", language: "fa", acceptLicence: true, submit: true });
      assert.equal((await idea(t, id)).state, "in_moderation");
      await assert.rejects(moderateIdea(t.app.hearth.db, moderator, id, "reject", "  "), rejects("reason_required"));
      await assert.rejects(moderateIdea(t.app.hearth.db, creator, id, "approve", ""), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
      await moderateIdea(t.app.hearth.db, moderator, id, "approve", "");
      const row = await idea(t, id);
      assert.equal(row.state, "open");
      assert.ok(row.published_at);
      const audit = await t.app.hearth.db.selectFrom("audit_log").select("action").where("subject_type", "=", "idea").where("subject_id", "=", String(id)).execute();
      assert.deepEqual(audit.map((entry) => entry.action), ["ideas.moderate.approve"]);
      await assert.rejects(moderateIdea(t.app.hearth.db, moderator, id, "approve", ""), rejects("invalid_transition"));
    });

    test("one support per member; own, unapproved and double supports change nothing", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      const fan = await member(t);
      const first = await supportIdea(t.app.hearth.db, fan, id);
      const second = await supportIdea(t.app.hearth.db, fan, id);
      assert.deepEqual(first.counts, { verified: 1, pending: 0 });
      assert.equal(second.created, false);
      assert.deepEqual(second.counts, { verified: 1, pending: 0 });
      await assert.rejects(supportIdea(t.app.hearth.db, creator, id), rejects("support_own_idea"));
      const draft = await createIdea(t.app.hearth.db, creator, { title: "Still a draft", body: "Not yet submitted at all.", language: "en", acceptLicence: false, submit: false });
      await assert.rejects(supportIdea(t.app.hearth.db, fan, draft), rejects("idea_not_found"), "a draft does not exist for others");
      assert.equal((await idea(t, id)).verified_supporters, 1);
    });

    test("an idea closed a moment after its facts were kept refuses with the fresh reason and keeps its count", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      await supportIdea(t.app.hearth.db, await member(t), id);
      // Another process hides the idea while this one still keeps its facts as open.
      await t.app.hearth.db.updateTable("ideas").set({ state: "rejected" }).where("id", "=", id).execute();
      await assert.rejects(supportIdea(t.app.hearth.db, await member(t), id), rejects("idea_not_found"), "hidden now, so it does not exist for supporters");
      await t.app.hearth.db.updateTable("ideas").set({ state: "open" }).where("id", "=", id).execute();
      const again = await supportIdea(t.app.hearth.db, await member(t), id);
      assert.deepEqual(again.counts, { verified: 2, pending: 0 }, "open again at once: a closed idea's facts are not kept");
    });

    test("supports from brand-new or unverified accounts are pending until the account passes the trust bar", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      const fresh = await member(t, { createdAt: new Date(Date.now() - HOUR) });
      const unverified = await member(t, { verified: false });
      assert.equal((await supportIdea(t.app.hearth.db, fresh, id)).status, "pending");
      const result = await supportIdea(t.app.hearth.db, unverified, id);
      assert.deepEqual(result.counts, { verified: 0, pending: 2 });
      // A day later the fresh account passes the bar; the unverified one still does not.
      assert.equal(await promotePendingSupports(t.app.hearth.db, new Date(Date.now() + 25 * HOUR)), 1);
      const row = await idea(t, id);
      assert.deepEqual([row.verified_supporters, row.pending_supporters], [1, 1]);
    });

    test("milestones are recorded once, announced exactly once, and kept after a withdrawal", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      const fans = [await member(t), await member(t), await member(t)];
      for (const fan of fans) await supportIdea(t.app.hearth.db, fan, id);
      const reached = await idea(t, id);
      assert.equal(reached.milestones_reached_at.length, 1);
      await t.drainJobs();
      await t.drainJobs();
      const notices = await t.app.hearth.db.selectFrom("notifications").select(["account_id"]).where("type", "=", "ideas.milestone").where(sql<boolean>`params->>'title' = 'A lamp that follows the sun'`).where("url", "=", `/ideas/${id}`).execute();
      assert.deepEqual(notices.map((n) => n.account_id).sort(), [creator.id, ...fans.map((fan) => fan.id)].sort(), "creator and each supporter told once");
      const mails = await t.app.hearth.db.selectFrom("mail_outbox").select("to_address").where("kind", "=", "ideas.milestone").where("to_address", "=", creator.email).execute();
      assert.equal(mails.length, 1);
      await withdrawSupport(t.app.hearth.db, fans[0] as Actor, id);
      const after = await idea(t, id);
      assert.equal(after.verified_supporters, 2);
      assert.equal(after.milestones_reached_at.length, 1, "the milestone stays reached");
      await supportIdea(t.app.hearth.db, fans[0] as Actor, id);
      await t.drainJobs();
      assert.equal((await t.app.hearth.db.selectFrom("mail_outbox").select("id").where("kind", "=", "ideas.milestone").where("to_address", "=", creator.email).execute()).length, 1, "crossing again announces nothing new");
    });

    test("a milestone that a stopped process left unrecorded is recorded by the sweep, once", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      const fans = [await member(t), await member(t), await member(t)];
      // The supports committed, the process stopped before their milestone was written.
      for (const fan of fans) await t.app.hearth.db.insertInto("idea_supports").values({ idea_id: id, member_id: fan.id, status: "verified" }).execute();
      await t.app.hearth.db.updateTable("ideas").set({ verified_supporters: 3 }).where("id", "=", id).execute();
      assert.equal(await recordMissedMilestones(t.app.hearth.db), 1);
      assert.equal((await idea(t, id)).milestones_reached_at.length, 1);
      assert.equal(await recordMissedMilestones(t.app.hearth.db), 0, "a second sweep finds nothing");
      await t.drainJobs();
      await t.drainJobs();
      const mails = await t.app.hearth.db.selectFrom("mail_outbox").select("id").where("kind", "=", "ideas.milestone").where("to_address", "=", creator.email).execute();
      assert.equal(mails.length, 1, "the creator is told once");
    });

    test("the trending count follows supports at the next refresh and drops supports older than a week at the sweep", async () => {
      const id = await openIdea(t, await member(t), moderator);
      const other = await openIdea(t, await member(t), moderator);
      const before = new Date();
      const fans = [await member(t), await member(t)];
      for (const fan of fans) await supportIdea(t.app.hearth.db, fan, id);
      await sql`update ideas set recent_supports = 7, supports_changed_at = ${new Date(before.getTime() - HOUR)} where id = ${other}`.execute(t.app.hearth.db);
      await recountRecentSupports(t.app.hearth.db, new Date(), before);
      assert.equal((await idea(t, id)).recent_supports, 2);
      assert.equal((await idea(t, other)).recent_supports, 7, "an idea whose supports did not change is left to the sweep");
      await withdrawSupport(t.app.hearth.db, fans[1] as Actor, id);
      await recountRecentSupports(t.app.hearth.db, new Date(), before);
      assert.equal((await idea(t, id)).recent_supports, 1);
      await recountRecentSupports(t.app.hearth.db);
      assert.equal((await idea(t, id)).recent_supports, 1, "the full recount agrees");
      assert.equal((await idea(t, other)).recent_supports, 0, "the full recount covers every open idea");
      await recountRecentSupports(t.app.hearth.db, new Date(Date.now() + 8 * 24 * HOUR));
      assert.equal((await idea(t, id)).recent_supports, 0, "a week later the support no longer trends");
    });

    test("the last milestone puts the idea in review; reviewers decide; approval makes a product", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      for (let index = 0; index < 5; index += 1) await supportIdea(t.app.hearth.db, await member(t), id);
      const row = await idea(t, id);
      assert.equal(row.state, "in_review");
      assert.match(row.review_period ?? "", /^\d{4}-[123]$/);
      await assert.rejects(decideIdea(t.app.hearth.db, moderator, id, "approved", { publicNote: "", privateNote: "" }), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
      const { productId } = await decideIdea(t.app.hearth.db, reviewer, id, "approved", { publicNote: "Coming next spring", privateNote: "margin ok" });
      assert.ok(productId);
      const decided = await idea(t, id);
      assert.equal(decided.state, "approved");
      assert.equal(decided.product_id, productId);
      const creators = await t.app.hearth.db.selectFrom("product_creators").select("account_id").where("product_id", "=", productId).execute();
      assert.deepEqual(creators.map((row) => row.account_id), [creator.id]);
      await assert.rejects(withdrawSupport(t.app.hearth.db, await member(t), id), rejects("support_closed"));
    });

    test("merging moves supports and counts a member who supported both once", async () => {
      const creator = await member(t);
      const a = await openIdea(t, creator, moderator, "Bike rack for balconies");
      const b = await openIdea(t, await member(t), moderator, "Balcony bike rack");
      const both = await member(t);
      await supportIdea(t.app.hearth.db, both, a);
      await supportIdea(t.app.hearth.db, both, b);
      await supportIdea(t.app.hearth.db, await member(t), a);
      const counts = await mergeIdeas(t.app.hearth.db, moderator, a, b);
      assert.deepEqual(counts, { verified: 2, pending: 0 });
      const merged = await idea(t, a);
      assert.equal(merged.state, "merged");
      assert.equal(merged.merged_into, b);
      const rows = await t.app.hearth.db.selectFrom("idea_supports").select("member_id").where("idea_id", "=", b).execute();
      assert.equal(rows.length, 2);
      await assert.rejects(mergeIdeas(t.app.hearth.db, moderator, a, b), rejects("already_merged"));
    });

    test("an idea past its deadline refuses supports, is swept to expired once, and can be resubmitted once", async () => {
      const creator = await member(t);
      const id = await openIdea(t, creator, moderator);
      const later = new Date(Date.now() + 61 * 24 * HOUR);
      await assert.rejects(supportIdea(t.app.hearth.db, await member(t), id, {}, later), rejects("support_expired"));
      assert.ok((await sweepExpired(t.app.hearth.db, later)) >= 1);
      assert.equal(await sweepExpired(t.app.hearth.db, later), 0, "a second sweep changes nothing");
      assert.equal((await idea(t, id)).state, "expired");
      await t.drainJobs();
      const notices = await t.app.hearth.db.selectFrom("notifications").select("id").where("type", "=", "ideas.expired").where("account_id", "=", creator.id).execute();
      assert.equal(notices.length, 1);
      const copy = await resubmitIdea(t.app.hearth.db, creator, id, later);
      assert.equal((await idea(t, copy)).state, "in_moderation");
      await assert.rejects(resubmitIdea(t.app.hearth.db, creator, id, later), rejects("already_resubmitted"));
    });
  });
}

describe("ideas under concurrency (postgres)", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp("postgres");
  });
  after(async () => {
    await t.close();
  });

  test("200 members supporting and withdrawing at once from parallel clients end with exact counts", async () => {
    await useSmallMilestones(t, 0, [100, 1000]);
    const creator = await member(t);
    const moderator = await member(t, { roles: ["moderator"] });
    const id = await openIdea(t, creator, moderator);
    const tokens: string[] = [];
    for (let index = 0; index < 200; index += 1) {
      const fan = await member(t);
      tokens.push(await createApiToken(t.app.hearth.db, fan.id, "load", ["read", "write"]));
    }
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const call = (token: string, method: "PUT" | "DELETE") =>
      fetch(`${address}/api/v1/ideas/${id}/support`, { method, headers: { authorization: `Bearer ${token}`, ...(method === "PUT" ? { "content-type": "application/json" } : {}) }, body: method === "PUT" ? "{}" : undefined });
    // Every member supports; every third withdraws again; every ninth supports a second time.
    const responses = await Promise.all(
      tokens.map(async (token, index) => {
        const results = [await call(token, "PUT")];
        if (index % 3 === 0) results.push(await call(token, "DELETE"));
        if (index % 9 === 0) results.push(await call(token, "PUT"));
        return results;
      }),
    );
    const statuses = responses.flat().map((response) => response.status);
    assert.deepEqual([...new Set(statuses)], [200]);
    const row = await idea(t, id);
    const distinct = await t.app.hearth.db.selectFrom("idea_supports").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "=", id).where("status", "=", "verified").executeTakeFirstOrThrow();
    const expected = tokens.filter((_token, index) => index % 3 !== 0 || index % 9 === 0).length;
    assert.equal(Number(distinct.count), expected);
    assert.equal(row.verified_supporters, expected);
    assert.equal(row.milestones_reached_at.length, 1, "the first milestone was reached, once");
  });
});
