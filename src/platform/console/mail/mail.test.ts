import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { queueMail } from "../../mail/index.ts";
import { createPerson, visitor, type Visitor } from "../test-support.ts";

const HOSTILE_HTML = `<p>Hi</p><script>document.title="owned"</script><img src=x onerror="alert(1)">`;

for (const kind of DATABASE_KINDS) {
  describe(`mail viewer (${kind})`, () => {
    let t: TestApp;
    let manager: Visitor;
    let managerId: number;

    before(async () => {
      t = await startTestApp(kind);
      managerId = (await createPerson(t.app, { roles: ["community_manager"] })).id;
      manager = await visitor(t.app, managerId);
    });
    after(async () => {
      await t.close();
    });

    test("the outbox lists messages and filters them by status", async () => {
      const kept = await queueMail(t.app.hearth.db, { to: "kept@example.test", kind: "verify", subject: "Confirm your address", text: "Confirm", html: "<p>Confirm</p>" });
      await t.drainJobs();
      await queueMail(t.app.hearth.db, { to: "waiting@example.test", kind: "magic", subject: "Your sign-in link", text: "Link", html: "<p>Link</p>" });
      const all = await manager.get("/console/mail");
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /kept@example\.test/);
      assert.match(all.body, /waiting@example\.test/);
      assert.match(all.body, new RegExp(`href="/console/mail/${kept}"`));
      const queued = await manager.get("/console/mail?status=queued");
      assert.doesNotMatch(queued.body, /kept@example\.test/);
      assert.match(queued.body, /waiting@example\.test/);
      assert.equal((await manager.get("/console/mail?status=lost")).statusCode, 400);
    });

    test("a message's HTML is shown only inside a sandboxed frame and as escaped source", async () => {
      const id = await queueMail(t.app.hearth.db, { to: "x@example.test", kind: "test", subject: "Hostile", text: "Plain <b>text</b>", html: HOSTILE_HTML });
      const page = await manager.get(`/console/mail/${id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes("<script>document.title"), "the script is not in the console page");
      assert.ok(!page.body.includes(`onerror="alert(1)"`), "the handler is not in the console page");
      assert.match(page.body, /<iframe[^>]* sandbox(="")?[ >]/);
      assert.match(page.body, /srcdoc="&lt;p>Hi&lt;\/p>&lt;script>/);
      assert.match(page.body, /Plain &lt;b>text&lt;\/b>/);
      assert.equal((await manager.get("/console/mail/999999")).statusCode, 404);
    });

    test("a failed message can be sent again, once, and the retry is audited", async () => {
      const id = await queueMail(t.app.hearth.db, { to: "bounce@example.test", kind: "test", subject: "Failing", text: "x", html: "<p>x</p>" });
      await t.app.hearth.db.updateTable("mail_outbox").set({ status: "failed", attempts: 8, last_error: "550 mailbox unavailable" }).where("id", "=", id).execute();
      await t.app.hearth.db.updateTable("jobs").set({ state: "failed" }).where("dedupe_key", "=", `mail:${id}`).execute();

      const page = await manager.get(`/console/mail/${id}`);
      assert.match(page.body, /550 mailbox unavailable/);
      assert.match(page.body, new RegExp(`action="/console/mail/${id}/retry"`));

      const retried = await manager.post(`/console/mail/${id}/retry`);
      assert.equal(retried.statusCode, 303);
      const mail = await t.app.hearth.db.selectFrom("mail_outbox").select(["status", "last_error"]).where("id", "=", id).executeTakeFirstOrThrow();
      assert.deepEqual(mail, { status: "queued", last_error: null });
      const audit = await t.app.hearth.db.selectFrom("audit_log").selectAll().where("action", "=", "mail.retry").executeTakeFirstOrThrow();
      assert.equal(audit.actor_id, managerId);
      assert.equal(audit.subject_id, String(id));
      assert.equal(audit.ip, "127.0.0.1");

      // Without SMTP the worker keeps the message as captured: it went through the queue again.
      await t.drainJobs();
      const after = await t.app.hearth.db.selectFrom("mail_outbox").select("status").where("id", "=", id).executeTakeFirstOrThrow();
      assert.equal(after.status, "captured");
      assert.equal((await manager.post(`/console/mail/${id}/retry`)).statusCode, 409);
      assert.equal((await manager.post(`/console/mail/999999/retry`)).statusCode, 404);
    });
  });
}
