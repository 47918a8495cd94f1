/**
 * Every staff route — console pages and staff API, including those that modules add later — is found
 * in the app's route table by its `{ action }` access rule, and refuses anonymous visitors (401) and
 * plain members (403), while admins can open the pages.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createApiToken } from "../auth/sessions.ts";
import type { RouteInfo } from "../http/context.ts";
import { queueMail } from "../mail/index.ts";
import { createPerson, visitor, type Visitor } from "./test-support.ts";

/** A concrete address for a route pattern: each path parameter becomes `value`. */
function concrete(url: string, value: string): string {
  return url.replace(/:[A-Za-z_]\w*/g, value).replace(/\*$/, value);
}

function staffRoutes(t: TestApp): RouteInfo[] {
  return t.app.routeTable.filter((route) => typeof route.access === "object");
}

for (const kind of DATABASE_KINDS) {
  describe(`staff routes are closed to everyone else (${kind})`, () => {
    let t: TestApp;
    let member: Visitor;
    let admin: Visitor;
    let adminId: number;
    let memberToken: string;

    before(async () => {
      t = await startTestApp(kind);
      adminId = (await createPerson(t.app, { roles: ["admin"] })).id;
      const memberId = (await createPerson(t.app)).id;
      admin = await visitor(t.app, adminId);
      member = await visitor(t.app, memberId);
      memberToken = await createApiToken(t.app.hearth.db, memberId, "test", ["read", "write"]);
      await queueMail(t.app.hearth.db, { to: "someone@example.test", kind: "test", subject: "Hello", text: "Hello", html: "<p>Hello</p>" });
    });
    after(async () => {
      await t.close();
    });

    test("the route table holds the console pages and the staff API", () => {
      const listed = new Set(staffRoutes(t).map((route) => `${route.method} ${route.url}`));
      for (const expected of [
        "GET /console",
        "GET /console/audit",
        "GET /console/mail",
        "GET /console/mail/:id",
        "POST /console/mail/:id/retry",
        "GET /console/jobs",
        "GET /console/members",
        "GET /console/members/:id",
        "POST /console/members/:id/roles",
        "POST /console/members/:id/suspend",
        "GET /api/v1/audit",
        "GET /api/v1/admin/accounts",
        "POST /api/v1/admin/accounts/:id/roles",
      ]) {
        assert.ok(listed.has(expected), `${expected} is a staff route`);
      }
    });

    test("anonymous requests get 401, and pages send browsers to sign in", async () => {
      for (const route of staffRoutes(t)) {
        const url = concrete(route.url, "1");
        const response = await t.app.inject({ method: route.method as "GET", url, headers: { accept: "application/json" } });
        assert.equal(response.statusCode, 401, `${route.method} ${url}`);
        assert.equal(response.json().error.code, "unauthorized");
        if (route.method === "GET" && !url.startsWith("/api/")) {
          const page = await t.app.inject({ url });
          assert.equal(page.statusCode, 303, `${url} redirects`);
          assert.match(String(page.headers.location), /^\/sign-in\?returnTo=/);
        }
      }
    });

    test("members get 403, signed in or with an API token", async () => {
      for (const route of staffRoutes(t)) {
        const url = concrete(route.url, "1");
        const bySession = await t.app.inject({ method: route.method as "GET", url, headers: { cookie: member.cookie, "x-csrf-token": member.csrf } });
        assert.equal(bySession.statusCode, 403, `${route.method} ${url} with a session`);
        const byToken = await t.app.inject({ method: route.method as "GET", url, headers: { authorization: `Bearer ${memberToken}` } });
        assert.equal(byToken.statusCode, 403, `${route.method} ${url} with a token`);
      }
    });

    test("admins can open every staff page and read every staff API list", async () => {
      const pages = staffRoutes(t).filter((route) => route.method === "GET" && !route.url.includes(":"));
      assert.ok(pages.length >= 7);
      for (const route of pages) {
        const response = await admin.get(route.url);
        assert.equal(response.statusCode, 200, `GET ${route.url}`);
      }
      assert.equal((await admin.get(`/console/members/${adminId}`)).statusCode, 200);
      const mail = await t.app.hearth.db.selectFrom("mail_outbox").select("id").executeTakeFirstOrThrow();
      assert.equal((await admin.get(`/console/mail/${mail.id}`)).statusCode, 200);
    });

    test("garbage sent by an admin to any staff route is answered without a server error", async () => {
      const queries = ["", "?page=0", "?page=abc&q=%00&actor=%00&action=%00&status=%00&state=%00", "?perPage=100000&q=" + "x".repeat(5000)];
      const bodies: Array<{ type: string; payload: string }> = [
        { type: "application/json", payload: "{" },
        { type: "application/json", payload: JSON.stringify({ op: "grant", role: "admin", scope: "\u0000", reason: "\u0000", until: "2999-99-99", extra: [1] }) },
        { type: "application/json", payload: JSON.stringify([1, 2, 3]) },
        { type: "application/x-www-form-urlencoded", payload: "op=revoke&role=%00&reason=%00&until=%00" },
        { type: "application/x-www-form-urlencoded", payload: "" },
      ];
      for (const route of staffRoutes(t)) {
        for (const value of ["abc", "0", "-1", "99999999999999999999", "%00"]) {
          const url = concrete(route.url, value);
          const attempts: Array<{ url: string; body?: { type: string; payload: string } }> =
            route.method === "GET" ? queries.map((query) => ({ url: url + query })) : bodies.map((body) => ({ url, body }));
          for (const attempt of attempts) {
            const response = await t.app.inject({
              method: route.method as "GET",
              url: attempt.url,
              headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, ...(attempt.body ? { "content-type": attempt.body.type } : {}) },
              ...(attempt.body ? { payload: attempt.body.payload } : {}),
            });
            assert.ok(response.statusCode < 500, `${route.method} ${attempt.url} answered ${response.statusCode}`);
          }
        }
      }
    });

    test("staff see the console with only the entries their role allows", async () => {
      const moderator = await visitor(t.app, (await createPerson(t.app, { roles: ["moderator"] })).id);
      const overview = await moderator.get("/console");
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /class="console-nav"/);
      assert.doesNotMatch(overview.body, /href="\/console\/audit"/);
      assert.equal((await moderator.get("/console/audit")).statusCode, 403);

      const manager = await visitor(t.app, (await createPerson(t.app, { roles: ["community_manager"] })).id);
      const page = await manager.get("/console/mail");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /href="\/console\/mail"/);
      assert.doesNotMatch(page.body, /href="\/console\/members"/);

      const full = await admin.get("/console");
      for (const href of ["/console/members", "/console/mail", "/console/jobs", "/console/audit"]) assert.match(full.body, new RegExp(`href="${href}"`));
    });
  });
}
