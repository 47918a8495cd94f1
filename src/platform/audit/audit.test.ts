import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createApiToken } from "../auth/sessions.ts";
import { createPerson, visitor, type Visitor } from "../console/test-support.ts";
import { listAudit, recordAudit } from "./index.ts";

for (const kind of DATABASE_KINDS) {
  describe(`audit log (${kind})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let adminId: number;
    let adminEmail: string;
    let otherId: number;

    before(async () => {
      t = await startTestApp(kind);
      ({ id: adminId, email: adminEmail } = await createPerson(t.app, { roles: ["admin"] }));
      otherId = (await createPerson(t.app, { roles: ["moderator"] })).id;
      admin = await visitor(t.app, adminId);
      const { db } = t.app.hearth;
      await recordAudit(db, { actorId: adminId, action: "accounts.role.grant", subjectType: "account", subjectId: otherId, details: { role: "moderator" }, ip: "203.0.113.9" });
      await recordAudit(db, { actorId: otherId, action: "ideas.moderate.approve", subjectType: "idea", subjectId: 12, ip: "198.51.100.4" });
      await recordAudit(db, { actorId: otherId, action: "accounts_x.odd", ip: null });
    });
    after(async () => {
      await t.close();
    });

    test("entries come newest first and filter by actor email and action prefix, taken literally", async () => {
      const { db } = t.app.hearth;
      const all = await listAudit(db, {}, 1);
      assert.equal(all.rows[0]?.action, "accounts_x.odd");
      const byActor = await listAudit(db, { actor: adminEmail.toUpperCase() }, 1);
      assert.ok(byActor.rows.length > 0);
      assert.ok(byActor.rows.every((row) => row.actorEmail === adminEmail));
      const byAction = await listAudit(db, { action: "accounts." }, 1);
      assert.ok(byAction.rows.some((row) => row.action === "accounts.role.grant"));
      assert.ok(byAction.rows.every((row) => row.action.startsWith("accounts.")));
      const underscore = await listAudit(db, { action: "accounts_" }, 1);
      assert.deepEqual(
        underscore.rows.map((row) => row.action),
        ["accounts_x.odd"],
      );
      const paged = await listAudit(db, {}, 1, 2);
      assert.equal(paged.rows.length, 2);
      assert.equal(paged.hasNext, true);
    });

    test("the console page shows actor, action, subject, details, address and time", async () => {
      const page = await admin.get(`/console/audit?action=accounts.role&actor=${encodeURIComponent(adminEmail)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /accounts\.role\.grant/);
      assert.match(page.body, /203\.0\.113\.9/);
      assert.match(page.body, new RegExp(`href="/console/members/${otherId}"`));
      assert.match(page.body, /{&quot;role&quot;:&quot;moderator&quot;}/);
      assert.match(page.body, /<time dateTime="/i);
      assert.doesNotMatch(page.body, /ideas\.moderate\.approve/);
    });

    test("GET /api/v1/audit returns the entries with their actor", async () => {
      const token = await createApiToken(t.app.hearth.db, adminId, "audit", ["read"]);
      const response = await t.app.inject({ url: "/api/v1/audit?action=ideas.&perPage=10", headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.entries.length, 1);
      assert.equal(body.entries[0].action, "ideas.moderate.approve");
      assert.deepEqual(body.entries[0].subject, { type: "idea", id: "12" });
      assert.equal(body.entries[0].actor.id, otherId);
      assert.equal(body.entries[0].ip, "198.51.100.4");
      assert.equal(body.hasNext, false);
      assert.equal((await t.app.inject({ url: "/api/v1/audit?perPage=1000", headers: { authorization: `Bearer ${token}` } })).statusCode, 400);
    });
  });
}
