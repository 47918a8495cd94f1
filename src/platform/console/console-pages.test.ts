import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { enqueue } from "../jobs/index.ts";
import { consoleCounts } from "./overview/counts.ts";
import { createPerson, visitor, type Visitor } from "./test-support.ts";

for (const kind of DATABASE_KINDS) {
  describe(`console overview and jobs (${kind})`, () => {
    let t: TestApp;
    let admin: Visitor;

    before(async () => {
      t = await startTestApp(kind);
      admin = await visitor(t.app, (await createPerson(t.app, { roles: ["admin"] })).id);
    });
    after(async () => {
      await t.close();
    });

    test("the overview counts members, new members, and queued and failed mail and jobs", async () => {
      const { db } = t.app.hearth;
      await createPerson(t.app);
      const old = await createPerson(t.app);
      await db.updateTable("accounts").set({ created_at: new Date(Date.now() - 30 * 86_400_000) }).where("id", "=", old.id).execute();
      await enqueue(db, "test.waiting", {});
      await enqueue(db, "test.broken", {}, { dedupeKey: "broken" });
      await db.updateTable("jobs").set({ state: "failed", last_error: "boom: the disk is full" }).where("dedupe_key", "=", "broken").execute();

      const counts = await consoleCounts(db);
      assert.deepEqual(counts, { members: 3, newThisWeek: 2, mailQueued: 0, mailFailed: 0, jobsQueued: 1, jobsFailed: 1 });
      const page = await admin.get("/console");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<span class="stat__value">3<\/span>/);
      assert.match(page.body, /href="\/console\/jobs\?state=failed"/);

      const persian = await admin.get("/console", { "accept-language": "fa" });
      assert.match(persian.body, /<span class="stat__value">۳<\/span>/);
    });

    test("the jobs page lists waiting jobs, and failed ones with their last error", async () => {
      const waiting = await admin.get("/console/jobs");
      assert.equal(waiting.statusCode, 200);
      assert.match(waiting.body, /test\.waiting/);
      assert.doesNotMatch(waiting.body, /test\.broken/);
      const failed = await admin.get("/console/jobs?state=failed");
      assert.match(failed.body, /test\.broken/);
      assert.match(failed.body, /boom: the disk is full/);
      assert.equal((await admin.get("/console/jobs?state=done")).statusCode, 400);
    });
  });
}
