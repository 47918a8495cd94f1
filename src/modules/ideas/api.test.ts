/** The ideas JSON API as integrators use it, on both databases. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { apiToken } from "../../../test/helpers/session.ts";
import { writeSetting } from "../../platform/settings/index.ts";
import { ideasSettings } from "./settings.ts";

for (const kind of DATABASE_KINDS) {
  describe(`ideas API (${kind})`, () => {
    let t: TestApp;
    let creator: string;
    let fan: string;
    let moderator: string;
    let ideaId: number;

    const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, token?: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

    before(async () => {
      t = await startTestApp(kind);
      await writeSetting(t.app.hearth.db, ideasSettings, { ...ideasSettings.defaults, trustBar: { minAccountAgeHours: 0, requireVerifiedEmail: true } }, null);
      creator = (await apiToken(t.app, [], ["read", "write"])).token;
      fan = (await apiToken(t.app, [], ["read", "write"])).token;
      moderator = (await apiToken(t.app, ["moderator"], ["read", "write"])).token;
      const created = await call("POST", "/api/v1/ideas", creator, { title: "Stackable spice jars", body: "Jars that stack and show their label from above.", language: "en", acceptLicence: true });
      assert.equal(created.statusCode, 201);
      ideaId = created.json().id;
      assert.equal(created.json().state, "in_moderation");
      assert.equal((await call("POST", `/api/v1/ideas/${ideaId}/moderation`, moderator, { decision: "approve" })).statusCode, 200);
    });
    after(async () => {
      await t.close();
    });

    test("an idea in JSON has its state, supporters and next milestone", async () => {
      const response = await call("GET", `/api/v1/ideas/${ideaId}`);
      assert.equal(response.statusCode, 200);
      const idea = response.json();
      assert.equal(idea.id, ideaId);
      assert.equal(idea.state, "open");
      assert.deepEqual(idea.supporters, { verified: 0, pending: 0 });
      assert.equal(idea.nextMilestone.target, 100);
      assert.ok(Date.parse(idea.nextMilestone.deadline) > Date.now());
      assert.equal(idea.url, `/ideas/${ideaId}`);
    });

    test("the list answers items and a cursor, and filters by state", async () => {
      const response = await call("GET", "/api/v1/ideas?state=open&limit=1");
      assert.equal(response.statusCode, 200);
      const page = response.json();
      assert.equal(page.items.length, 1);
      assert.ok("next" in page);
      assert.equal((await call("GET", "/api/v1/ideas?state=nonsense")).statusCode, 400);
      assert.equal((await call("GET", "/api/v1/ideas?cursor=%%%")).statusCode, 400);
    });

    test("support and withdraw are idempotent and answer the new counts", async () => {
      const first = await call("PUT", `/api/v1/ideas/${ideaId}/support`, fan, { wouldBuy: "yes", quantity: 2 });
      assert.equal(first.statusCode, 200);
      assert.deepEqual(first.json(), { supported: true, status: "verified", supporters: { verified: 1, pending: 0 } });
      const again = await call("PUT", `/api/v1/ideas/${ideaId}/support`, fan, {});
      assert.deepEqual(again.json().supporters, { verified: 1, pending: 0 });
      const withdrawn = await call("DELETE", `/api/v1/ideas/${ideaId}/support`, fan);
      assert.deepEqual(withdrawn.json(), { supported: false, status: null, supporters: { verified: 0, pending: 0 } });
      const twice = await call("DELETE", `/api/v1/ideas/${ideaId}/support`, fan);
      assert.deepEqual(twice.json().supporters, { verified: 0, pending: 0 });
    });

    test("bad support requests are refused with a clear 4xx and change nothing", async () => {
      for (const body of [{ quantity: 50 }, { quantity: 0 }, { quantity: "3" }, { wouldBuy: "definitely" }, { priceBand: "free" }, { extra: true }]) {
        const response = await call("PUT", `/api/v1/ideas/${ideaId}/support`, fan, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(response.json().error.code, "validation_failed");
      }
      const own = await call("PUT", `/api/v1/ideas/${ideaId}/support`, creator, {});
      assert.equal(own.statusCode, 409);
      assert.equal(own.json().error.code, "support_own_idea");
      assert.equal((await call("PUT", "/api/v1/ideas/999999/support", fan, {})).statusCode, 404);
      assert.equal((await call("PUT", `/api/v1/ideas/${ideaId}/support`, undefined, {})).statusCode, 401);
      const idea = (await call("GET", `/api/v1/ideas/${ideaId}`)).json();
      assert.deepEqual(idea.supporters, { verified: 0, pending: 0 });
    });

    test("a member cannot moderate, review or merge", async () => {
      assert.equal((await call("POST", `/api/v1/ideas/${ideaId}/moderation`, fan, { decision: "reject", note: "no" })).statusCode, 403);
      assert.equal((await call("POST", `/api/v1/ideas/${ideaId}/decision`, fan, { decision: "approved" })).statusCode, 403);
      assert.equal((await call("POST", `/api/v1/ideas/${ideaId}/merge`, fan, { into: 1 })).statusCode, 403);
    });

    test("the OpenAPI document describes the ideas endpoints", async () => {
      const document = (await call("GET", "/api/openapi.json")).json();
      for (const path of ["/api/v1/ideas", "/api/v1/ideas/{id}", "/api/v1/ideas/{id}/support", "/api/v1/ideas/{id}/moderation", "/api/v1/ideas/{id}/decision", "/api/v1/ideas/{id}/merge"]) {
        assert.ok(document.paths[path], path);
      }
      assert.ok(document.paths["/api/v1/ideas/{id}/support"].put);
      assert.ok(document.paths["/api/v1/ideas/{id}/support"].delete);
    });
  });
}
