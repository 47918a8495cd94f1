/** Q&A through the API on both databases: asking, answering, voting, accepting, bad input, routing, moderation. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { apiToken } from "../../../../test/helpers/session.ts";
import { writeSetting } from "../../../platform/settings/index.ts";
import { MODERATION_SETTINGS } from "../../moderation/settings.ts";
import { routeUnansweredQuestions } from "./jobs.ts";

for (const kind of DATABASE_KINDS) {
  describe(`Q&A API (${kind})`, () => {
    let t: TestApp;
    let asker: { accountId: number; token: string };
    let helper: { accountId: number; token: string };
    let other: { accountId: number; token: string };
    let moderator: { accountId: number; token: string };

    const call = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, token?: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

    const ask = async (token: string, title: string, extra: Record<string, unknown> = {}) => {
      const response = await call("POST", "/api/v1/questions", token, { title, body: "How do I do this properly? Thanks in advance.", language: "en", ...extra });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; status: string; url: string };
    };
    const answer = async (token: string, questionId: number, body = "Use the quick release valve, then wait ten minutes.") => {
      const response = await call("POST", `/api/v1/questions/${questionId}/answers`, token, { body });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: number; status: string; url: string };
    };
    const counts = async () => {
      const { db } = t.app.hearth;
      const rows = await Promise.all(["questions", "answers", "answer_votes", "qa_comments"].map((table) => db.selectFrom(table as "questions").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()));
      return rows.map((row) => Number(row.n));
    };

    before(async () => {
      t = await startTestApp(kind);
      // These members are established (first-post approval is tested on its own below).
      await writeSetting(t.app.hearth.db, MODERATION_SETTINGS, { ...MODERATION_SETTINGS.defaults, newAccountHours: 0 }, null);
      await t.app.hearth.db.insertInto("qa_tags").values([{ slug: "cleaning", names: JSON.stringify({ en: "Cleaning", fa: "تمیزکاری", he: "ניקוי" }) }, { slug: "recipes", names: "{}" }]).execute();
      asker = await apiToken(t.app, [], ["read", "write"]);
      helper = await apiToken(t.app, [], ["read", "write"]);
      other = await apiToken(t.app, [], ["read", "write"]);
      moderator = await apiToken(t.app, ["moderator"], ["read", "write"]);
    });
    after(async () => {
      await t.close();
    });

    test("ask, answer, vote and accept; the question records its time to first answer", async () => {
      const question = await ask(asker.token, "How do I clean the sealing ring?", { tags: ["cleaning"] });
      assert.equal(question.status, "published");
      assert.equal(question.url, `/questions/${question.id}`);
      const first = await answer(helper.token, question.id);
      assert.equal(first.url, `/questions/${question.id}#answer-${first.id}`);

      const vote = await call("PUT", `/api/v1/answers/${first.id}/vote`, other.token);
      assert.equal(vote.statusCode, 200);
      assert.deepEqual(vote.json(), { votes: 1, voted: true });

      const accepted = await call("POST", `/api/v1/answers/${first.id}/accept`, asker.token);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(accepted.json().accepted, true);

      const detail = (await call("GET", `/api/v1/questions/${question.id}`)).json();
      assert.equal(detail.acceptedAnswerId, first.id);
      assert.deepEqual(detail.tags, ["cleaning"]);
      assert.equal(detail.answerCount, 1);
      assert.equal(detail.answers[0].accepted, true);
      assert.equal(detail.answers[0].url, first.url);
      assert.equal(typeof detail.firstAnswerSeconds, "number");

      const { db } = t.app.hearth;
      const types = await db.selectFrom("activities").select(["type", "actor_id", "target_id"]).where("type", "in", ["question.asked", "answer.posted", "answer.accepted", "answer.voted"]).orderBy("id").execute();
      assert.deepEqual(
        types.filter((row) => [asker.accountId, helper.accountId, other.accountId].includes(row.actor_id)).map((row) => [row.type, row.actor_id, row.target_id]),
        [
          ["question.asked", asker.accountId, null],
          ["answer.posted", helper.accountId, asker.accountId],
          ["answer.voted", other.accountId, helper.accountId],
          ["answer.accepted", helper.accountId, asker.accountId],
        ],
      );
      const notified = await db.selectFrom("notifications").select("type").where("account_id", "=", asker.accountId).execute();
      assert.ok(notified.some((row) => row.type === "qa.answered"));
    });

    test("accepting another answer switches; staff answers are official", async () => {
      const question = await ask(asker.token, "Which setting is best for brown rice?");
      const a = await answer(helper.token, question.id);
      const b = await answer(moderator.token, question.id, "Use the multigrain setting for 22 minutes.");
      assert.equal((await call("POST", `/api/v1/answers/${a.id}/accept`, asker.token)).statusCode, 200);
      assert.equal((await call("POST", `/api/v1/answers/${b.id}/accept`, asker.token)).statusCode, 200);
      const detail = (await call("GET", `/api/v1/questions/${question.id}`)).json();
      assert.equal(detail.acceptedAnswerId, b.id);
      assert.deepEqual(detail.answers.map((row: { id: number; official: boolean; accepted: boolean }) => [row.id, row.official, row.accepted]), [
        [b.id, true, true],
        [a.id, false, false],
      ]);
      const accepted = await t.app.hearth.db.selectFrom("activities").select("subject_id").where("type", "=", "answer.accepted").where("subject_id", "in", [a.id, b.id]).execute();
      assert.deepEqual(accepted.map((row) => row.subject_id), [b.id]);
    });

    test("bad input is a clear 4xx and changes nothing", async () => {
      const question = await ask(asker.token, "Can I can tomatoes in it?");
      const reply = await answer(helper.token, question.id);
      const before = await counts();
      const cases: Array<[string, Awaited<ReturnType<typeof call>>, number, string]> = [
        ["empty title", await call("POST", "/api/v1/questions", asker.token, { title: "", body: "Some details here please.", language: "en" }), 400, "validation_failed"],
        ["blank body", await call("POST", "/api/v1/questions", asker.token, { title: "A perfectly fine title", body: "            ", language: "en" }), 400, "validation_failed"],
        ["oversized body", await call("POST", "/api/v1/questions", asker.token, { title: "A perfectly fine title", body: "x".repeat(20_001), language: "en" }), 400, "validation_failed"],
        ["unknown tag", await call("POST", "/api/v1/questions", asker.token, { title: "A perfectly fine title", body: "Some details here please.", language: "en", tags: ["nope"] }), 400, "unknown_tag"],
        ["unknown product", await call("POST", "/api/v1/questions", asker.token, { title: "A perfectly fine title", body: "Some details here please.", language: "en", productId: 999999 }), 400, "unknown_product"],
        ["unknown language", await call("POST", "/api/v1/questions", asker.token, { title: "A perfectly fine title", body: "Some details here please.", language: "de" }), 400, "validation_failed"],
        ["empty answer", await call("POST", `/api/v1/questions/${question.id}/answers`, helper.token, { body: "" }), 400, "validation_failed"],
        ["answer to no question", await call("POST", "/api/v1/questions/999999/answers", helper.token, { body: "Hello there" }), 404, "question_not_found"],
        ["vote for own answer", await call("PUT", `/api/v1/answers/${reply.id}/vote`, helper.token), 403, "own_answer"],
        ["accept on someone else's question", await call("POST", `/api/v1/answers/${reply.id}/accept`, other.token), 403, "not_asker"],
        ["anonymous ask", await call("POST", "/api/v1/questions", undefined, { title: "A perfectly fine title", body: "Some details here please.", language: "en" }), 401, "unauthorized"],
      ];
      for (const [name, response, status, code] of cases) {
        assert.equal(response.statusCode, status, `${name}: ${response.body}`);
        assert.equal(response.json().error.code, code, name);
        assert.ok(response.json().error.message.length > 0, name);
      }
      assert.deepEqual(await counts(), before);

      assert.equal((await call("PUT", `/api/v1/answers/${reply.id}/vote`, other.token)).statusCode, 200);
      const twice = await call("PUT", `/api/v1/answers/${reply.id}/vote`, other.token);
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().error.code, "already_voted");
      assert.equal((await call("GET", `/api/v1/questions/${question.id}`)).json().answers[0].votes, 1);
      assert.deepEqual((await call("DELETE", `/api/v1/answers/${reply.id}/vote`, other.token)).json(), { votes: 0, voted: false });
      assert.equal((await call("DELETE", `/api/v1/answers/${reply.id}/vote`, other.token)).statusCode, 409);
    });

    test("the list filters unanswered and answered questions and sorts by votes", async () => {
      const lonely = await ask(asker.token, "Does anyone use it for yogurt?");
      const unanswered = (await call("GET", "/api/v1/questions?filter=unanswered&limit=100")).json().items.map((item: { id: number }) => item.id);
      assert.ok(unanswered.includes(lonely.id));
      const answered = (await call("GET", "/api/v1/questions?filter=answered&limit=100")).json().items;
      assert.ok(answered.every((item: { answerCount: number }) => item.answerCount > 0));
      const byVotes = (await call("GET", "/api/v1/questions?sort=votes&limit=100")).json().items.map((item: { votes: number }) => item.votes);
      assert.deepEqual(byVotes, [...byVotes].sort((a, b) => b - a));
      assert.ok((await call("GET", "/api/v1/questions?tag=cleaning")).json().items.every((item: { tags: string[]; url: string }) => item.tags.includes("cleaning") && item.url.startsWith("/questions/")));
      assert.equal((await call("GET", "/api/v1/questions?sort=random")).statusCode, 400);
    });

    test("a question unanswered for hours is routed once to members who answered similar questions well", async () => {
      const { db } = t.app.hearth;
      const old = await ask(other.token, "How long to cook chickpeas without soaking?");
      const good = await answer(helper.token, old.id, "About 45 minutes at high pressure.");
      assert.equal((await call("POST", `/api/v1/answers/${good.id}/accept`, other.token)).statusCode, 200);
      const fresh = await ask(asker.token, "How long to cook chickpeas after soaking?");
      const later = new Date(Date.now() + 5 * 3600_000);
      assert.ok((await routeUnansweredQuestions(db, later)) >= 1);
      const routed = await db.selectFrom("notifications").select(["account_id", "url"]).where("type", "=", "qa.routed").where("url", "=", `/questions/${fresh.id}`).execute();
      assert.deepEqual(routed.map((row) => row.account_id), [helper.accountId]);
      await routeUnansweredQuestions(db, new Date(later.getTime() + 3600_000));
      const again = await db.selectFrom("notifications").select("id").where("type", "=", "qa.routed").where("url", "=", `/questions/${fresh.id}`).execute();
      assert.equal(again.length, 1);
    });

    test("a new account's first question waits for a moderator, then is published", async () => {
      const { db } = t.app.hearth;
      await writeSetting(db, MODERATION_SETTINGS, MODERATION_SETTINGS.defaults, null);
      try {
        const newcomer = await apiToken(t.app, [], ["read", "write"]);
        const pending = await ask(newcomer.token, "Is the inner pot dishwasher safe?");
        assert.equal(pending.status, "pending");
        assert.equal((await call("GET", `/api/v1/questions/${pending.id}`)).statusCode, 404);
        assert.equal((await call("GET", `/api/v1/questions/${pending.id}`, newcomer.token)).statusCode, 200);
        const search = await call("GET", `/api/v1/search?q=${encodeURIComponent("dishwasher safe")}`);
        assert.deepEqual(search.json().items, []);
        const link = await call("POST", "/api/v1/questions", newcomer.token, { title: "Look at these cheap pots", body: "[a](https://a.example) [b](https://b.example)", language: "en" });
        assert.equal(link.statusCode, 400);
        assert.equal(link.json().error.code, "too_many_links");

        const queue = await db.selectFrom("moderation_cases").select("id").where("subject_type", "=", "question").where("subject_id", "=", pending.id).where("closed_at", "is", null).executeTakeFirstOrThrow();
        assert.equal((await call("POST", `/api/v1/moderation/cases/${queue.id}/decision`, helper.token, { decision: "approve" })).statusCode, 403);
        assert.equal((await call("POST", `/api/v1/moderation/cases/${queue.id}/decision`, moderator.token, { decision: "approve" })).statusCode, 200);
        assert.equal((await call("GET", `/api/v1/questions/${pending.id}`)).json().status, "published");
        assert.deepEqual((await call("GET", `/api/v1/search?q=${encodeURIComponent("dishwasher safe")}`)).json().items.map((item: { id: number }) => item.id), [pending.id]);
        // Once one post is approved, the next goes out at once.
        assert.equal((await ask(newcomer.token, "Can the steam rack go in the oven?")).status, "published");
        const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "moderation.approve").where("subject_id", "=", String(pending.id)).execute();
        assert.equal(audit.length, 1);
      } finally {
        await writeSetting(db, MODERATION_SETTINGS, { ...MODERATION_SETTINGS.defaults, newAccountHours: 0 }, null);
      }
    });

    test("flags weighted by trust hide an answer until a moderator keeps it", async () => {
      // Two members at trust level 2: their flags weigh 2 each, together the hiding threshold.
      for (const flagger of [asker, other]) await t.app.hearth.db.insertInto("member_scores").values({ account_id: flagger.accountId, trust_level: 2 }).onConflict((oc) => oc.column("account_id").doUpdateSet({ trust_level: 2 })).execute();
      const question = await ask(asker.token, "Is the lid gasket replaceable?");
      const target = await answer(helper.token, question.id, "Buy my course at example dot com");
      const flag = (token: string) => call("POST", "/api/v1/flags", token, { subjectType: "answer", subjectId: target.id, reason: "spam" });
      assert.deepEqual((await flag(asker.token)).json(), { hidden: false });
      assert.equal((await flag(asker.token)).statusCode, 409);
      assert.equal((await call("POST", "/api/v1/flags", helper.token, { subjectType: "answer", subjectId: target.id, reason: "spam" })).statusCode, 403);
      assert.equal((await call("POST", "/api/v1/flags", asker.token, { subjectType: "nothing", subjectId: 1, reason: "spam" })).statusCode, 400);
      assert.deepEqual((await flag(other.token)).json(), { hidden: true });
      const hidden = (await call("GET", `/api/v1/questions/${question.id}`)).json();
      assert.equal(hidden.answers.length, 0);
      assert.equal(hidden.answerCount, 0);
      const { db } = t.app.hearth;
      const open = await db.selectFrom("moderation_cases").select(["id", "auto_hidden", "flag_weight"]).where("subject_type", "=", "answer").where("subject_id", "=", target.id).executeTakeFirstOrThrow();
      assert.equal(open.auto_hidden, true);
      assert.equal(open.flag_weight, 4);
      assert.equal((await call("POST", `/api/v1/moderation/cases/${open.id}/decision`, moderator.token, { decision: "approve" })).statusCode, 400);
      assert.equal((await call("POST", `/api/v1/moderation/cases/${open.id}/decision`, moderator.token, { decision: "keep" })).statusCode, 200);
      assert.equal((await call("GET", `/api/v1/questions/${question.id}`)).json().answerCount, 1);
    });

    test("edits keep revisions, update search, and are the author's (or staff's)", async () => {
      const question = await ask(asker.token, "How do I clean the lid valve?");
      const edited = await call("PATCH", `/api/v1/questions/${question.id}`, asker.token, { title: "How do I clean the float valve?", body: "The float valve sticks after cooking beans." });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().title, "How do I clean the float valve?");
      assert.equal((await call("PATCH", `/api/v1/questions/${question.id}`, helper.token, { title: "Hijacked title here", body: "Not mine to edit at all." })).statusCode, 403);
      assert.equal((await call("PATCH", `/api/v1/questions/${question.id}`, moderator.token, { title: "How do I clean the float valve?", body: "The float valve sticks after cooking chickpeas." })).statusCode, 200);
      const { db } = t.app.hearth;
      const revisions = await db.selectFrom("content_revisions").select(["editor_id", "body"]).where("subject_type", "=", "question").where("subject_id", "=", question.id).orderBy("id").execute();
      assert.deepEqual(revisions.map((row) => row.editor_id), [asker.accountId, asker.accountId, moderator.accountId]);
      const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "qa.question.edit").where("subject_id", "=", String(question.id)).execute();
      assert.equal(audit.length, 1);
      const found = (await call("GET", `/api/v1/search?q=${encodeURIComponent("float valve chickpeas")}&type=question`)).json().items;
      assert.deepEqual(found.map((item: { id: number }) => item.id), [question.id]);
    });

    test("staff create tags, named in each language; members cannot", async () => {
      const tag = { slug: "canning", names: { en: "Canning", fa: "کنسروسازی", he: "שימורים" } };
      assert.equal((await call("POST", "/api/v1/questions/tags", helper.token, tag)).statusCode, 403);
      assert.equal((await call("POST", "/api/v1/questions/tags", moderator.token, tag)).statusCode, 201);
      assert.equal((await call("POST", "/api/v1/questions/tags", moderator.token, tag)).statusCode, 409);
      assert.equal((await call("POST", "/api/v1/questions/tags", moderator.token, { ...tag, slug: "Not A Slug" })).statusCode, 400);
      const listed = (await call("GET", "/api/v1/questions/tags")).json().items.find((item: { slug: string }) => item.slug === "canning");
      assert.deepEqual(listed, { ...tag, questions: 0, url: "/questions?tag=canning" });
      assert.equal((await ask(asker.token, "Which jars work for canning?", { tags: ["canning"] })).status, "published");
    });

    test("the endpoints are in the OpenAPI document", async () => {
      const paths = Object.keys((await call("GET", "/api/openapi.json")).json().paths);
      for (const path of ["/api/v1/questions", "/api/v1/questions/{id}", "/api/v1/questions/{id}/answers", "/api/v1/answers/{id}/accept", "/api/v1/answers/{id}/vote", "/api/v1/search", "/api/v1/search/suggest", "/api/v1/flags"]) {
        assert.ok(paths.includes(path), path);
      }
    });

    test("mentions notify the member named, not the author", async () => {
      const { db } = t.app.hearth;
      const named = await db.selectFrom("accounts").select("name").where("id", "=", other.accountId).executeTakeFirstOrThrow();
      const question = await ask(asker.token, "Who knows about canning at altitude?");
      await answer(helper.token, question.id, `@${named.name.replace(/ /g, "_")} knows this best.`);
      const mentions = await db.selectFrom("notifications").select("account_id").where("type", "=", "conversations.mentioned").execute();
      assert.deepEqual(mentions.map((row) => row.account_id), [other.accountId]);
    });
  });
}
