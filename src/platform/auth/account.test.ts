/** The account page (sessions, name and language, password), API tokens and GET /api/v1/me, on both databases. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { Browser, signIn, signUp } from "../../../test/helpers/http.ts";
import { grantRole } from "./accounts.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** Creates a token on the tokens page; returns it as the page shows it. */
async function createToken(browser: Browser, name: string, scopes: string[]): Promise<string> {
  const response = await browser.post("/account/tokens", { name, scopes });
  assert.equal(response.statusCode, 201);
  assert.equal(response.headers["cache-control"], "no-store");
  const token = /<code class="token"[^>]*>(hth_[\w-]+)<\/code>/.exec(response.body)?.[1];
  assert.ok(token, "the new token is shown");
  return token;
}

for (const kind of DATABASE_KINDS) {
  describe(`account page and API tokens (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    test("the account page lists where the member is signed in, and signing out everywhere ends every session", async () => {
      const { browser, email, password } = await signUp(t.app);
      const other = new Browser(t.app, "192.0.2.7");
      await other.post("/sign-in", { email, password }, { headers: { "user-agent": FIREFOX } });
      const page = await browser.get("/account");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Where you are signed in/);
      assert.match(page.body, /Firefox · Linux/);
      assert.match(page.body, /192\.0\.2\.7/);
      assert.equal(page.body.match(/this device/g)?.length, 1, "the current session is marked");

      const revoked = await browser.post("/account/sessions/revoke-all");
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, "/sign-in");
      assert.equal(browser.hasSession, false);
      assert.equal((await other.get("/account")).statusCode, 303, "the other device is signed out too");
      const left = await t.app.hearth.db.selectFrom("sessions").innerJoin("accounts", "accounts.id", "sessions.account_id").select("sessions.id").where("accounts.email", "=", email).execute();
      assert.equal(left.length, 0);
    });

    test("the account page needs a signed-in browser", async () => {
      const anonymous = await t.app.inject({ url: "/account" });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, "/sign-in?returnTo=%2Faccount");
    });

    test("name and language can be changed; the pages then speak the member's language", async () => {
      const { browser } = await signUp(t.app, { locale: "en" });
      const invalid = await browser.post("/account/profile", { name: "", locale: "fa" });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /This field is required/);
      const saved = await browser.post("/account/profile", { name: "Shirin Ahmadi", locale: "fa" });
      assert.equal(saved.statusCode, 303);
      const page = await browser.get("/account", { "accept-language": "en" });
      assert.match(page.body, /<html lang="fa" dir="rtl">/);
      assert.match(page.body, /value="Shirin Ahmadi"/);
      assert.match(page.body, /تغییرات شما ذخیره شد/);
      const me = (await browser.get("/api/v1/me")).json();
      assert.equal(me.name, "Shirin Ahmadi");
      assert.equal(me.locale, "fa");
    });

    test("changing the password needs the current one and signs out the other devices", async () => {
      const { browser, email, password } = await signUp(t.app);
      const other = (await signIn(t.app, email, password)).browser;
      const wrong = await browser.post("/account/password", { currentPassword: "not my password", newPassword: "my next long password" });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Your current password is not correct/);
      const changed = await browser.post("/account/password", { currentPassword: password, newPassword: "my next long password" });
      assert.equal(changed.statusCode, 303);
      assert.equal((await browser.get("/account")).statusCode, 200, "this browser stays signed in");
      assert.equal((await other.get("/account")).statusCode, 303, "the other device is signed out");
      assert.equal((await signIn(t.app, email, "my next long password")).response.statusCode, 303);
    });

    test("GET /api/v1/me describes the member, by session or by API token", async () => {
      const { browser, email } = await signUp(t.app, { name: "Tal Levi" });
      const me = (await browser.get("/api/v1/me")).json();
      assert.deepEqual(Object.keys(me).sort(), ["email", "emailVerified", "id", "locale", "name", "roles"]);
      assert.equal(me.email, email);
      assert.equal(me.name, "Tal Levi");
      assert.equal(me.emailVerified, false);
      assert.deepEqual(me.roles, [{ role: "member", scope: "*" }]);
      await grantRole(t.app.hearth.db, me.id, "moderator", { scope: "category:7" });
      const token = await createToken(browser, "reporting", ["read"]);
      const byToken = await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
      assert.equal(byToken.statusCode, 200);
      assert.deepEqual(
        byToken.json().roles.sort((a: { role: string }, b: { role: string }) => a.role.localeCompare(b.role)),
        [
          { role: "member", scope: "*" },
          { role: "moderator", scope: "category:7" },
        ],
      );
      const anonymous = await t.app.inject({ url: "/api/v1/me" });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, "unauthorized");
    });

    test("tokens: shown once, work as Bearer tokens, need the right scope, stop working when revoked", async () => {
      const { browser } = await signUp(t.app);
      const reader = await createToken(browser, "reader", ["read"]);
      const writer = await createToken(browser, "writer", ["write"]);
      const list = await browser.get("/account/tokens");
      assert.match(list.body, /reader/);
      assert.equal(list.body.includes(reader), false, "the token is not shown again");

      const call = (token: string) => t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
      assert.equal((await call(reader)).statusCode, 200);
      const unscoped = await call(writer);
      assert.equal(unscoped.statusCode, 403);
      assert.equal(unscoped.json().error.code, "insufficient_scope");

      const row = await t.app.hearth.db.selectFrom("api_tokens").select(["id", "token_hash"]).where("name", "=", "reader").executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, reader, "only the token's hash is stored");
      assert.equal((await browser.post(`/account/tokens/${row.id}/revoke`)).statusCode, 303);
      const revoked = await call(reader);
      assert.equal(revoked.statusCode, 401);
      assert.equal(revoked.json().error.code, "invalid_token");
      assert.match((await browser.get("/account/tokens")).body, /Revoked on/);
    });

    test("tokens need a name and known scopes, and only their owner can revoke them", async () => {
      const { browser } = await signUp(t.app);
      const none = await browser.post("/account/tokens", { name: "nothing" });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose at least one scope/);
      const unknown = await browser.post("/account/tokens", { name: "odd", scopes: ["read", "root"] });
      assert.equal(unknown.statusCode, 400);
      await createToken(browser, "mine", ["read", "write"]);
      const row = await t.app.hearth.db.selectFrom("api_tokens").select("id").where("name", "=", "mine").executeTakeFirstOrThrow();
      const stranger = (await signUp(t.app)).browser;
      assert.equal((await stranger.post(`/account/tokens/${row.id}/revoke`)).statusCode, 404);
    });

    test("an API token cannot manage the account: the account pages need a browser session", async () => {
      const { browser } = await signUp(t.app);
      const token = await createToken(browser, "powerful", ["read", "write"]);
      const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
      const page = await t.app.inject({ url: "/account/tokens", headers });
      assert.equal(page.statusCode, 403);
      const minted = await t.app.inject({ method: "POST", url: "/account/tokens", headers: { ...headers, "content-type": "application/json" }, payload: JSON.stringify({ name: "more", scopes: ["write"] }) });
      assert.equal(minted.statusCode, 403);
    });

    test("GET /api/v1/me is in the OpenAPI document under the accounts tag", async () => {
      const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
      const operation = document.paths["/api/v1/me"]?.get;
      assert.ok(operation);
      assert.deepEqual(operation.tags, ["accounts"]);
      assert.ok(operation.responses["200"].content["application/json"].schema.properties.emailVerified);
    });
  });
}
