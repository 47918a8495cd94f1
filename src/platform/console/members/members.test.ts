import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { createApiToken } from "../../auth/sessions.ts";
import type { Executor } from "../../db/index.ts";
import { createPerson, visitor, type Visitor } from "../test-support.ts";

function isoDate(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
}

/** The roles an account holds, by role name. */
function rolesOf(db: Executor, accountId: number) {
  return db.selectFrom("account_roles").select(["role", "scope"]).where("account_id", "=", accountId).orderBy("role").orderBy("scope").execute();
}

for (const kind of DATABASE_KINDS) {
  describe(`members & roles in the console (${kind})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let adminId: number;

    before(async () => {
      t = await startTestApp(kind);
      adminId = (await createPerson(t.app, { roles: ["admin"] })).id;
      admin = await visitor(t.app, adminId);
    });
    after(async () => {
      await t.close();
    });

    test("granting a role is audited with the request's address and tells the member, in their language", async () => {
      const { id } = await createPerson(t.app, { locale: "fa" });
      const response = await admin.post(`/console/members/${id}/roles`, { op: "grant", role: "moderator", scope: "" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/console/members/${id}`);
      assert.deepEqual(await rolesOf(t.app.hearth.db, id), [
        { role: "member", scope: "*" },
        { role: "moderator", scope: "*" },
      ]);

      const audit = await t.app.hearth.db.selectFrom("audit_log").selectAll().where("subject_id", "=", String(id)).where("action", "=", "accounts.role.grant").execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_id, adminId);
      assert.equal(audit[0]?.ip, "127.0.0.1");
      assert.deepEqual(audit[0]?.details, { role: "moderator", scope: "*" });

      const notes = await t.app.hearth.db.selectFrom("notifications").selectAll().where("account_id", "=", id).execute();
      assert.equal(notes.length, 1);
      assert.equal(notes[0]?.type, "account.role_granted");
      assert.deepEqual(notes[0]?.params, { role: "moderator" });

      const mail = await t.app.hearth.db.selectFrom("mail_outbox").selectAll().where("account_id", "=", id).executeTakeFirstOrThrow();
      assert.equal(mail.kind, "account.role_granted");
      assert.equal(mail.subject, "اکنون ناظر هستید");
      assert.match(mail.html_body, /<html lang="fa" dir="rtl">/);
      assert.match(mail.headers["List-Unsubscribe"] ?? "", /^<http:\/\/localhost:3000\/unsubscribe\?token=[^>]+>$/);
      assert.equal(mail.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");

      // Granting a role the member already holds changes nothing and tells nobody again.
      await admin.post(`/console/members/${id}/roles`, { op: "grant", role: "moderator" });
      assert.equal((await t.app.hearth.db.selectFrom("notifications").select("id").where("account_id", "=", id).execute()).length, 1);
    });

    test("a scoped role is granted and revoked, and the page shows it", async () => {
      const { id } = await createPerson(t.app);
      await admin.post(`/console/members/${id}/roles`, { op: "grant", role: "moderator", scope: "category:7" });
      const page = await admin.get(`/console/members/${id}`);
      assert.match(page.body, /Moderator \(category:7\)/);
      const revoked = await admin.post(`/console/members/${id}/roles`, { op: "revoke", role: "moderator", scope: "category:7" });
      assert.equal(revoked.statusCode, 303);
      assert.deepEqual(await rolesOf(t.app.hearth.db, id), [{ role: "member", scope: "*" }]);
      const audit = await t.app.hearth.db.selectFrom("audit_log").select(["action", "ip"]).where("subject_id", "=", String(id)).orderBy("id").execute();
      assert.deepEqual(audit, [
        { action: "accounts.role.grant", ip: "127.0.0.1" },
        { action: "accounts.role.revoke", ip: "127.0.0.1" },
      ]);
    });

    test("a bad role form is shown again with its errors; an admin cannot drop their own admin role", async () => {
      const { id } = await createPerson(t.app);
      const bad = await admin.post(`/console/members/${id}/roles`, { op: "grant", role: "moderator", scope: "not a scope" });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="field-scope-error"/);
      assert.equal((await admin.post(`/console/members/${id}/roles`, { op: "grant", role: "member" })).statusCode, 400);
      assert.equal((await admin.post(`/console/members/999999/roles`, { op: "grant", role: "moderator" })).statusCode, 404);
      const own = await admin.post(`/console/members/${adminId}/roles`, { op: "revoke", role: "admin", scope: "*" });
      assert.equal(own.statusCode, 409);
      assert.ok((await rolesOf(t.app.hearth.db, adminId)).some((grant) => grant.role === "admin"));
    });

    test("a console form without its CSRF token is refused", async () => {
      const { id } = await createPerson(t.app);
      const response = await t.app.inject({
        method: "POST",
        url: `/console/members/${id}/roles`,
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: "op=grant&role=admin",
      });
      assert.equal(response.statusCode, 403);
      assert.deepEqual(await rolesOf(t.app.hearth.db, id), [{ role: "member", scope: "*" }]);
    });

    test("suspending needs a reason and a future date, is audited, and signs the member out until then", async () => {
      const { id } = await createPerson(t.app, { name: "Suspended Sam" });
      const member = await visitor(t.app, id);
      assert.equal((await member.get("/notifications")).statusCode, 200);

      const past = await admin.post(`/console/members/${id}/suspend`, { reason: "spam", until: isoDate(-1) });
      assert.equal(past.statusCode, 400);
      assert.match(past.body, /Choose a date after today/);
      const blank = await admin.post(`/console/members/${id}/suspend`, { reason: "  ", until: isoDate(3) });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /id="field-reason-error"/);

      const done = await admin.post(`/console/members/${id}/suspend`, { reason: "Spam links in five posts", until: isoDate(3) });
      assert.equal(done.statusCode, 303);
      const account = await t.app.hearth.db.selectFrom("accounts").select("suspended_until").where("id", "=", id).executeTakeFirstOrThrow();
      assert.equal(account.suspended_until?.toISOString().slice(0, 10), isoDate(3));
      const audit = await t.app.hearth.db.selectFrom("audit_log").selectAll().where("action", "=", "accounts.suspend").where("subject_id", "=", String(id)).executeTakeFirstOrThrow();
      assert.equal(audit.details.reason, "Spam links in five posts");
      assert.equal(audit.ip, "127.0.0.1");
      assert.equal((await member.get("/notifications")).statusCode, 303);
      assert.match((await admin.get(`/console/members/${id}`)).body, /Spam links in five posts/);

      assert.equal((await admin.post(`/console/members/${id}/unsuspend`)).statusCode, 303);
      assert.equal((await member.get("/notifications")).statusCode, 200);
      const lifted = await t.app.hearth.db.selectFrom("audit_log").select("ip").where("action", "=", "accounts.unsuspend").where("subject_id", "=", String(id)).executeTakeFirstOrThrow();
      assert.equal(lifted.ip, "127.0.0.1");

      assert.equal((await admin.post(`/console/members/${adminId}/suspend`, { reason: "test", until: isoDate(3) })).statusCode, 409);
    });

    test("members are found by name or email", async () => {
      await createPerson(t.app, { name: "Zohreh Karimi" });
      const found = await admin.get("/console/members?q=zohreh");
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /Zohreh Karimi/);
      const none = await admin.get("/console/members?q=%25nobody%25");
      assert.doesNotMatch(none.body, /Zohreh Karimi/);
    });

    test("the staff API lists accounts and changes roles, audited", async () => {
      const token = await createApiToken(t.app.hearth.db, adminId, "console test", ["read", "write"]);
      const auth = { authorization: `Bearer ${token}` };
      const { id, email } = await createPerson(t.app, { name: "Api Person" });

      const list = await t.app.inject({ url: `/api/v1/admin/accounts?q=${encodeURIComponent(email)}`, headers: auth });
      assert.equal(list.statusCode, 200);
      const body = list.json();
      assert.equal(body.accounts.length, 1);
      assert.equal(body.accounts[0].email, email);
      assert.deepEqual(body.accounts[0].roles, [{ role: "member", scope: "*" }]);

      const granted = await t.app.inject({ method: "POST", url: `/api/v1/admin/accounts/${id}/roles`, headers: auth, payload: { op: "grant", role: "finance" } });
      assert.equal(granted.statusCode, 200);
      assert.deepEqual(granted.json().roles, [
        { role: "member", scope: "*" },
        { role: "finance", scope: "*" },
      ]);
      const audit = await t.app.hearth.db.selectFrom("audit_log").select(["actor_id", "ip"]).where("action", "=", "accounts.role.grant").where("subject_id", "=", String(id)).executeTakeFirstOrThrow();
      assert.deepEqual(audit, { actor_id: adminId, ip: "127.0.0.1" });

      const bad = await t.app.inject({ method: "POST", url: `/api/v1/admin/accounts/${id}/roles`, headers: auth, payload: { op: "grant", role: "emperor", extra: 1 } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, "validation_failed");
      assert.ok(bad.json().error.fields.role);
      assert.ok(bad.json().error.fields.extra);
      const missing = await t.app.inject({ method: "POST", url: `/api/v1/admin/accounts/999999/roles`, headers: auth, payload: { op: "grant", role: "finance" } });
      assert.equal(missing.statusCode, 404);

      const readOnly = await createApiToken(t.app.hearth.db, adminId, "read only", ["read"]);
      const refused = await t.app.inject({ method: "POST", url: `/api/v1/admin/accounts/${id}/roles`, headers: { authorization: `Bearer ${readOnly}` }, payload: { op: "revoke", role: "finance" } });
      assert.equal(refused.statusCode, 403);
    });

    test("the staff API is described in the OpenAPI document", async () => {
      const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
      for (const [path, method] of [
        ["/api/v1/audit", "get"],
        ["/api/v1/admin/accounts", "get"],
        ["/api/v1/admin/accounts/{id}/roles", "post"],
      ] as const) {
        assert.deepEqual(document.paths[path]?.[method]?.tags, ["admin"], `${method} ${path}`);
      }
      assert.ok(document.paths["/api/v1/admin/accounts/{id}/roles"].post.requestBody);
    });
  });
}
