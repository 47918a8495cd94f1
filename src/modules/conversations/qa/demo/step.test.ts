/** The demo's questions on both databases: counts, languages, answers and accepted ones, and that search finds them. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, openTestDatabase } from "../../../../../test/helpers/app.ts";
import type { DemoContext } from "../../../../demo/index.ts";
import { randomFor } from "../../../../demo/random.ts";
import { membersStep } from "../../../../demo/members.ts";
import { staffStep } from "../../../../demo/staff.ts";
import { hashPassword } from "../../../../platform/auth/crypto.ts";
import { sql, type Database } from "../../../../platform/db/index.ts";
import { searchDocuments } from "../../../search/index.ts";
import "../tables.ts";
import { QUESTION_COUNT, questionsDemoStep } from "./step.ts";

for (const kind of DATABASE_KINDS) {
  describe(`the demo's questions (${kind})`, () => {
    let database: Database;
    let dispose: () => Promise<void>;

    before(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
      const context: DemoContext = { now: new Date("2026-03-01T12:00:00Z"), passwordHash: await hashPassword("demo password"), staff: {}, members: [] };
      await database.db.transaction().execute(async (tx) => {
        await staffStep.run(tx, randomFor(1, "staff"), context);
        await membersStep.run(tx, randomFor(1, "members"), context);
        await questionsDemoStep.run(tx, randomFor(1, "questions"), context);
      });
    });
    after(async () => {
      await dispose();
    });

    test("about 2,000 questions in three languages, most answered, many accepted, with consistent counters", async () => {
      const { rows } = await sql<{ total: number; answered: number; accepted: number; languages: number; counted_wrong: number; votes_wrong: number; first_missing: number }>`
        select count(*)::int as total,
               count(*) filter (where answer_count > 0)::int as answered,
               count(*) filter (where accepted_answer_id is not null)::int as accepted,
               count(distinct language)::int as languages,
               count(*) filter (where answer_count <> (select count(*) from answers a where a.question_id = q.id))::int as counted_wrong,
               count(*) filter (where votes <> (select count(*) from answer_votes v join answers a on a.id = v.answer_id where a.question_id = q.id))::int as votes_wrong,
               count(*) filter (where answer_count > 0 and first_answer_seconds is null)::int as first_missing
        from questions q`.execute(database.db);
      const figures = rows[0]!;
      assert.equal(figures.total, QUESTION_COUNT);
      assert.equal(figures.languages, 3);
      assert.ok(figures.answered > QUESTION_COUNT * 0.75, `${figures.answered} answered`);
      assert.ok(figures.accepted > QUESTION_COUNT * 0.3, `${figures.accepted} accepted`);
      assert.equal(figures.counted_wrong, 0);
      assert.equal(figures.votes_wrong, 0);
      assert.equal(figures.first_missing, 0);
      const ownVotes = await sql<{ n: number }>`select count(*)::int as n from answer_votes v join answers a on a.id = v.answer_id where v.voter_id = a.author_id`.execute(database.db);
      assert.equal(ownVotes.rows[0]?.n, 0);
    });

    test("search finds the demo's questions in each language", async () => {
      for (const q of ["yogurt", "ماست", "יוגורט"]) {
        const { hits } = await searchDocuments(database.db, { q, limit: 5, offset: 0 });
        assert.equal(hits.length, 5, q);
      }
    });
  });
}
