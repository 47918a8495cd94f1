import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { backoffSeconds, defineJob, enqueue, runDueJobs } from "./index.ts";

const ran: string[] = [];
let failuresLeft = 0;
defineJob("test.record", async (payload) => {
  ran.push(String(payload.name));
});
defineJob("test.flaky", async (payload) => {
  if (failuresLeft > 0) {
    failuresLeft -= 1;
    throw new Error("temporary failure");
  }
  ran.push(String(payload.name));
});

describe("back-off", () => {
  test("grows fourfold from 10 s and is capped at 6 h", () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffSeconds), [10, 40, 160, 640]);
    assert.equal(backoffSeconds(20), 6 * 3600);
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`durable jobs (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });
    const log = () => t.app.log;

    test("a job runs once; a dedupe key adds it once only", async () => {
      ran.length = 0;
      await enqueue(t.app.hearth.db, "test.record", { name: "a" }, { dedupeKey: "once" });
      await enqueue(t.app.hearth.db, "test.record", { name: "a" }, { dedupeKey: "once" });
      await t.drainJobs();
      assert.deepEqual(ran, ["a"]);
      assert.equal(await runDueJobs(t.app.hearth, log()), 0);
    });

    test("a scheduled job waits for its time", async () => {
      ran.length = 0;
      const runAt = new Date(Date.now() + 3600_000);
      await enqueue(t.app.hearth.db, "test.record", { name: "later" }, { runAt });
      assert.equal(await runDueJobs(t.app.hearth, log()), 0);
      assert.equal(await runDueJobs(t.app.hearth, log(), { now: new Date(runAt.getTime() + 1000) }), 1);
      assert.deepEqual(ran, ["later"]);
    });

    test("a failing job is retried with back-off, then succeeds", async () => {
      ran.length = 0;
      failuresLeft = 2;
      const start = new Date();
      await enqueue(t.app.hearth.db, "test.flaky", { name: "flaky" }, { dedupeKey: "flaky-1", runAt: start });
      await runDueJobs(t.app.hearth, log(), { now: start });
      const afterFirst = await t.app.hearth.db.selectFrom("jobs").selectAll().where("dedupe_key", "=", "flaky-1").executeTakeFirstOrThrow();
      assert.equal(afterFirst.state, "queued");
      assert.equal(afterFirst.attempts, 1);
      assert.equal(afterFirst.last_error, "temporary failure");
      assert.ok(afterFirst.run_at.getTime() >= Date.now() + 9_000, "retry waits about 10 s");
      await runDueJobs(t.app.hearth, log(), { now: new Date(Date.now() + 15_000) });
      await runDueJobs(t.app.hearth, log(), { now: new Date(Date.now() + 120_000) });
      const done = await t.app.hearth.db.selectFrom("jobs").selectAll().where("dedupe_key", "=", "flaky-1").executeTakeFirstOrThrow();
      assert.equal(done.state, "done");
      assert.equal(done.attempts, 3);
      assert.deepEqual(ran, ["flaky"]);
    });

    test("a job that keeps failing stops after max attempts and is marked failed", async () => {
      failuresLeft = 100;
      await enqueue(t.app.hearth.db, "test.flaky", { name: "never" }, { dedupeKey: "never", maxAttempts: 2 });
      await runDueJobs(t.app.hearth, log());
      await runDueJobs(t.app.hearth, log(), { now: new Date(Date.now() + 3600_000) });
      const row = await t.app.hearth.db.selectFrom("jobs").selectAll().where("dedupe_key", "=", "never").executeTakeFirstOrThrow();
      assert.equal(row.state, "failed");
      assert.equal(row.attempts, 2);
      failuresLeft = 0;
    });

    test("a job claimed by a worker that died is picked up again after its lock expires", async () => {
      ran.length = 0;
      await enqueue(t.app.hearth.db, "test.record", { name: "orphan" }, { dedupeKey: "orphan" });
      // A worker claims the job and dies before finishing it.
      await sql`update jobs set attempts = 1, locked_by = 'dead-worker', locked_until = now() + interval '5 minutes' where dedupe_key = 'orphan'`.execute(t.app.hearth.db);
      assert.equal(await runDueJobs(t.app.hearth, log()), 0, "locked jobs are left alone");
      await runDueJobs(t.app.hearth, log(), { now: new Date(Date.now() + 6 * 60_000) });
      assert.deepEqual(ran, ["orphan"]);
    });
  });
}

defineJob(
  "test.transactional",
  async (payload, { db }) => {
    await db.insertInto("site_settings").values({ key: String(payload.key), value: JSON.stringify(1) }).execute();
    if (payload.fail) throw new Error("fails after writing");
  },
  { transactional: true },
);

for (const kind of DATABASE_KINDS) {
  describe(`transactional jobs (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    test("a transactional job's writes commit with its completion", async () => {
      await enqueue(t.app.hearth.db, "test.transactional", { key: "tx-ok" });
      await t.drainJobs();
      const row = await t.app.hearth.db.selectFrom("site_settings").select("key").where("key", "=", "tx-ok").executeTakeFirst();
      assert.equal(row?.key, "tx-ok");
    });

    test("a transactional job that fails leaves none of its writes behind", async () => {
      await enqueue(t.app.hearth.db, "test.transactional", { key: "tx-fail", fail: true }, { dedupeKey: "tx-fail" });
      await runDueJobs(t.app.hearth, t.app.log);
      const row = await t.app.hearth.db.selectFrom("site_settings").select("key").where("key", "=", "tx-fail").executeTakeFirst();
      assert.equal(row, undefined);
      const job = await t.app.hearth.db.selectFrom("jobs").selectAll().where("dedupe_key", "=", "tx-fail").executeTakeFirstOrThrow();
      assert.equal(job.state, "queued");
      assert.equal(job.last_error, "fails after writing");
    });
  });
}
