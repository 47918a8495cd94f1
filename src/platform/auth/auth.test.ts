/**
 * Sign-up with email verification, password sign-in and its limits, CSRF on the sign-in form,
 * safe return addresses, sign-out — on both databases.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { Browser, linkIn, mailsTo, signIn, signUp } from "../../../test/helpers/http.ts";
import { runDueJobs } from "../jobs/index.ts";
import { createAccount } from "./accounts.ts";
import { sha256 } from "./crypto.ts";
import { SESSION_COOKIE } from "./sessions.ts";

const JSON_ACCEPT = { accept: "application/json" };

for (const kind of DATABASE_KINDS) {
  describe(`sign-up and sign-in (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    test("sign-up signs the member in and queues a verification mail whose link verifies the address once", async () => {
      const { browser, email, response } = await signUp(t.app, { name: "Roya Karimi" });
      assert.equal(response.headers.location, "/");
      assert.ok(browser.hasSession);
      const home = await browser.get("/");
      assert.match(home.body, /open its link to confirm your address/);

      const [mail, ...others] = await mailsTo(t.app.hearth.db, email, "verify");
      assert.ok(mail, "a verification mail is in the outbox");
      assert.equal(others.length, 0);
      assert.equal(mail.status, "queued");
      assert.match(mail.subject, /Confirm your email address/);
      const link = linkIn(mail.text_body, "/verify-email");
      assert.ok(mail.html_body.includes(`${t.config.baseUrl}${link}`.replace(/&/g, "&amp;")), "the HTML part links to the same absolute address");
      const token = new URL(link, t.config.baseUrl).searchParams.get("token") ?? "";
      const stored = await t.app.hearth.db.selectFrom("email_tokens").select(["id", "purpose", "expires_at", "created_at"]).where("account_id", "=", Number(mail.account_id)).execute();
      assert.deepEqual(
        stored.map((row) => [row.id, row.purpose]),
        [[sha256(token), "verify"]],
        "only the token's hash is stored",
      );
      assert.equal(stored[0] && stored[0].expires_at.getTime() - stored[0].created_at.getTime(), 48 * 3600_000);

      const before = await browser.get("/account");
      assert.match(before.body, /not confirmed yet/);
      const followed = await browser.get(link);
      assert.equal(followed.statusCode, 303);
      assert.equal(followed.headers.location, "/account");
      const account = await t.app.hearth.db.selectFrom("accounts").select("email_verified_at").where("email", "=", email).executeTakeFirstOrThrow();
      assert.ok(account.email_verified_at);
      assert.match((await browser.get("/account")).body, /Your email address is confirmed/);
      assert.equal((await browser.get(link)).statusCode, 400, "the link works once");
    });

    test("the verification mail is written in the language the member chose", async () => {
      const { email } = await signUp(t.app, { locale: "fa" });
      const [mail] = await mailsTo(t.app.hearth.db, email, "verify");
      assert.equal(mail?.subject, "نشانی ایمیل خود را تأیید کنید");
      assert.match(mail?.html_body ?? "", /<html lang="fa" dir="rtl">/);
      assert.match(mail?.text_body ?? "", /۴۸ ساعت/);
    });

    test("a verified member can ask for a new verification link only while unverified", async () => {
      const { browser, email } = await signUp(t.app);
      const resent = await browser.post("/verify-email/resend");
      assert.equal(resent.statusCode, 303);
      const mails = await mailsTo(t.app.hearth.db, email, "verify");
      assert.equal(mails.length, 2);
      assert.equal((await browser.get(linkIn(mails[1]?.text_body ?? "", "/verify-email"))).statusCode, 303);
      await browser.post("/verify-email/resend");
      assert.equal((await mailsTo(t.app.hearth.db, email, "verify")).length, 2);
    });

    test("sign-up shows the form again with inline errors for a short password or a taken email", async () => {
      const short = await new Browser(t.app).post("/sign-up", { name: "Dan", email: "dan@example.test", password: "short" });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /Must be at least 10 characters/);
      assert.match(short.body, /value="dan@example.test"/, "what was typed is kept");
      assert.doesNotMatch(short.body, /value="short"/, "the password is not sent back");

      const { email } = await signUp(t.app);
      const taken = await new Browser(t.app).post("/sign-up", { name: "Someone", email: email.toUpperCase(), password: "another long password" });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /already exists/);
    });

    test("sign-in: the right password starts a 30-day httpOnly, SameSite=Lax session; wrong password and unknown email get the same answer", async () => {
      await createAccount(t.app.hearth.db, { email: "noa@example.test", name: "Noa", password: "noa's long password" });
      const wrong = await signIn(t.app, "noa@example.test", "not the password");
      const unknown = await signIn(t.app, "nobody@example.test", "not the password");
      assert.equal(wrong.response.statusCode, 401);
      assert.equal(unknown.response.statusCode, 401);
      assert.match(wrong.response.body, /The email address or password is not correct/);
      const message = (body: string) => /<div class="alert alert--error"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1];
      assert.equal(message(wrong.response.body), message(unknown.response.body));
      assert.equal(wrong.browser.hasSession, false);

      const right = await signIn(t.app, "NOA@example.test", "noa's long password");
      assert.equal(right.response.statusCode, 303);
      assert.equal(right.response.headers.location, "/");
      const cookie = right.response.cookies.find((item) => item.name === SESSION_COOKIE);
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      assert.equal(cookie.path, "/");
      assert.equal(cookie.maxAge, 30 * 86_400);
      assert.notEqual(cookie.secure, true, "plain http in tests");
      const me = await right.browser.get("/api/v1/me");
      assert.equal(me.json().email, "noa@example.test");
    });

    test("returnTo is followed only to local paths", async () => {
      await createAccount(t.app.hearth.db, { email: "ari@example.test", name: "Ari", password: "ari's long password" });
      for (const [returnTo, expected] of [
        ["//evil.com", "/"],
        ["https://evil.com/", "/"],
        ["/\\evil.com", "/"],
        ["/account", "/account"],
      ] as const) {
        const { response } = await signIn(t.app, "ari@example.test", "ari's long password", { returnTo });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, expected, returnTo);
      }
      const page = await t.app.inject({ url: "/sign-in?returnTo=//evil.com" });
      assert.match(page.body, /name="returnTo" value="\/"/);
      // The address may appear URL-encoded inside this page's own language links, never as a target.
      assert.doesNotMatch(page.body, /(href|value|action)="[^"]*\/\/evil\.com/);
    });

    test("the 11th wrong password within a minute is refused with 429 without checking it, even when it is right", async () => {
      await createAccount(t.app.hearth.db, { email: "lea@example.test", name: "Lea", password: "lea's long password" });
      const browser = new Browser(t.app);
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const { response } = await signIn(t.app, "lea@example.test", `wrong ${attempt}`, { browser });
        assert.equal(response.statusCode, 401, `attempt ${attempt}`);
      }
      const eleventh = await browser.post("/sign-in", { email: "lea@example.test", password: "wrong again" }, { headers: JSON_ACCEPT });
      assert.equal(eleventh.statusCode, 429);
      assert.equal(eleventh.json().error.code, "rate_limited");
      assert.ok(Number(eleventh.headers["retry-after"]) > 0);
      const right = await signIn(t.app, "lea@example.test", "lea's long password");
      assert.equal(right.response.statusCode, 429, "a right password is refused too, from another address");
      assert.equal(right.browser.hasSession, false);
      const failures = await t.app.hearth.db.selectFrom("login_failures").select("id").where("email", "=", "lea@example.test").execute();
      assert.equal(failures.length, 10, "refused attempts are not checked, so not counted");
    });

    test("the per-account limit lifts once the failures are a minute old", async () => {
      await createAccount(t.app.hearth.db, { email: "omid@example.test", name: "Omid", password: "omid's long password" });
      const old = new Date(Date.now() - 61_000);
      await t.app.hearth.db
        .insertInto("login_failures")
        .values(Array.from({ length: 10 }, () => ({ email: "omid@example.test", ip: null, failed_at: old })))
        .execute();
      const { response } = await signIn(t.app, "omid@example.test", "omid's long password");
      assert.equal(response.statusCode, 303);
    });

    test("one address gets at most 30 account-form posts a minute", async () => {
      const browser = new Browser(t.app);
      for (let attempt = 1; attempt <= 30; attempt += 1) {
        const response = await browser.post("/reset-password", { email: `unknown${attempt}@example.test` });
        assert.equal(response.statusCode, 303, `attempt ${attempt}`);
      }
      const refused = await browser.post("/reset-password", { email: "unknown@example.test" }, { headers: JSON_ACCEPT });
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.code, "rate_limited");
      const elsewhere = await new Browser(t.app).post("/reset-password", { email: "unknown@example.test" });
      assert.equal(elsewhere.statusCode, 303, "other addresses are not affected");
    });

    test("POST /sign-in without a CSRF token, or with a wrong one, is refused with 403 csrf_failed", async () => {
      await createAccount(t.app.hearth.db, { email: "kian@example.test", name: "Kian", password: "kian's long password" });
      const browser = new Browser(t.app);
      await browser.csrfToken();
      const fields = { email: "kian@example.test", password: "kian's long password" };
      for (const csrf of [false, "forged-token"] as const) {
        const response = await browser.post("/sign-in", fields, { csrf, headers: JSON_ACCEPT });
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().error.code, "csrf_failed");
      }
      const noCookie = await t.app.inject({
        method: "POST",
        url: "/sign-in",
        headers: { "content-type": "application/x-www-form-urlencoded", ...JSON_ACCEPT },
        payload: new URLSearchParams({ ...fields, _csrf: await browser.csrfToken() }).toString(),
      });
      assert.equal(noCookie.statusCode, 403, "a token without its cookie is refused");
      assert.equal(browser.hasSession, false);
      assert.equal((await browser.post("/sign-in", fields)).statusCode, 303);
    });

    test("suspended and deleted accounts cannot sign in", async () => {
      const db = t.app.hearth.db;
      const suspended = await createAccount(db, { email: "sus@example.test", name: "Sus", password: "sus's long password" });
      const deleted = await createAccount(db, { email: "del@example.test", name: "Del", password: "del's long password" });
      await db.updateTable("accounts").set({ suspended_until: new Date(Date.now() + 86_400_000) }).where("id", "=", suspended).execute();
      await db.updateTable("accounts").set({ deleted_at: new Date() }).where("id", "=", deleted).execute();
      const refused = await signIn(t.app, "sus@example.test", "sus's long password");
      assert.equal(refused.response.statusCode, 403);
      assert.match(refused.response.body, /suspended/);
      const gone = await signIn(t.app, "del@example.test", "del's long password");
      assert.equal(gone.response.statusCode, 401);
      assert.equal(refused.browser.hasSession || gone.browser.hasSession, false);
    });

    test("a background job clears old sign-in failures, expired sessions and long-expired emailed links", async () => {
      const db = t.app.hearth.db;
      const accountId = await createAccount(db, { email: "tidy@example.test", name: "Tidy", password: "tidy's long password" });
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
      await db.insertInto("login_failures").values({ email: "old@example.test", ip: null, failed_at: daysAgo(2) }).execute();
      await db.insertInto("sessions").values({ id: "expired-session", account_id: accountId, expires_at: daysAgo(1) }).execute();
      await db.insertInto("email_tokens").values({ id: "expired-link", account_id: accountId, purpose: "magic", expires_at: daysAgo(2) }).execute();
      await signIn(t.app, "tidy@example.test", "a wrong password");
      await runDueJobs(t.app.hearth, t.app.log, { now: new Date(Date.now() + 120_000) });
      const failures = await db.selectFrom("login_failures").select("email").where("email", "in", ["old@example.test", "tidy@example.test"]).execute();
      assert.deepEqual(failures, [{ email: "tidy@example.test" }], "today's failure stays");
      assert.equal(await db.selectFrom("sessions").select("id").where("id", "=", "expired-session").executeTakeFirst(), undefined);
      assert.equal(await db.selectFrom("email_tokens").select("id").where("id", "=", "expired-link").executeTakeFirst(), undefined);
    });

    test("signing out ends the session on the server", async () => {
      const { browser } = await signUp(t.app);
      const token = browser.jar.get(SESSION_COOKIE) ?? "";
      const out = await browser.post("/sign-out");
      assert.equal(out.statusCode, 303);
      assert.equal(browser.hasSession, false);
      const row = await t.app.hearth.db.selectFrom("sessions").select("id").where("id", "=", sha256(token)).executeTakeFirst();
      assert.equal(row, undefined);
      const replayed = await t.app.inject({ url: "/account", headers: { cookie: `${SESSION_COOKIE}=${token}` } });
      assert.equal(replayed.statusCode, 303, "the old cookie no longer signs in");
    });
  });
}
