/** The Q&A pages on both databases: the forms, a light anonymous page, hostile text rendered inert, the console pages. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { assertInert } from "../../../../test/helpers/inert-html.ts";
import { signedInClient, type Client } from "../../../../test/helpers/session.ts";
import { writeSetting } from "../../../platform/settings/index.ts";
import { MODERATION_SETTINGS } from "../../moderation/settings.ts";
import { HOSTILE } from "./test-support.ts";

function mainOf(html: string): string {
  const start = html.indexOf("<main");
  const end = html.indexOf("</main>");
  assert.ok(start >= 0 && end > start, "the page has a main region");
  return html.slice(start, end + "</main>".length);
}

for (const kind of DATABASE_KINDS) {
  describe(`Q&A pages (${kind})`, () => {
    let t: TestApp;
    let asker: Client;
    let helper: Client;
    let moderator: Client;

    const get = (url: string, who?: Client): Promise<LightMyRequestResponse> => t.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
    const post = (url: string, who: Client, fields: Record<string, string>): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: "POST", url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" } });
    const idFrom = (response: LightMyRequestResponse, pattern: RegExp) => Number(pattern.exec(String(response.headers.location))?.[1]);

    before(async () => {
      t = await startTestApp(kind);
      await writeSetting(t.app.hearth.db, MODERATION_SETTINGS, { ...MODERATION_SETTINGS.defaults, newAccountHours: 0, established: { ...MODERATION_SETTINGS.defaults.established, links: 20 } }, null);
      await t.app.hearth.db.insertInto("qa_tags").values({ slug: "cleaning", names: JSON.stringify({ en: "Cleaning", fa: "تمیزکاری", he: "ניקוי" }) }).execute();
      asker = await signedInClient(t.app);
      helper = await signedInClient(t.app);
      moderator = await signedInClient(t.app, ["moderator"]);
    });
    after(async () => {
      await t.close();
    });

    test("ask, answer and accept through the forms", async () => {
      const form = await get("/questions/new", asker);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /similar-titles\.js/);
      const invalid = await post("/questions", asker, { title: "", body: "Some body text here", language: "en", tags: "" });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /field-title-error/);
      const unknownTag = await post("/questions", asker, { title: "How do I descale the pot?", body: "White spots after a month.", language: "en", tags: "nonsense" });
      assert.equal(unknownTag.statusCode, 400);
      assert.match(unknownTag.body, /There is no tag/);

      const product = await t.app.hearth.db.insertInto("products").values({ names: JSON.stringify({ en: "Smart pot" }), idea_id: null, created_by: null }).returning("id").executeTakeFirstOrThrow();
      assert.match((await get("/questions/new", asker)).body, new RegExp(`<option value="${product.id}"[^>]*>Smart pot</option>`), "the form offers the products");
      const unknownProduct = await post("/questions", asker, { title: "How do I descale the pot?", body: "White spots after a month.", language: "en", tags: "", productId: "987654" });
      assert.equal(unknownProduct.statusCode, 400);
      const asked = await post("/questions", asker, { title: "How do I descale the pot?", body: "White spots after a month.", language: "en", tags: "cleaning", productId: String(product.id) });
      assert.equal(asked.statusCode, 303, asked.body);
      const id = idFrom(asked, /\/questions\/(\d+)/);
      assert.equal((await t.app.hearth.db.selectFrom("questions").select("product_id").where("id", "=", id).executeTakeFirstOrThrow()).product_id, product.id);
      const answered = await post(`/questions/${id}/answers`, helper, { body: "Vinegar and water, then rinse." });
      assert.equal(answered.statusCode, 303);
      const answerId = idFrom(answered, /#answer-(\d+)/);
      const memberPage = await get(`/questions/${id}`, asker);
      assert.match(memberPage.body, new RegExp(`action="/answers/${answerId}/accept"`));
      assert.equal((await post(`/answers/${answerId}/accept`, asker, {})).statusCode, 303);
      assert.equal((await post(`/answers/${answerId}/vote`, asker, { intent: "up" })).statusCode, 303);
      const page = await get(`/questions/${id}`);
      assert.match(page.body, /qa-answer--accepted/);
      assert.match(page.body, /Accepted answer/);
      // Someone else cannot accept, even by posting the form.
      assert.equal((await post(`/answers/${answerId}/accept`, helper, {})).statusCode, 403);
    });

    test("the anonymous question page is light: no forms and no cookie, so it can be cached", async () => {
      const asked = await post("/questions", asker, { title: "Can I bake bread in it?", body: "Curious about the yogurt setting for proofing.", language: "en", tags: "" });
      const id = idFrom(asked, /\/questions\/(\d+)/);
      const page = await get(`/questions/${id}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers["set-cookie"], undefined);
      assert.ok(!mainOf(page.body).includes("<form"));
      assert.equal((await get("/questions/new")).statusCode === 200, false);
    });

    test("hostile text in every Q&A field renders inert, on the question page and in the list", async () => {
      const { db } = t.app.hearth;
      await db.updateTable("accounts").set({ name: "<img src=x onerror=alert(1)>" }).where("id", "=", helper.accountId).execute();
      for (const hostile of HOSTILE) {
        const asked = await post("/questions", asker, { title: `Question ${hostile}`.slice(0, 150), body: `Details ${hostile}`, language: "en", tags: "" });
        assert.equal(asked.statusCode, 303, asked.body);
        const id = idFrom(asked, /\/questions\/(\d+)/);
        const answered = await post(`/questions/${id}/answers`, helper, { body: `Answer ${hostile}` });
        assert.equal(answered.statusCode, 303, answered.body);
        const answerId = idFrom(answered, /#answer-(\d+)/);
        assert.equal((await post(`/questions/${id}/comments`, helper, { body: `Comment ${hostile}`.slice(0, 2000) })).statusCode, 303);
        assert.equal((await post(`/questions/${id}/comments`, asker, { body: `Reply ${hostile}`.slice(0, 2000), answerId: String(answerId) })).statusCode, 303);
        const page = await get(`/questions/${id}`);
        assert.equal(page.statusCode, 200);
        assertInert(mainOf(page.body));
        assert.ok(!page.body.includes("<script>alert(1)"), hostile);
        const api = await t.app.inject({ url: `/api/v1/questions/${id}` });
        assert.ok(api.json().title.includes(hostile.slice(0, 20)), "the API returns the text as written (clients escape it)");
      }
      const list = mainOf((await get("/questions")).body);
      assertInert(list.slice(list.indexOf("</form>")));
      const search = mainOf((await get("/search?q=question")).body);
      assertInert(search.slice(search.indexOf("</form>")));
    });

    test("moderators see the queue with its history diff, and time to first answer in the console", async () => {
      const { db } = t.app.hearth;
      const question = await db.selectFrom("questions").select("id").orderBy("id").executeTakeFirstOrThrow();
      const answerRow = await db.selectFrom("answers").select("id").where("question_id", "=", question.id).executeTakeFirstOrThrow();
      assert.equal((await post(`/questions/${question.id}/flag`, asker, { subjectType: "answer", subjectId: String(answerRow.id), reason: "offensive" })).statusCode, 303);
      const queue = await get("/console/moderation", moderator);
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, /Offensive × 1/);
      assert.equal((await get("/console/moderation", helper)).statusCode, 403);
      const history = await get(`/console/moderation/history/answer/${answerRow.id}`, moderator);
      assert.match(history.body, /<ins>/);
      const times = await get("/console/questions", moderator);
      assert.equal(times.statusCode, 200);
      assert.match(times.body, /Median/);
      const caseRow = await db.selectFrom("moderation_cases").select("id").where("subject_id", "=", answerRow.id).where("subject_type", "=", "answer").executeTakeFirstOrThrow();
      assert.equal((await post(`/console/moderation/cases/${caseRow.id}`, moderator, { decision: "keep" })).statusCode, 303);
    });

    test("the pages speak Persian and Hebrew", async () => {
      const fa = await t.app.inject({ url: "/questions", headers: { "accept-language": "fa" } });
      assert.match(fa.body, /dir="rtl"/);
      assert.match(fa.body, /پرسش‌ها/);
      const he = await t.app.inject({ url: "/search?q=x", headers: { "accept-language": "he" } });
      assert.match(he.body, /חיפוש/);
    });
  });
}
