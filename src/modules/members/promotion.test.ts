/**
 * Promotion at once, on both databases: an activity queues a re-score of the members it involves in
 * its own transaction (one job per member and window, however many activities), the job promotes and
 * tells the member once, never demotes, and agrees with the hourly batch.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient } from "../../../test/helpers/session.ts";
import { recordActivity, type Activity } from "../../platform/activity/index.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import { inTransaction, sql, type Executor } from "../../platform/db/index.ts";
import { runDueJobs, startWorker } from "../../platform/jobs/index.ts";
import { RESCORE_QUEUE, RESCORE_WINDOW_MS, rescoreJobFor } from "./jobs.ts";
import { recomputeMembers, rescoreMembers } from "./recompute.ts";

const DAY = 86_400_000;

let counter = 0;
async function member(db: Executor, ageDays: number): Promise<number> {
  counter += 1;
  return createAccount(db, { email: `p${counter}-${Date.now()}@promotion.test`, name: `Promoted ${counter}`, verified: true, createdAt: new Date(Date.now() - ageDays * DAY) });
}

/** Records activities in one transaction, as a service does. */
async function record(db: Executor, ...activities: Activity[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const activity of activities) await recordActivity(tx, activity);
  });
}

const asked = (actorId: number, subjectId: number, occurredAt: Date): Activity => ({ actorId, type: "question.asked", subjectType: "question", subjectId, occurredAt });

for (const kind of DATABASE_KINDS) {
  describe(`promotion at once (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    // The start of a re-score window a little in the past, so every job of the test is due.
    const windowStart = new Date((Math.floor(Date.now() / RESCORE_WINDOW_MS) - 10) * RESCORE_WINDOW_MS);
    const at = (ms: number) => new Date(windowStart.getTime() + ms);
    const rescoreJobs = (accountId: number) => db.selectFrom("jobs").select(["dedupe_key", "run_at", "state"]).where("queue", "=", RESCORE_QUEUE).where(sql<boolean>`payload @> ${JSON.stringify({ accountId })}::jsonb`).orderBy("id").execute();
    const notices = (accountId: number) => db.selectFrom("notifications").select(["params"]).where("account_id", "=", accountId).where("type", "=", "members.promoted").execute();
    const drain = async () => {
      while ((await runDueJobs(t.app.hearth, t.app.log)) > 0);
    };

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
    });
    after(async () => {
      await t.close();
    });

    test("an activity queues one re-score per member and window, in the writer's transaction", async () => {
      const asker = await member(db, 5);
      const helper = await member(db, 5);
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await recordActivity(tx, asked(asker, 1, at(0)));
          throw new Error("the contribution failed");
        }),
      );
      assert.deepEqual(await rescoreJobs(asker), [], "a rolled-back contribution queues nothing");

      // A burst: a question, an answer to it and a vote, all within one window.
      await record(db, asked(asker, 1, at(10)));
      await record(db, { actorId: helper, type: "answer.posted", subjectType: "answer", subjectId: 2, targetId: asker, occurredAt: at(20) });
      await record(db, { actorId: asker, type: "answer.voted", subjectType: "answer", subjectId: 2, targetId: helper, occurredAt: at(30) });
      for (const id of [asker, helper]) {
        const jobs = await rescoreJobs(id);
        assert.equal(jobs.length, 1, `one job for member ${id}`);
        assert.equal(jobs[0]!.dedupe_key, rescoreJobFor(id, at(0)).dedupeKey);
        assert.equal(new Date(jobs[0]!.run_at).getTime(), at(RESCORE_WINDOW_MS).getTime(), "it runs when the window closes");
      }
      // The next window gets its own job.
      await record(db, asked(asker, 3, at(RESCORE_WINDOW_MS + 5)));
      assert.equal((await rescoreJobs(asker)).length, 2);
      await drain();
      assert.deepEqual((await rescoreJobs(asker)).map((job) => job.state), ["done", "done"]);
    });

    test("crossing the level-1 requirement promotes after the job runs, tells the member once, and the batch agrees", async () => {
      const newcomer = await member(db, 5);
      const other = await member(db, 30);
      await record(db, asked(newcomer, 10, at(100)), asked(newcomer, 11, at(110)));
      await drain();
      const before = await db.selectFrom("member_scores").select(["trust_level", "stage", "metrics"]).where("account_id", "=", newcomer).executeTakeFirstOrThrow();
      assert.equal(before.trust_level, 0, "two contributions are not enough for level 1");
      assert.equal(before.stage, "participant");
      assert.equal(before.metrics.contributions, 2);

      // The third contribution crosses the requirement (3 contributions, a day old); an endorsement comes with it.
      await record(db, { actorId: newcomer, type: "answer.posted", subjectType: "answer", subjectId: 12, targetId: other, occurredAt: at(RESCORE_WINDOW_MS * 2) });
      await record(db, { actorId: other, type: "answer.voted", subjectType: "answer", subjectId: 12, targetId: newcomer, occurredAt: at(RESCORE_WINDOW_MS * 2 + 1) });
      const score = () => db.selectFrom("member_scores").selectAll().where("account_id", "=", newcomer).executeTakeFirstOrThrow();
      assert.equal((await score()).trust_level, 0, "nothing changes before the job runs");
      await drain();
      const promoted = await score();
      assert.equal(promoted.trust_level, 1);
      assert.equal(promoted.metrics.contributions, 3);
      assert.equal(promoted.metrics.endorsers, 1);
      const history = await db.selectFrom("member_stage_changes").select(["kind", "to_value"]).where("account_id", "=", newcomer).orderBy("id").execute();
      assert.deepEqual(
        history.map((row) => [row.kind, row.to_value]),
        [
          ["stage", "participant"],
          ["trust", "1"],
        ],
      );
      const trustNotices = (await notices(newcomer)).filter((notice) => notice.params.kind === "trust");
      assert.equal(trustNotices.length, 1);
      assert.equal(trustNotices[0]!.params.to, "1");
      assert.match(String(trustNotices[0]!.params.reasons), /Contributions: 3 of 3/);
      const account = await db.selectFrom("accounts").select("email").where("id", "=", newcomer).executeTakeFirstOrThrow();
      const mails = await db.selectFrom("mail_outbox").select(["subject", "text_body"]).where("to_address", "=", account.email).where("kind", "=", "members.promoted").execute();
      assert.ok(mails.some((mail) => /You reached trust level 1/.test(mail.text_body)), "the email says which level");

      // A second run changes nothing: no history, no notice.
      const changes = await rescoreMembers(db, [newcomer, other]);
      assert.deepEqual(changes, []);
      await drain();
      assert.equal((await db.selectFrom("member_stage_changes").select("id").where("account_id", "=", newcomer).execute()).length, 2);
      assert.equal((await notices(newcomer)).filter((notice) => notice.params.kind === "trust").length, 1);

      // The batch over everyone gives the same scores as re-scoring each member on their own, mutual
      // endorsements (discounted from both sides) included.
      await record(db, { actorId: newcomer, type: "answer.voted", subjectType: "answer", subjectId: 13, targetId: other, occurredAt: at(RESCORE_WINDOW_MS * 3) });
      await drain();
      const everyone = (await db.selectFrom("member_scores").select("account_id").execute()).map((row) => row.account_id);
      for (const id of everyone) await rescoreMembers(db, [id]);
      const snapshot = async () =>
        (await db.selectFrom("member_scores").select(["account_id", "reputation", "reputation_parts", "trust_level", "stage", "metrics", "contributions"]).orderBy("account_id").execute()).map((row) => ({
          ...row,
          reputation_parts: Object.fromEntries(Object.entries(row.reputation_parts).map(([type, points]) => [type, Number(points)])),
        }));
      const perMember = await snapshot();
      const result = await recomputeMembers(db);
      assert.equal(result.promotions + result.demotions, 0);
      assert.deepEqual(await snapshot(), perMember);
    });

    test("the re-score never demotes; the schedule does", async () => {
      const quiet = await member(db, 120);
      await record(db, asked(quiet, 20, at(300)));
      await drain();
      const longAgo = new Date(Date.now() - 90 * DAY);
      await db.updateTable("member_scores").set({ trust_level: 2, trust_since: longAgo, trust_reviewed_at: longAgo }).where("account_id", "=", quiet).execute();
      await record(db, asked(quiet, 21, at(310)));
      await drain();
      assert.equal((await db.selectFrom("member_scores").select("trust_level").where("account_id", "=", quiet).executeTakeFirstOrThrow()).trust_level, 2, "an activity keeps the level");
      await recomputeMembers(db);
      assert.equal((await db.selectFrom("member_scores").select("trust_level").where("account_id", "=", quiet).executeTakeFirstOrThrow()).trust_level, 1, "the scheduled review demotes, to the level met within the grace margin (2 of 3 contributions)");
    });

    test("staff are not re-scored onto the ladder", async () => {
      const moderator = await member(db, 400);
      await grantRole(db, moderator, "moderator");
      await record(db, asked(moderator, 30, at(400)));
      await drain();
      assert.equal(await db.selectFrom("member_scores").select("account_id").where("account_id", "=", moderator).executeTakeFirst(), undefined);
    });

    test("the member's own profile lists what their level lets them do now and what the next level unlocks", async () => {
      const me = await signedInClient(t.app);
      const someoneElse = await signedInClient(t.app);
      await db.updateTable("accounts").set({ created_at: new Date(Date.now() - 10 * DAY) }).where("id", "=", me.accountId).execute();
      await record(db, asked(me.accountId, 50, at(500)), asked(me.accountId, 51, at(510)), asked(me.accountId, 52, at(520)));
      await drain();
      const section = (html: string) => html.slice(html.indexOf('id="member-trust"'));
      const own = section((await t.app.inject({ url: `/members/${me.accountId}`, headers: { cookie: me.cookie } })).body);
      assert.match(own, /What your level lets you do now<\/h3><ul[^>]*><li data-ability="post_links">Post links freely<\/li><li data-ability="flag_weight">Your reports of unsuitable content weigh 1<\/li><\/ul>/);
      assert.match(own, /What trust level 2 unlocks<\/h3><ul[^>]*><li data-ability="apply_programmes">Apply for programmes[^<]*<\/li><li data-ability="flag_weight">Your reports of unsuitable content weigh 2<\/li><\/ul>/);
      const persian = section((await t.app.inject({ url: `/members/${me.accountId}`, headers: { cookie: me.cookie, "accept-language": "fa" } })).body);
      assert.match(persian, /آنچه سطح اعتماد 2 باز می‌کند<\/h3>/);
      assert.match(persian, /<li data-ability="post_links">گذاشتن پیوند بدون محدودیت<\/li>/);
      const theirs = (await t.app.inject({ url: `/members/${me.accountId}`, headers: { cookie: someoneElse.cookie } })).body;
      assert.doesNotMatch(theirs, /data-ability=/, "only the member themselves sees it");
    });

    test("with the worker running, the promotion follows the activity within seconds (latency measured)", async (context) => {
      const newcomer = await member(db, 3);
      await record(db, asked(newcomer, 40, new Date()), asked(newcomer, 41, new Date()));
      const worker = startWorker(t.app.hearth, t.app.log);
      try {
        // Let the worker's first pass (the recurring jobs, the hourly recompute among them) finish first.
        for (let i = 0; i < 200; i += 1) {
          const due = await db.selectFrom("jobs").select("id").where("state", "=", "queued").where("run_at", "<=", new Date()).executeTakeFirst();
          if (!due) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.equal((await db.selectFrom("member_scores").select("trust_level").where("account_id", "=", newcomer).executeTakeFirst())?.trust_level ?? 0, 0);
        const started = Date.now();
        await record(db, asked(newcomer, 42, new Date()));
        let level = 0;
        while (level === 0 && Date.now() - started < 20_000) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          level = (await db.selectFrom("member_scores").select("trust_level").where("account_id", "=", newcomer).executeTakeFirst())?.trust_level ?? 0;
        }
        const latency = Date.now() - started;
        assert.equal(level, 1, "promoted by the re-score job");
        context.diagnostic(`${kind}: activity to stored level 1 in ${latency} ms (re-score window ${RESCORE_WINDOW_MS} ms, worker poll 1000 ms)`);
      } finally {
        await worker.stop();
      }
    });
  });
}
