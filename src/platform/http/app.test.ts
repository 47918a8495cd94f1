import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient } from "../../../test/helpers/session.ts";

for (const kind of DATABASE_KINDS) {
  describe(`app basics (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => {
      await t.close();
    });

    test("the home page renders with the document language and direction", async () => {
      const response = await t.app.inject({ url: "/", headers: { "accept-language": "he" } });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<html lang="he" dir="rtl">/);
    });

    test("the header lists the main places in the bar and the rest under a More disclosure, marking where the visitor is", async () => {
      const response = await t.app.inject({ url: "/creations", headers: { "accept-language": "en" } });
      const header = /<header class="site-header">[\s\S]*<\/header>/.exec(response.body)?.[0] ?? "";
      const more = /<li class="site-nav__more">[\s\S]*?<\/details>/.exec(header)?.[0] ?? "";
      assert.match(header, /<a href="\/ideas"[^>]*>Ideas<\/a>/);
      assert.doesNotMatch(more, /href="\/ideas"/);
      assert.match(more, /<summary class="site-nav__more-toggle site-nav__more-toggle--here">More<\/summary>/);
      assert.match(more, /<a href="\/creations" aria-current="page">Creations<\/a>/);
      assert.match(more, /<a href="\/products">Products<\/a>/);
    });

    test("every answer carries the security headers, errors included: pages the page set, the API its own", async () => {
      for (const url of ["/", "/no/such/page"]) {
        const response = await t.app.inject({ url });
        assert.match(String(response.headers["content-security-policy"]), /default-src 'self'.*script-src 'self'/);
        assert.equal(response.headers["x-content-type-options"], "nosniff");
        assert.equal(response.headers["x-frame-options"], "SAMEORIGIN");
      }
      for (const url of ["/api/v1/me", "/api/v1/no-such-thing"]) {
        const response = await t.app.inject({ url });
        assert.equal(response.headers["content-security-policy"], "default-src 'none'; frame-ancestors 'none'", url);
        assert.equal(response.headers["x-content-type-options"], "nosniff");
        assert.equal(response.headers["x-frame-options"], "DENY");
        assert.equal(response.headers["cache-control"], "no-store");
      }
    });

    test("readyz reports the database and no pending migrations", async () => {
      const response = await t.app.inject({ url: "/readyz" });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: "ready", database: true, pendingMigrations: [] });
    });

    test("anonymous visitors get the home page from a short cache, per language; members never do", async () => {
      const first = await t.app.inject({ url: "/?cache-test=1", headers: { "accept-language": "fa" } });
      const second = await t.app.inject({ url: "/?cache-test=1", headers: { "accept-language": "fa" } });
      const english = await t.app.inject({ url: "/?cache-test=1", headers: { "accept-language": "en" } });
      assert.equal(first.headers["x-cache"], undefined);
      assert.equal(first.headers["set-cookie"], undefined, "an anonymous page sets no cookie");
      assert.equal(second.headers["x-cache"], "hit");
      assert.equal(second.body, first.body);
      assert.equal(english.headers["x-cache"], undefined);
      assert.match(english.body, /<html lang="en"/);
      const member = await signedInClient(t.app);
      const signedIn = await t.app.inject({ url: "/?cache-test=1", headers: { cookie: member.cookie, "accept-language": "fa" } });
      assert.equal(signedIn.headers["x-cache"], undefined);
      assert.match(signedIn.body, /Test User/);
    });

    test("cached pages go compressed to browsers that accept it, and plain to those that do not", async () => {
      const plain = await t.app.inject({ url: "/?cache-test=2" });
      const brotli = await t.app.inject({ url: "/?cache-test=2", headers: { "accept-encoding": "gzip, deflate, br" } });
      const gzip = await t.app.inject({ url: "/?cache-test=2", headers: { "accept-encoding": "gzip;q=1.0, br;q=0" } });
      const none = await t.app.inject({ url: "/?cache-test=2", headers: { "accept-encoding": "identity" } });
      assert.equal(brotli.headers["content-encoding"], "br");
      assert.equal(brotliDecompressSync(brotli.rawPayload).toString(), plain.body);
      assert.ok(brotli.rawPayload.length < plain.rawPayload.length / 2, "the compressed page is much smaller");
      assert.equal(gzip.headers["content-encoding"], "gzip", "br;q=0 refuses brotli");
      assert.equal(gunzipSync(gzip.rawPayload).toString(), plain.body);
      assert.equal(none.headers["content-encoding"], undefined);
      assert.equal(none.body, plain.body);
      assert.match(String(brotli.headers.vary), /Accept-Encoding/);
    });

    test("the language links set the language and come back to the page", async () => {
      const response = await t.app.inject({ url: "/locale/he?returnTo=%2Fsome%2Fpage%3Fx%3D1" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/some/page?x=1");
      assert.match(String(response.headers["set-cookie"]), /hearth_locale=he/);
      const offsite = await t.app.inject({ url: "/locale/he?returnTo=%2F%2Fevil.example" });
      assert.equal(offsite.headers.location, "/");
      const persian = await t.app.inject({ url: "/locale/fa?returnTo=%2Fsearch%3Fq%3D%D8%B2%D9%88%D8%AF%D9%BE%D8%B2" });
      assert.equal(persian.statusCode, 303, "a path with Persian letters is sent back encoded, not refused with a server error");
      assert.equal(persian.headers.location, "/search?q=%D8%B2%D9%88%D8%AF%D9%BE%D8%B2");
      const tabbed = await t.app.inject({ url: "/locale/he?returnTo=%2F%09%2Fevil.example" });
      assert.equal(tabbed.headers.location, "/", "a tab cannot make the path another site");
      const unknown = await t.app.inject({ url: "/locale/xx" });
      assert.equal(unknown.statusCode, 400);
    });

    test("an unknown route is a localized 404 page", async () => {
      const response = await t.app.inject({ url: "/no/such/page", headers: { "accept-language": "fa" } });
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /صفحه پیدا نشد/);
    });
  });
}
