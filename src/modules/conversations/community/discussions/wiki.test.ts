/**
 * Wiki topics on both databases: staff mark a topic's opening post as a wiki; members whose stored
 * trust level has `edit_wiki` may then edit it (with its revision kept); others get a 403 that says why.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../../test/helpers/app.ts";
import type { Actor } from "../../../../platform/auth/permissions.ts";
import { visitor, type Visitor } from "../../../../platform/console/test-support.ts";
import type { Executor } from "../../../../platform/db/index.ts";
import "../index.ts";
import { aCategory, communityMember } from "../test-support.ts";
import { createTopic, replyToTopic } from "./service.ts";

/** Stores a trust level as the members' recompute would. */
async function atTrustLevel(db: Executor, accountId: number, level: number): Promise<void> {
  await db.insertInto("member_scores").values({ account_id: accountId, trust_level: level }).onConflict((oc) => oc.column("account_id").doUpdateSet({ trust_level: level })).execute();
}

for (const kind of DATABASE_KINDS) {
  describe(`wiki topics (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let author: Actor;
    let staff: Visitor;
    let regular: Visitor;
    let member: Visitor;
    let topicId: number;
    let openingId: number;
    let replyId: number;

    const body = async (postId: number) => (await db.selectFrom("posts").select("body").where("id", "=", postId).executeTakeFirstOrThrow()).body;
    const editForm = (postId: number) => `action="/discussions/posts/${postId}/edit"`;

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      author = await communityMember(t);
      const moderator = await communityMember(t, { roles: ["moderator"] });
      const trusted = await communityMember(t);
      const ordinary = await communityMember(t);
      await atTrustLevel(db, trusted.id, 3);
      await atTrustLevel(db, ordinary.id, 2);
      staff = await visitor(t.app, moderator.id);
      regular = await visitor(t.app, trusted.id);
      member = await visitor(t.app, ordinary.id);
      const categoryId = await aCategory(t, "guides");
      ({ topicId } = await createTopic(db, author, { categoryId, title: "Descaling, step by step", body: "Step 1: vinegar.", language: "en" }));
      openingId = (await db.selectFrom("posts").select("id").where("topic_id", "=", topicId).where("is_opening", "=", true).executeTakeFirstOrThrow()).id;
      replyId = (await replyToTopic(db, author, topicId, { body: "A reply of mine." })).postId;
    });
    after(async () => {
      await t.close();
    });

    test("before the wiki mark, a trusted member may not edit someone else's post", async () => {
      assert.equal((await regular.post(`/discussions/posts/${openingId}/edit`, { body: "Step 1: citric acid." })).statusCode, 403);
      assert.doesNotMatch((await regular.get(`/discussions/t/${topicId}`)).body, new RegExp(editForm(openingId)));
      assert.equal(await body(openingId), "Step 1: vinegar.");
    });

    test("only staff mark a topic as a wiki, and it is audited", async () => {
      assert.equal((await regular.post(`/discussions/t/${topicId}/flag`, { flag: "wiki" })).statusCode, 403);
      assert.equal((await staff.post(`/discussions/t/${topicId}/flag`, { flag: "wiki" })).statusCode, 303);
      const topic = await db.selectFrom("topics").select("wiki_at").where("id", "=", topicId).executeTakeFirstOrThrow();
      assert.notEqual(topic.wiki_at, null);
      const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "discussions.topic.wiki").where("subject_id", "=", String(topicId)).execute();
      assert.equal(audit.length, 1);
      assert.match((await staff.get(`/discussions/t/${topicId}`)).body, />End the wiki</);
    });

    test("yes: a member at trust level 3 edits the wiki post, and the text before is kept", async () => {
      const page = (await regular.get(`/discussions/t/${topicId}`)).body;
      assert.match(page, /class="badge badge--info">Wiki</);
      assert.match(page, new RegExp(editForm(openingId)), "the edit form is offered");
      assert.doesNotMatch(page, new RegExp(editForm(replyId)), "but not on the replies");
      const revisionsBefore = await db.selectFrom("content_revisions").select("id").where("subject_type", "=", "topic.post").where("subject_id", "=", openingId).execute();
      assert.equal((await regular.post(`/discussions/posts/${openingId}/edit`, { body: "Step 1: citric acid, not vinegar." })).statusCode, 303);
      assert.equal(await body(openingId), "Step 1: citric acid, not vinegar.");
      const revisions = await db.selectFrom("content_revisions").select(["body", "editor_id"]).where("subject_type", "=", "topic.post").where("subject_id", "=", openingId).orderBy("id").execute();
      assert.equal(revisions.length, revisionsBefore.length + 1);
      assert.equal(revisions[revisions.length - 1]!.body, "Step 1: vinegar.");
      // A wiki edit is a member's contribution, not a staff action.
      assert.equal((await db.selectFrom("audit_log").select("id").where("action", "=", "discussions.post.edit").execute()).length, 0);
      // The wiki covers the opening post only.
      assert.equal((await regular.post(`/discussions/posts/${replyId}/edit`, { body: "Hijacked" })).statusCode, 403);
      assert.equal(await body(replyId), "A reply of mine.");
    });

    test("no: a member below trust level 3 gets a 403 that says which level it takes", async () => {
      assert.doesNotMatch((await member.get(`/discussions/t/${topicId}`)).body, new RegExp(editForm(openingId)));
      const refused = await member.post(`/discussions/posts/${openingId}/edit`, { body: "Step 1: bleach." });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Editing a wiki post opens at trust level 3/);
      const api = await t.app.inject({ method: "PATCH", url: `/api/v1/posts/${openingId}`, headers: { cookie: member.cookie, "x-csrf-token": member.csrf, "content-type": "application/json" }, payload: { body: "Step 1: bleach." } });
      assert.equal(api.statusCode, 403);
      assert.equal(api.json().error.code, "wiki_trust_level");
      assert.equal(await body(openingId), "Step 1: citric acid, not vinegar.");
    });

    test("ending the wiki closes it again", async () => {
      assert.equal((await staff.post(`/discussions/t/${topicId}/flag`, { flag: "unwiki" })).statusCode, 303);
      assert.equal((await regular.post(`/discussions/posts/${openingId}/edit`, { body: "Step 1: again." })).statusCode, 403);
      assert.equal((await db.selectFrom("topics").select("wiki_at").where("id", "=", topicId).executeTakeFirstOrThrow()).wiki_at, null);
    });
  });
}
