/** The community use cases on both databases: what they record, and the bad input they refuse without changing anything. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { AppError } from "../../../platform/errors.ts";
import { findFlaggable } from "../../moderation/index.ts";
import "./index.ts";
import { createCreation, featureCreation, likeCreation, madeThisToo } from "./creations/service.ts";
import { answerPreview, createPreview, summarizePreview } from "./critique/service.ts";
import { loadTopic } from "./discussions/queries.ts";
import { createTopic, editPost, mergeTopics, replyToTopic, setTopicFlag, splitTopic, toggleReaction, votePoll } from "./discussions/service.ts";
import { readPurchases } from "./reviews/purchases-csv.ts";
import { createReview, importPurchases, markHelpful, productRating } from "./reviews/service.ts";
import { aCategory, aProduct, communityMember, gpxTrack } from "./test-support.ts";

function rejects(code: string) {
  return (error: unknown) => error instanceof AppError && error.code === code;
}

for (const kind of DATABASE_KINDS) {
  describe(`community services (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t?.close();
    });

    const count = async (table: "topics" | "posts" | "reviews" | "review_helpful_votes" | "poll_ballots" | "poll_votes" | "creations" | "activities") =>
      Number((await t.app.hearth.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

    test("a topic with a poll, threaded replies with a quote, reactions, and the activities and search documents they leave", async () => {
      const db = t.app.hearth.db;
      const categoryId = await aCategory(t);
      const author = await communityMember(t);
      const other = await communityMember(t, { name: "Noa Peretz" });
      const { topicId, postId } = await createTopic(db, author, { categoryId, title: "Which colour next?", body: "Tell me, @Noa_Peretz", language: "en", poll: { question: "Colour?", options: ["Green", "Sand", ""], multiple: false } });
      const first = await replyToTopic(db, other, topicId, { body: "Green, clearly." });
      const second = await replyToTopic(db, author, topicId, { body: "Agreed!", replyToId: first.postId, quoteOfId: first.postId });
      const topic = await loadTopic(db, topicId, author);
      assert.deepEqual(topic.replies.map((post) => [post.id, post.depth]), [[first.postId, 0], [second.postId, 1]]);
      assert.equal(topic.replies[1]?.quote, "> Green, clearly.");
      assert.equal(topic.reply_count, 2);
      assert.deepEqual(topic.poll?.options.map((option) => option.label), ["Green", "Sand"]);

      assert.equal(await toggleReaction(db, other, postId, "love"), true);
      assert.equal(await toggleReaction(db, other, postId, "love"), false);
      await toggleReaction(db, other, postId, "like");
      const pollId = topic.poll?.id as number;
      await votePoll(db, other, pollId, [topic.poll?.options[0]?.id as number]);
      const after = await loadTopic(db, topicId, other);
      assert.deepEqual(after.poll?.myChoices, [topic.poll?.options[0]?.id]);
      assert.equal(after.poll?.voters, 1);
      assert.equal(after.opening.reactions.find((reaction) => reaction.reaction === "like")?.count, 1);

      const types = (await db.selectFrom("activities").select("type").where("actor_id", "in", [author.id, other.id]).execute()).map((row) => row.type).sort();
      assert.deepEqual(types, ["post.replied", "post.replied", "reaction.given", "topic.created"]);
      const docs = await db.selectFrom("search_documents").select(["doc_type", "doc_id", "url"]).where("doc_type", "in", ["topic", "post"]).orderBy("doc_id").execute();
      assert.ok(docs.some((doc) => doc.doc_type === "topic" && doc.doc_id === topicId && doc.url === `/discussions/t/${topicId}`));
      assert.ok(docs.some((doc) => doc.doc_type === "post" && doc.doc_id === second.postId && doc.url === `/discussions/t/${topicId}#post-${second.postId}`));
      const mention = await db.selectFrom("notifications").select("account_id").where("account_id", "=", other.id).executeTakeFirst();
      assert.ok(mention, "the mentioned member is notified");

      await editPost(db, author, postId, { body: "Tell me, everyone" });
      const revision = await db.selectFrom("content_revisions").select(["body"]).where("subject_type", "=", "topic.post").where("subject_id", "=", postId).executeTakeFirst();
      assert.equal(revision?.body, "Tell me, @Noa_Peretz");
    });

    test("bad posts are refused with a 4xx and change nothing", async () => {
      const db = t.app.hearth.db;
      const categoryId = await aCategory(t, "bad-input");
      const member = await communityMember(t);
      const { topicId } = await createTopic(db, member, { categoryId, title: "A fine title", body: "A fine body", language: "he" });
      const before = [await count("topics"), await count("posts")];
      await assert.rejects(createTopic(db, member, { categoryId, title: "A fine title", body: "   ", language: "en" }), rejects("text_required"));
      await assert.rejects(createTopic(db, member, { categoryId, title: "A fine title", body: "x".repeat(20_001), language: "en" }), rejects("text_too_long"));
      await assert.rejects(createTopic(db, member, { categoryId, title: "Hi", body: "body", language: "en" }), rejects("text_too_short"));
      await assert.rejects(createTopic(db, member, { categoryId: 999_999, title: "A fine title", body: "body", language: "en" }), rejects("unknown_category"));
      await assert.rejects(createTopic(db, member, { categoryId, title: "A fine title", body: "body", language: "en", poll: { question: "Q", options: ["only one"], multiple: false } }), rejects("invalid_poll"));
      await assert.rejects(replyToTopic(db, member, topicId, { body: "" }), rejects("text_required"));
      await assert.rejects(replyToTopic(db, member, 999_999, { body: "hello" }), rejects("topic_not_found"));
      await assert.rejects(replyToTopic(db, member, topicId, { body: "hello", replyToId: 999_999 }), rejects("unknown_post"));
      assert.deepEqual([await count("topics"), await count("posts")], before);
    });

    test("a second vote in a poll is refused and the counts stay", async () => {
      const db = t.app.hearth.db;
      const categoryId = await aCategory(t, "polls");
      const member = await communityMember(t);
      const { topicId } = await createTopic(db, member, { categoryId, title: "Poll time", body: "Vote!", language: "fa", poll: { question: "Q?", options: ["a", "b"], multiple: false } });
      const topic = await loadTopic(db, topicId, member);
      const [a, b] = topic.poll?.options.map((option) => option.id) ?? [];
      await assert.rejects(votePoll(db, member, topic.poll?.id as number, [a as number, b as number]), rejects("single_choice"));
      await votePoll(db, member, topic.poll?.id as number, [a as number]);
      const ballots = await count("poll_ballots");
      await assert.rejects(votePoll(db, member, topic.poll?.id as number, [b as number]), rejects("already_voted"));
      // Two votes at once from one member: one ballot wins.
      const racer = await communityMember(t);
      const results = await Promise.allSettled([votePoll(db, racer, topic.poll?.id as number, [a as number]), votePoll(db, racer, topic.poll?.id as number, [b as number])]);
      assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
      assert.equal(await count("poll_ballots"), ballots + 1);
      const final = await loadTopic(db, topicId, member);
      assert.equal(final.poll?.voters, 2);
      assert.equal(final.poll?.options.reduce((sum, option) => sum + option.votes, 0), 2);
    });

    test("staff pin, close, merge and split, each audited; a closed topic takes no replies", async () => {
      const db = t.app.hearth.db;
      const categoryId = await aCategory(t, "staff");
      const moderator = await communityMember(t, { roles: ["moderator"] });
      const member = await communityMember(t);
      const a = await createTopic(db, member, { categoryId, title: "Topic A here", body: "A", language: "en" });
      const b = await createTopic(db, member, { categoryId, title: "Topic B here", body: "B", language: "en" });
      const r1 = await replyToTopic(db, member, a.topicId, { body: "one" });
      const r2 = await replyToTopic(db, member, a.topicId, { body: "two", replyToId: r1.postId });
      await assert.rejects(setTopicFlag(db, member, a.topicId, "pin"), rejects("forbidden"));
      await setTopicFlag(db, moderator, a.topicId, "close");
      await assert.rejects(replyToTopic(db, member, a.topicId, { body: "late" }), rejects("topic_closed"));
      await setTopicFlag(db, moderator, a.topicId, "reopen");
      const split = await splitTopic(db, moderator, a.topicId, { postIds: [r2.postId], title: "Split off part" });
      assert.equal((await loadTopic(db, split, moderator)).opening.id, r2.postId);
      assert.equal((await loadTopic(db, a.topicId, moderator)).reply_count, 1);
      await mergeTopics(db, moderator, b.topicId, a.topicId);
      const merged = await loadTopic(db, a.topicId, moderator);
      assert.equal(merged.replies.length, 2);
      await assert.rejects(loadTopic(db, b.topicId, member), rejects("topic_not_found"));
      const actions = (await db.selectFrom("audit_log").select("action").where("actor_id", "=", moderator.id).execute()).map((row) => row.action).sort();
      assert.deepEqual(actions, ["discussions.topic.close", "discussions.topic.merge", "discussions.topic.reopen", "discussions.topic.split"]);
    });

    test("reviews: once per member and product, helpful once and never one's own, verified buyers by import, Bayesian rating", async () => {
      const db = t.app.hearth.db;
      const productId = await aProduct(t);
      const author = await communityMember(t);
      const reader = await communityMember(t);
      const manager = await communityMember(t, { roles: ["community_manager"] });
      await assert.rejects(createReview(db, author, 999_999, { rating: 5, body: "Great", language: "en" }), rejects("product_not_found"));
      await assert.rejects(createReview(db, author, productId, { rating: 6, body: "Great", language: "en" }), rejects("invalid_rating"));
      await assert.rejects(createReview(db, author, productId, { rating: 5, body: " ", language: "en" }), rejects("text_required"));
      const { reviewId } = await createReview(db, author, productId, { rating: 5, title: "Love it", body: "Great bottle", language: "en" });
      const reviews = await count("reviews");
      await assert.rejects(createReview(db, author, productId, { rating: 1, body: "Changed my mind", language: "en" }), rejects("already_reviewed"));
      assert.equal(await count("reviews"), reviews);

      await assert.rejects(markHelpful(db, author, reviewId), rejects("own_review"));
      assert.equal(await markHelpful(db, reader, reviewId), 1);
      await assert.rejects(markHelpful(db, reader, reviewId), rejects("already_voted"));
      assert.equal(await count("review_helpful_votes"), 1);

      const csv = `external_id,email,product_id,purchased_at\norder-1,${author.email},${productId},2026-01-05T10:00:00Z\norder-2,"someone@example.test",${productId},2026-01-06\n`;
      const { rows, errors } = readPurchases(csv);
      assert.deepEqual(errors, []);
      await assert.rejects(importPurchases(db, reader, rows), rejects("forbidden"));
      assert.deepEqual(await importPurchases(db, manager, rows), { imported: 2, duplicates: 0, unknownProducts: [] });
      assert.deepEqual(await importPurchases(db, manager, rows), { imported: 0, duplicates: 2, unknownProducts: [] });
      const badge = await db.selectFrom("reviews").select("verified_buyer").where("id", "=", reviewId).executeTakeFirstOrThrow();
      assert.equal(badge.verified_buyer, true);
      const verified = await createReview(db, (await communityMember(t)), productId, { rating: 3, body: "Fine", language: "fa" });
      assert.ok(verified.reviewId > 0);

      const rating = await productRating(db, productId);
      assert.equal(rating.count, 2);
      assert.equal(rating.mean, 4);
      assert.ok(rating.average >= 3 && rating.average <= 4, String(rating.average));
      const activity = await db.selectFrom("activities").select(["type", "target_id"]).where("type", "=", "review.helpful").executeTakeFirstOrThrow();
      assert.equal(activity.target_id, author.id);
    });

    test("creations: a GPX route is simplified and stored; bad GPX and unknown products are refused; likes and made-too count once", async () => {
      const db = t.app.hearth.db;
      const author = await communityMember(t);
      const fan = await communityMember(t);
      const manager = await communityMember(t, { roles: ["community_manager"] });
      const before = await count("creations");
      await assert.rejects(createCreation(t.app.hearth, author, { title: "Ride", body: "Route", language: "en", gpx: "<gpx><trk>" }), rejects("invalid_gpx"));
      await assert.rejects(createCreation(t.app.hearth, author, { title: "Ride", body: "Route", language: "en", gpx: Buffer.alloc(3 * 1024 * 1024, 32) }), rejects("invalid_gpx"));
      await assert.rejects(createCreation(t.app.hearth, author, { title: "Ride", body: "Route", language: "en", productId: 999_999 }), rejects("product_not_found"));
      await assert.rejects(createCreation(t.app.hearth, author, { title: "", body: "Route", language: "en" }), rejects("text_required"));
      assert.equal(await count("creations"), before);
      const { id } = await createCreation(t.app.hearth, author, { title: "Coast ride", body: "Lovely", language: "en", tags: "Coast, #ride", gpx: gpxTrack("Coast &amp; hills") });
      const row = await db.selectFrom("creations").select(["route", "route_name", "route_meters", "tags"]).where("id", "=", id).executeTakeFirstOrThrow();
      assert.equal(row.route?.length, 4);
      assert.equal(row.route_name, "Coast & hills");
      assert.ok((row.route_meters ?? 0) > 1000);
      assert.deepEqual(row.tags, ["coast", "ride"]);
      assert.equal(await likeCreation(db, fan, id), 1);
      assert.equal(await likeCreation(db, fan, id), 1);
      assert.equal(await madeThisToo(db, fan, id), 1);
      assert.equal(await madeThisToo(db, fan, id), 1);
      await assert.rejects(madeThisToo(db, author, id), rejects("own_creation"));
      await assert.rejects(featureCreation(db, fan, id, true), rejects("forbidden"));
      await featureCreation(db, manager, id, true);
      const types = (await db.selectFrom("activities").select("type").where("subject_type", "=", "creation").where("subject_id", "=", id).execute()).map((r) => r.type).sort();
      assert.deepEqual(types, ["creation.liked", "creation.shared"]);
    });

    test("moderation hides and restores posts, reviews and creations through their flaggables", async () => {
      const db = t.app.hearth.db;
      const categoryId = await aCategory(t, "flags");
      const author = await communityMember(t);
      const { topicId } = await createTopic(db, author, { categoryId, title: "Flag target", body: "Opening", language: "en" });
      const reply = await replyToTopic(db, author, topicId, { body: "Spam spam" });
      const posts = findFlaggable("topic.post");
      assert.ok(posts && findFlaggable("review") && findFlaggable("creation"));
      assert.deepEqual(await posts.load(db, reply.postId), { authorId: author.id, title: "Flag target", excerpt: "Spam spam", url: `/discussions/t/${topicId}#post-${reply.postId}`, hidden: false });
      await posts.setHidden(db, reply.postId, true);
      const visible = async () => (await db.selectFrom("search_documents").select("visible").where("doc_type", "=", "post").where("doc_id", "=", reply.postId).executeTakeFirstOrThrow()).visible;
      assert.equal(await visible(), false);
      const reader = await communityMember(t);
      assert.equal((await loadTopic(db, topicId, reader)).replies.length, 0);
      assert.equal((await loadTopic(db, topicId, reader)).reply_count, 0);
      await posts.setHidden(db, reply.postId, false);
      assert.equal(await visible(), true);
      assert.equal((await loadTopic(db, topicId, reader)).reply_count, 1);
    });

    test("critique: staff post a preview, members answer once, staff see it aggregated", async () => {
      const db = t.app.hearth.db;
      const staff = await communityMember(t, { roles: ["product_reviewer"] });
      const member = await communityMember(t);
      await assert.rejects(createPreview(t.app.hearth, member, { title: "X", body: "Y", language: "en", questions: [] }), rejects("forbidden"));
      const id = await createPreview(t.app.hearth, staff, { title: "Bottle v2", body: "Look", language: "en", questions: ["Size?"] });
      await answerPreview(db, member, id, { rating: 4, liked: "The lid", wouldChange: "", answers: ["Just right"] });
      await assert.rejects(answerPreview(db, member, id, { rating: 2, liked: "again", wouldChange: "", answers: [] }), rejects("already_answered"));
      await assert.rejects(answerPreview(db, staff, id, { rating: 0, liked: "x", wouldChange: "", answers: [] }), rejects("invalid_rating"));
      const summary = await summarizePreview(db, id);
      assert.equal(summary.responses, 1);
      assert.equal(summary.average, 4);
      assert.deepEqual(summary.liked, ["The lid"]);
      assert.deepEqual(summary.answers, [{ question: "Size?", answers: ["Just right"] }]);
    });
  });
}
