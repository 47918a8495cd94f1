/** Sign-in by emailed link and password reset, on both databases. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { Browser, linkIn, mailsTo, signIn, signUp } from "../../../test/helpers/http.ts";
import { createAccount } from "./accounts.ts";
import { sha256 } from "./crypto.ts";

function tokenOf(link: string): string {
  return new URL(link, "http://localhost").searchParams.get("token") ?? "";
}

for (const kind of DATABASE_KINDS) {
  describe(`emailed sign-in links and password reset (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    async function magicLinkFor(email: string): Promise<string> {
      const response = await new Browser(t.app).post("/sign-in/magic", { email });
      assert.equal(response.statusCode, 303);
      const mails = await mailsTo(t.app.hearth.db, email, "magic");
      return linkIn(mails.at(-1)?.text_body ?? "", "/sign-in/magic");
    }

    test("a sign-in link signs in once, after a click on the page it opens, and verifies the address", async () => {
      await createAccount(t.app.hearth.db, { email: "mina@example.test", name: "Mina" });
      const link = await magicLinkFor("mina@example.test");
      const browser = new Browser(t.app);
      const page = await browser.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Finish signing in/);
      assert.equal(browser.hasSession, false, "opening the link alone does not sign in (mail scanners open links)");
      assert.equal((await browser.get(link)).statusCode, 200, "opening it does not use it up");

      const confirmed = await browser.post("/sign-in/magic/confirm", { token: tokenOf(link) });
      assert.equal(confirmed.statusCode, 303);
      assert.ok(browser.hasSession);
      const me = (await browser.get("/api/v1/me")).json();
      assert.equal(me.email, "mina@example.test");
      assert.equal(me.emailVerified, true);

      const again = new Browser(t.app);
      assert.equal((await again.get(link)).statusCode, 400);
      assert.equal((await again.post("/sign-in/magic/confirm", { token: tokenOf(link) })).statusCode, 400);
      assert.equal(again.hasSession, false);
    });

    test("a sign-in link expires after 15 minutes", async () => {
      await createAccount(t.app.hearth.db, { email: "yael@example.test", name: "Yael" });
      const link = await magicLinkFor("yael@example.test");
      const row = await t.app.hearth.db.selectFrom("email_tokens").select(["created_at", "expires_at"]).where("id", "=", sha256(tokenOf(link))).executeTakeFirstOrThrow();
      assert.equal(row.expires_at.getTime() - row.created_at.getTime(), 15 * 60_000);
      await t.app.hearth.db
        .updateTable("email_tokens")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", sha256(tokenOf(link)))
        .execute();
      const browser = new Browser(t.app);
      const page = await browser.get(link);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /expired or has already been used/);
      assert.equal((await browser.post("/sign-in/magic/confirm", { token: tokenOf(link) })).statusCode, 400);
      assert.equal(browser.hasSession, false);
    });

    test("asking for a link answers the same whether or not the email has an account", async () => {
      await createAccount(t.app.hearth.db, { email: "known@example.test", name: "Known" });
      for (const url of ["/sign-in/magic", "/reset-password"]) {
        const known = new Browser(t.app);
        const unknown = new Browser(t.app);
        const a = await known.post(url, { email: "known@example.test" });
        const b = await unknown.post(url, { email: "unknown@example.test" });
        assert.equal(a.statusCode, b.statusCode);
        assert.equal(a.headers.location, b.headers.location);
        const [pageA, pageB] = [await known.get(url), await unknown.get(url)];
        const flash = (body: string) => /<div class="alert alert--info"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1];
        assert.ok(flash(pageA.body));
        assert.equal(flash(pageA.body), flash(pageB.body));
      }
      assert.equal((await mailsTo(t.app.hearth.db, "unknown@example.test")).length, 0);
      assert.equal((await mailsTo(t.app.hearth.db, "known@example.test")).length, 2);
    });

    test("suspended accounts get no sign-in link", async () => {
      const id = await createAccount(t.app.hearth.db, { email: "held@example.test", name: "Held" });
      await t.app.hearth.db.updateTable("accounts").set({ suspended_until: new Date(Date.now() + 86_400_000) }).where("id", "=", id).execute();
      await new Browser(t.app).post("/sign-in/magic", { email: "held@example.test" });
      assert.equal((await mailsTo(t.app.hearth.db, "held@example.test", "magic")).length, 0);
    });

    test("a password reset sets the new password, ends every other session, and works once", async () => {
      const { email, password } = await signUp(t.app);
      const laptop = (await signIn(t.app, email, password)).browser;
      const phone = (await signIn(t.app, email, password)).browser;
      assert.equal((await laptop.get("/account")).statusCode, 200);

      const helper = new Browser(t.app);
      assert.equal((await helper.post("/reset-password", { email })).statusCode, 303);
      const [mail] = await mailsTo(t.app.hearth.db, email, "reset");
      assert.match(mail?.subject ?? "", /Reset your password/);
      const link = linkIn(mail?.text_body ?? "", "/reset-password/new");
      const form = await helper.get(link);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="token" value="/);

      const short = await helper.post("/reset-password/new", { token: tokenOf(link), password: "short" });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /Must be at least 10 characters/);

      const done = await helper.post("/reset-password/new", { token: tokenOf(link), password: "a brand new password" });
      assert.equal(done.statusCode, 303);
      assert.ok(helper.hasSession, "the browser that reset the password is signed in");
      for (const browser of [laptop, phone]) {
        const page = await browser.get("/account");
        assert.equal(page.statusCode, 303, "other sessions are ended");
        assert.match(page.headers.location ?? "", /^\/sign-in/);
      }
      assert.equal((await helper.get("/account")).statusCode, 200);
      assert.equal((await signIn(t.app, email, password)).response.statusCode, 401, "the old password no longer works");
      assert.equal((await signIn(t.app, email, "a brand new password")).response.statusCode, 303);
      assert.equal((await new Browser(t.app).post("/reset-password/new", { token: tokenOf(link), password: "yet another password" })).statusCode, 400, "the link works once");
    });
  });
}
