/** The community demo: the promised amounts in three languages, consistent counters, and a search index filled by the reindex job. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../../test/helpers/app.ts";
import { loadDemo } from "../../../../demo/index.ts";
import { sql } from "../../../../platform/db/index.ts";
import "../index.ts";
import { CREATION_COUNT, REVIEW_COUNT, TOPIC_COUNT } from "./step.ts";

for (const kind of DATABASE_KINDS) {
  describe(`community demo (${kind})`, () => {
    let t: TestApp;
    let summary: string[];
    before(async () => {
      t = await startTestApp(kind);
      summary = (await loadDemo(t.app.hearth.db)).summary;
    });
    after(async () => {
      await t?.close();
    });

    test("500 topics with replies, 200 creations, and reviews of the products that exist, in en/fa/he", async () => {
      const db = t.app.hearth.db;
      const n = async (query: string) => Number(((await sql.raw<{ n: number }>(query).execute(db)).rows[0] as { n: number }).n);
      assert.equal(await n("select count(*) as n from topics"), TOPIC_COUNT);
      assert.ok((await n("select count(*) as n from posts where not is_opening")) > TOPIC_COUNT);
      assert.equal(await n("select count(distinct language) as n from topics"), 3);
      assert.equal(await n("select count(*) as n from creations"), CREATION_COUNT);
      assert.ok((await n("select count(*) as n from creations where route is not null")) > 20);
      const products = await n("select count(*) as n from products");
      const reviews = await n("select count(*) as n from reviews");
      assert.equal(reviews, products === 0 ? 0 : Math.min(REVIEW_COUNT, products * 500));
      if (reviews > 0) assert.ok((await n("select count(*) as n from reviews where verified_buyer")) > 0);
      assert.ok(summary.some((line) => line.includes(`${TOPIC_COUNT} topics`)));
    });

    test("stored counters agree with the rows", async () => {
      const db = t.app.hearth.db;
      const mismatches = await sql<{ n: number }>`select
          (select count(*) from topics t where reply_count <> (select count(*) from posts p where p.topic_id = t.id and not p.is_opening))
        + (select count(*) from reviews r where helpful_count <> (select count(*) from review_helpful_votes v where v.review_id = r.id))
        + (select count(*) from creations c where like_count <> (select count(*) from creation_likes l where l.creation_id = c.id))
        + (select count(*) from polls p where voters <> (select count(*) from poll_ballots b where b.poll_id = p.id)) as n`.execute(db);
      assert.equal(Number(mismatches.rows[0]?.n), 0);
    });

    test("the reindex job puts every topic, reply, review and creation in the search index", async () => {
      await t.drainJobs();
      const db = t.app.hearth.db;
      const indexed = await sql<{ n: number }>`select count(*) as n from search_documents where doc_type in ('topic', 'post', 'review', 'creation')`.execute(db);
      const content = await sql<{ n: number }>`select (select count(*) from topics) + (select count(*) from posts where not is_opening) + (select count(*) from reviews) + (select count(*) from creations) as n`.execute(db);
      assert.equal(Number(indexed.rows[0]?.n), Number(content.rows[0]?.n));
    });
  });
}
