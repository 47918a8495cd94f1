import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";

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

    test("readyz reports the database and no pending migrations", async () => {
      const response = await t.app.inject({ url: "/readyz" });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: "ready", database: true, pendingMigrations: [] });
    });

    test("an unknown route is a localized 404 page", async () => {
      const response = await t.app.inject({ url: "/no/such/page", headers: { "accept-language": "fa" } });
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /صفحه پیدا نشد/);
    });
  });
}
