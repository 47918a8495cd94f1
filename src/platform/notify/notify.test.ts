import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { inTransaction } from "../db/index.ts";
import { createPerson, visitor } from "../console/test-support.ts";
import { defineNotificationType, notify, saveChoices, unsubscribeToken } from "./index.ts";

// Test types: one with an email, on by default; one shown only in the app.
defineNotificationType({
  type: "test.reply",
  labelKey: "notify.list.title",
  defaults: { inApp: true, email: true },
  email: () => ({ subjectKey: "notify.list.title", paragraphKeys: ["notify.list.empty"] }),
});
defineNotificationType({ type: "test.quiet", labelKey: "notify.settings.title", defaults: { inApp: true, email: false } });

for (const kind of DATABASE_KINDS) {
  describe(`notifications (${kind})`, () => {
    let t: TestApp;

    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    async function delivered(accountId: number): Promise<{ inApp: number; mail: number }> {
      const { db } = t.app.hearth;
      const notes = await db.selectFrom("notifications").select("id").where("account_id", "=", accountId).execute();
      const mails = await db.selectFrom("mail_outbox").select("id").where("account_id", "=", accountId).execute();
      return { inApp: notes.length, mail: mails.length };
    }

    test("notify follows the defaults, then the member's settings", async () => {
      const { db } = t.app.hearth;
      const { id } = await createPerson(t.app);
      assert.deepEqual(await notify(db, { accountId: id, type: "test.reply", params: { n: 1 }, url: "/ideas/1" }), { inApp: true, email: true });
      assert.deepEqual(await delivered(id), { inApp: 1, mail: 1 });

      await saveChoices(db, id, new Map([["test.reply", { inApp: true, email: false }]]));
      await notify(db, { accountId: id, type: "test.reply" });
      assert.deepEqual(await delivered(id), { inApp: 2, mail: 1 });

      await saveChoices(db, id, new Map([["test.reply", { inApp: false, email: true }]]));
      await notify(db, { accountId: id, type: "test.reply" });
      assert.deepEqual(await delivered(id), { inApp: 2, mail: 2 });

      await notify(db, { accountId: id, type: "test.quiet" });
      assert.deepEqual(await delivered(id), { inApp: 3, mail: 2 });
    });

    test("no email goes to an unverified address", async () => {
      const { id } = await createPerson(t.app, { verified: false });
      await notify(t.app.hearth.db, { accountId: id, type: "test.reply" });
      assert.deepEqual(await delivered(id), { inApp: 1, mail: 0 });
    });

    test("notify writes nothing when the caller's transaction rolls back", async () => {
      const { id } = await createPerson(t.app);
      await assert.rejects(
        inTransaction(t.app.hearth.db, async (tx) => {
          await notify(tx, { accountId: id, type: "test.reply" });
          throw new Error("the change failed");
        }),
      );
      assert.deepEqual(await delivered(id), { inApp: 0, mail: 0 });
    });

    test("the email links to its subject and carries one-click unsubscribe", async () => {
      const { id } = await createPerson(t.app, { locale: "he" });
      await notify(t.app.hearth.db, { accountId: id, type: "test.reply", url: "/ideas/7" });
      const mail = await t.app.hearth.db.selectFrom("mail_outbox").selectAll().where("account_id", "=", id).executeTakeFirstOrThrow();
      assert.equal(mail.subject, "התראות");
      assert.match(mail.text_body, /http:\/\/localhost:3000\/ideas\/7/);
      const link = /^<(.+)>$/.exec(mail.headers["List-Unsubscribe"] ?? "")?.[1];
      assert.ok(link);
      assert.equal(mail.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
      assert.ok(mail.html_body.includes(`href="${link.replace(/&/g, "&amp;")}"`), "the footer links to the same address");
      assert.ok(mail.text_body.includes(link));
    });

    test("unsubscribe: a bad token is refused; a good one works without signing in", async () => {
      const { db, config } = t.app.hearth;
      const { id } = await createPerson(t.app);
      for (const token of ["nonsense", unsubscribeToken("another-secret-another-secret-another", { accountId: id, type: "test.reply" }), unsubscribeToken(config.sessionSecret, { accountId: id, type: "no.such_type" })]) {
        assert.equal((await t.app.inject({ url: `/unsubscribe?token=${encodeURIComponent(token)}` })).statusCode, 400);
        const post = await t.app.inject({ method: "POST", url: "/unsubscribe", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: `token=${encodeURIComponent(token)}` });
        assert.equal(post.statusCode, 400);
      }
      assert.equal((await t.app.inject({ method: "POST", url: "/unsubscribe" })).statusCode, 400);

      const token = unsubscribeToken(config.sessionSecret, { accountId: id, type: "test.reply" });
      const confirm = await t.app.inject({ url: `/unsubscribe?token=${encodeURIComponent(token)}` });
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /action="\/unsubscribe"/);
      assert.equal((await db.selectFrom("notification_settings").select("email").where("account_id", "=", id).execute()).length, 0, "showing the page changes nothing");

      const done = await t.app.inject({ method: "POST", url: "/unsubscribe", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: `token=${encodeURIComponent(token)}` });
      assert.equal(done.statusCode, 200);
      const setting = await db.selectFrom("notification_settings").select(["in_app", "email"]).where("account_id", "=", id).where("type", "=", "test.reply").executeTakeFirstOrThrow();
      assert.deepEqual(setting, { in_app: true, email: false });
      await notify(db, { accountId: id, type: "test.reply" });
      assert.deepEqual(await delivered(id), { inApp: 1, mail: 0 });
    });

    test("one-click unsubscribe (RFC 8058) from a mail client, form-encoded or multipart", async () => {
      const { db, config } = t.app.hearth;
      for (const multipart of [false, true]) {
        const { id } = await createPerson(t.app);
        const token = unsubscribeToken(config.sessionSecret, { accountId: id, type: "test.reply" });
        const boundary = "----hearth";
        const response = await t.app.inject({
          method: "POST",
          url: `/unsubscribe?token=${encodeURIComponent(token)}`,
          headers: { "content-type": multipart ? `multipart/form-data; boundary=${boundary}` : "application/x-www-form-urlencoded" },
          payload: multipart ? `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n` : "List-Unsubscribe=One-Click",
        });
        assert.equal(response.statusCode, 200, multipart ? "multipart" : "form-encoded");
        const setting = await db.selectFrom("notification_settings").select("email").where("account_id", "=", id).executeTakeFirstOrThrow();
        assert.equal(setting.email, false);
      }
    });

    test("a member lists notifications and marks them read, one or all", async () => {
      const { db } = t.app.hearth;
      const { id } = await createPerson(t.app);
      const other = await createPerson(t.app);
      await notify(db, { accountId: id, type: "test.reply", url: "/ideas/3" });
      await notify(db, { accountId: id, type: "test.quiet" });
      await notify(db, { accountId: other.id, type: "test.quiet" });
      const me = await visitor(t.app, id);

      const list = await me.get("/notifications");
      assert.equal(list.statusCode, 200);
      assert.equal((list.body.match(/notification--unread/g) ?? []).length, 2);
      assert.match(list.body, /href="\/ideas\/3"/);

      const [first] = await db.selectFrom("notifications").select("id").where("account_id", "=", id).orderBy("id").execute();
      assert.ok(first);
      assert.equal((await me.post(`/notifications/${first.id}/read`)).statusCode, 303);
      assert.equal(((await me.get("/notifications")).body.match(/notification--unread/g) ?? []).length, 1);

      const theirs = await db.selectFrom("notifications").select("id").where("account_id", "=", other.id).executeTakeFirstOrThrow();
      assert.equal((await me.post(`/notifications/${theirs.id}/read`)).statusCode, 404);

      assert.equal((await me.post("/notifications/read-all")).statusCode, 303);
      assert.equal(((await me.get("/notifications")).body.match(/notification--unread/g) ?? []).length, 0);
      const stillUnread = await db.selectFrom("notifications").select("read_at").where("id", "=", theirs.id).executeTakeFirstOrThrow();
      assert.equal(stillUnread.read_at, null);
      assert.equal((await t.app.inject({ url: "/notifications" })).statusCode, 303);
    });

    test("garbage sent to the notification routes is answered without a server error", async () => {
      const me = await visitor(t.app, (await createPerson(t.app)).id);
      const attempts: Array<{ method: "GET" | "POST"; url: string; type?: string; payload?: string }> = [
        { method: "GET", url: "/notifications?page=0" },
        { method: "GET", url: "/notifications?page=99999999999999999999" },
        { method: "GET", url: "/unsubscribe?token=%00" },
        { method: "GET", url: "/unsubscribe" },
        { method: "POST", url: "/notifications/99999999999999999999/read" },
        { method: "POST", url: "/notifications/abc/read" },
        { method: "POST", url: "/account/notifications", type: "application/json", payload: JSON.stringify({ "test.reply:inApp": true }) },
        { method: "POST", url: "/account/notifications", type: "application/x-www-form-urlencoded", payload: "%00=%00" },
        { method: "POST", url: "/unsubscribe?token=%00", type: "application/json", payload: "[]" },
        { method: "POST", url: "/unsubscribe", type: "application/json", payload: JSON.stringify({ token: "a\u0000.b" }) },
        { method: "POST", url: "/unsubscribe", type: "application/x-www-form-urlencoded", payload: "List-Unsubscribe=Two-Clicks" },
      ];
      for (const attempt of attempts) {
        const response = await t.app.inject({
          method: attempt.method,
          url: attempt.url,
          headers: { cookie: me.cookie, "x-csrf-token": me.csrf, ...(attempt.type ? { "content-type": attempt.type } : {}) },
          ...(attempt.payload !== undefined ? { payload: attempt.payload } : {}),
        });
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${attempt.method} ${attempt.url} answered ${response.statusCode}`);
      }
    });

    test("the settings form saves a choice per type and channel", async () => {
      const { db } = t.app.hearth;
      const { id } = await createPerson(t.app);
      const me = await visitor(t.app, id);
      const page = await me.get("/account/notifications");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="test\.reply:email" checked/);
      assert.doesNotMatch(page.body, /name="test\.quiet:email"/);

      const saved = await me.post("/account/notifications", { "test.reply:inApp": "on", "test.quiet:inApp": "on" });
      assert.equal(saved.statusCode, 303);
      const rows = await db.selectFrom("notification_settings").select(["type", "in_app", "email"]).where("account_id", "=", id).where("type", "like", "test.%").orderBy("type").execute();
      assert.deepEqual(rows, [
        { type: "test.quiet", in_app: true, email: false },
        { type: "test.reply", in_app: true, email: false },
      ]);
      assert.equal((await me.post("/account/notifications", { "test.reply:sms": "on" })).statusCode, 400);
    });
  });
}
