/** Search on both databases: Persian and Hebrew spelling variants, English stemming, ranking, filters, safe output. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { assertInert } from "../../../test/helpers/inert-html.ts";
import { signedInClient } from "../../../test/helpers/session.ts";
import { indexDocument, removeDocument, type SearchDocument } from "./index.ts";
import { syncIdeas } from "./jobs.ts";

const ZWNJ = "\u200C";
const now = new Date("2026-03-01T10:00:00Z");

const DOCS: SearchDocument[] = [
  // Persian written with Persian letters (ی ک).
  { type: "question", id: 1, title: "راهنمای تمیز کردن دیگ زودپز", body: "برای تمیز کردن درب و واشر لاستیکی، آن را با آب گرم و جوش شیرین بشویید.", language: "fa", url: "/questions/1", visible: true, updatedAt: now, tags: ["cleaning"], answered: true },
  // Persian typed on an Arabic keyboard (ي ك).
  { type: "question", id: 2, title: "كتاب آشپزي براي پلو", body: "دنبال دستور پخت پلو با زودپز هستم.", language: "fa", url: "/questions/2", visible: true, updatedAt: now, answered: false },
  // A word with a zero-width non-joiner.
  { type: "answer", id: 3, title: "دستور پخت", body: `کتاب${ZWNJ}های آشپزی زیادی دستور خورش قیمه دارند.`, language: "fa", url: "/questions/2#answer-3", visible: true, updatedAt: now, answered: true },
  // Hebrew with niqqud.
  { type: "question", id: 4, title: "סִיר לַחַץ חַשְׁמַלִּי שׁוֹרֵק", body: "הַסִּיר מַשְׁמִיעַ שְׁרִיקָה כְּשֶׁהוּא מְבַשֵּׁל.", language: "he", url: "/questions/4", visible: true, updatedAt: now, answered: false },
  // Hebrew without niqqud.
  { type: "question", id: 5, title: "מתכון לעוגת שוקולד בסיר", body: "איך אופים עוגה בסיר הלחץ?", language: "he", url: "/questions/5", visible: true, updatedAt: now, answered: true },
  // English: stemming and ranking.
  { type: "question", id: 6, title: "Replacing the sealing ring", body: "The silicone rings wear out after a year of daily cooking.", language: "en", url: "/questions/6", visible: true, updatedAt: now, answered: true },
  { type: "question", id: 7, title: "Pressure cooker lid will not close", body: "The lid of my pressure cooker sticks when I try to lock it.", language: "en", url: "/questions/7", visible: true, updatedAt: now, answered: false },
  { type: "answer", id: 8, title: "Steam release", body: "If steam escapes, check that the pressure cooker lid is seated and the float valve moves freely.", language: "en", url: "/questions/9#answer-8", visible: true, updatedAt: now, answered: true },
  { type: "topic", id: 9, title: "Batteries for the kitchen scale", body: "Which battery lasts longest in the scale?", language: "en", url: "/topics/9", visible: true, updatedAt: now },
  // Hidden content never shows.
  { type: "question", id: 10, title: "Pressure cooker lid hidden spam", body: "buy cheap pressure cooker lid now", language: "en", url: "/questions/10", visible: false, updatedAt: now },
  // Hostile text: found, but shown inert.
  { type: "post", id: 11, title: "<img src=x onerror=alert(1)> valve", body: "<script>alert('x')</script> [click](javascript:alert(1)) the valve <svg onload=alert(1)>", language: "en", url: "/topics/9#post-11", visible: true, updatedAt: now },
];

for (const kind of DATABASE_KINDS) {
  describe(`search (${kind})`, () => {
    let t: TestApp;

    const search = async (q: string, extra = "") => {
      const response = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}` });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().items as Array<{ type: string; id: number; title: string; url: string; snippet: string }>;
    };
    const keys = (items: Array<{ type: string; id: number }>) => items.map((item) => `${item.type}:${item.id}`);

    before(async () => {
      t = await startTestApp(kind);
      for (const doc of DOCS) await indexDocument(t.app.hearth.db, doc);
    });
    after(async () => {
      await t.close();
    });

    test("a Persian query typed with Arabic letters finds Persian text, and the other way round", async () => {
      assert.equal(keys(await search("تميز كردن"))[0], "question:1");
      assert.equal(keys(await search("کتاب آشپزی"))[0], "question:2");
    });

    test("words with and without the zero-width non-joiner match each other", async () => {
      assert.deepEqual(keys(await search("کتابهای")), ["answer:3"]);
      assert.deepEqual(keys(await search(`کتاب${ZWNJ}های`)), ["answer:3"]);
      // Typed with a plain space where the non-joiner belongs, as many do.
      assert.deepEqual(keys(await search("کتاب های")), ["answer:3"]);
    });

    test("Hebrew with and without niqqud match each other", async () => {
      assert.equal(keys(await search("סיר לחץ חשמלי"))[0], "question:4");
      assert.equal(keys(await search("שׁוֹקוֹלָד"))[0], "question:5");
    });

    test("English is stemmed: replace/seal/ring find replacing/sealing/rings, battery finds batteries", async () => {
      assert.equal(keys(await search("replace seal rings"))[0], "question:6");
      assert.deepEqual(keys(await search("battery")), ["topic:9"]);
    });

    test("a match in the title ranks above a match in the body; hidden documents never appear", async () => {
      const items = await search("pressure cooker lid");
      assert.deepEqual(keys(items), ["question:7", "answer:8"]);
    });

    test("when no word matches, a title with a typo is still found", async () => {
      assert.deepEqual(keys(await search("pressure cookr lid")), ["question:7"]);
    });

    test("filters by type, language, tag and answered", async () => {
      assert.deepEqual(keys(await search("pressure cooker lid", "&type=answer")), ["answer:8"]);
      assert.deepEqual(keys(await search("pressure cooker lid", "&answered=false")), ["question:7"]);
      assert.deepEqual(keys(await search("زودپز", "&tag=cleaning")), ["question:1"]);
      assert.deepEqual(keys(await search("زودپز", "&language=he")), []);
      assert.equal((await t.app.inject({ url: "/api/v1/search?q=x&type=nonsense" })).statusCode, 400);
    });

    test("results carry url and a plain-text snippet around the match", async () => {
      const [first] = await search("float valve");
      assert.ok(first);
      assert.equal(first.url, "/questions/9#answer-8");
      assert.match(first.snippet, /float valve/);
    });

    test("suggestions complete titles as they are typed", async () => {
      const response = await t.app.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent("pressure coo")}` });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json().items.map((item: { id: number }) => item.id), [7]);
      const persian = await t.app.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent("دیگ زودپز")}` });
      assert.deepEqual(persian.json().items.map((item: { id: number }) => item.id), [1]);
    });

    test("the search page highlights matches and stays inert with hostile content", async () => {
      const page = await t.app.inject({ url: `/search?q=valve` });
      assert.equal(page.statusCode, 200);
      const results = /<ol class="search-results"[\s\S]*?<\/ol>/.exec(page.body)?.[0] ?? "";
      assert.match(results, /<mark>valve<\/mark>/);
      assert.match(results, /&lt;script>alert/);
      assertInert(results);
    });

    test("removing a document takes it out of results", async () => {
      await indexDocument(t.app.hearth.db, { type: "review", id: 99, title: "Temporary waffle review", body: "waffle", language: "en", url: "/reviews/99", visible: true, updatedAt: now });
      assert.deepEqual(keys(await search("waffle")), ["review:99"]);
      await removeDocument(t.app.hearth.db, "review", 99);
      assert.deepEqual(keys(await search("waffle")), []);
    });

    test("ideas are indexed by the periodic job, and only while they are public", async () => {
      const creator = await signedInClient(t.app);
      const { db } = t.app.hearth;
      const { id } = await db
        .insertInto("ideas")
        .values({ creator_id: creator.accountId, title: "Collapsible steamer basket", body: "A steamer basket that folds flat.", language: "en", state: "open", published_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      assert.equal(await syncIdeas(db), 1);
      assert.deepEqual(keys(await search("steamer basket")), [`idea:${id}`]);
      await db.updateTable("ideas").set({ state: "rejected" }).where("id", "=", id).execute();
      await syncIdeas(db);
      assert.deepEqual(keys(await search("steamer basket")), []);
    });
  });
}
