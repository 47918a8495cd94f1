/**
 * Groups on both databases: staff create a group with its organiser; organisers edit it (a description
 * per language) and add or remove co-organisers; a group keeps one organiser; members join and leave;
 * others get 404 on the management page. Every change is audited.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";

for (const kind of DATABASE_KINDS) {
  describe(`groups on ${kind}`, () => {
    let t: TestApp;
    let staff: Client;
    let organiser: Client;
    let helper: Client;
    let member: Client;

    const form = (client: Client, url: string, fields: Record<string, string> = {}, locale = "en") =>
      t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": locale }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
    const page = (client: Client | null, url: string, locale = "en") => t.app.inject({ url, headers: { ...(client ? { cookie: client.cookie } : {}), "accept-language": locale } });
    const roles = async () =>
      Object.fromEntries(
        (await t.app.hearth.db.selectFrom("event_group_members").innerJoin("event_groups", "event_groups.id", "event_group_members.group_id").select(["account_id", "role"]).where("event_groups.slug", "=", "haifa-makers").execute()).map((row) => [row.account_id, row.role]),
      );
    const group = { slug: "haifa-makers", name: "Haifa Makers", city: "Haifa", descriptionEn: "Makers meet monthly.", descriptionFa: "", descriptionHe: "", organiserEmail: "" };

    before(async () => {
      t = await startTestApp(kind);
      [staff, organiser, helper, member] = await Promise.all([signedInClient(t.app, ["community_manager"]), signedInClient(t.app), signedInClient(t.app), signedInClient(t.app)]);
    });
    after(async () => t.close());

    test("staff create a group with its first organiser; bad input is refused; members cannot", async () => {
      assert.equal((await form(member, "/console/events/groups", { ...group, organiserEmail: organiser.email })).statusCode, 403);
      const badSlug = await form(staff, "/console/events/groups", { ...group, slug: "Haifa Makers!", organiserEmail: organiser.email });
      assert.equal(badSlug.statusCode, 400);
      assert.match(badSlug.body, /lower-case letters, digits and hyphens/);
      const nobody = await form(staff, "/console/events/groups", { ...group, organiserEmail: "nobody@example.test" });
      assert.equal(nobody.statusCode, 400);
      assert.match(nobody.body, /No member has this email address/);
      const created = await form(staff, "/console/events/groups", { ...group, organiserEmail: organiser.email });
      assert.equal(created.statusCode, 303, created.body);
      assert.equal(created.headers.location, "/groups/haifa-makers/manage");
      const again = await form(staff, "/console/events/groups", { ...group, organiserEmail: organiser.email });
      assert.match(again.body, /Another group already has this address/);
      assert.deepEqual(await roles(), { [organiser.accountId]: "organiser" });
      const audit = await t.app.hearth.db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "events.group.create").execute();
      assert.deepEqual(audit, [{ action: "events.group.create", actor_id: staff.accountId }]);
    });

    test("the organiser edits the group in several languages; others get 404", async () => {
      assert.equal((await page(member, "/groups/haifa-makers/manage")).statusCode, 404);
      assert.equal((await form(member, "/groups/haifa-makers/manage", { ...group, name: "Taken over" })).statusCode, 404);
      assert.match((await page(organiser, "/groups/haifa-makers")).body, /href="\/groups\/haifa-makers\/manage"/);
      assert.doesNotMatch((await page(member, "/groups/haifa-makers")).body, /\/manage"/);

      const blank = await form(organiser, "/groups/haifa-makers/manage", { name: " ", city: "Haifa", descriptionEn: "", descriptionFa: "", descriptionHe: "" });
      assert.equal(blank.statusCode, 400);
      const saved = await form(organiser, "/groups/haifa-makers/manage", { name: "חיפה יוצרים", city: "Haifa", descriptionEn: "Makers meet every month.", descriptionFa: "سازندگان هر ماه دور هم جمع می‌شوند.", descriptionHe: "יוצרים נפגשים כל חודש." });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.match((await page(null, "/groups/haifa-makers", "he")).body, /יוצרים נפגשים כל חודש\./);
      assert.match((await page(null, "/groups/haifa-makers", "fa")).body, /سازندگان هر ماه/);
      assert.match((await page(null, "/groups/haifa-makers", "en")).body, /Makers meet every month\./);
      const stored = await t.app.hearth.db.selectFrom("event_groups").select(["name", "descriptions"]).where("slug", "=", "haifa-makers").executeTakeFirstOrThrow();
      assert.equal(stored.name, "חיפה יוצרים");
      assert.deepEqual(Object.keys(stored.descriptions).sort(), ["en", "fa", "he"]);
    });

    test("co-organisers are added and removed; the last organiser stays; members join and leave", async () => {
      const db = t.app.hearth.db;
      assert.equal((await form(member, "/groups/haifa-makers/join")).statusCode, 303);
      assert.equal((await form(member, "/groups/haifa-makers/organisers", { email: helper.email })).statusCode, 404, "a member cannot appoint");
      const unknown = await form(organiser, "/groups/haifa-makers/organisers", { email: "nobody@example.test" });
      assert.equal(unknown.statusCode, 400);
      assert.equal((await form(organiser, "/groups/haifa-makers/organisers", { email: helper.email })).statusCode, 303);
      assert.deepEqual(await roles(), { [organiser.accountId]: "organiser", [helper.accountId]: "organiser", [member.accountId]: "member" });
      // The co-organiser manages too, and the first organiser may now step down.
      assert.equal((await page(helper, "/groups/haifa-makers/manage")).statusCode, 200);
      assert.equal((await form(helper, `/groups/haifa-makers/organisers/${organiser.accountId}/remove`)).statusCode, 303);
      const last = await form(helper, `/groups/haifa-makers/organisers/${helper.accountId}/remove`);
      assert.equal(last.statusCode, 409);
      assert.match(last.body, /at least one organiser/);
      const leaving = await form(helper, "/groups/haifa-makers/leave");
      assert.equal(leaving.statusCode, 409);
      // Staff appoint an organiser too, with the button beside a member's name; an id outside the group is 404.
      const manage = await page(staff, "/groups/haifa-makers/manage");
      assert.match(manage.body, new RegExp(`name="memberId" value="${member.accountId}"`));
      assert.equal((await form(staff, "/groups/haifa-makers/organisers", {})).statusCode, 400);
      assert.equal((await form(staff, "/groups/haifa-makers/organisers", { memberId: String(staff.accountId) })).statusCode, 404);
      assert.equal((await form(staff, "/groups/haifa-makers/organisers", { memberId: String(member.accountId) })).statusCode, 303);
      assert.equal((await form(organiser, "/groups/haifa-makers/leave")).statusCode, 303);
      assert.deepEqual(await roles(), { [helper.accountId]: "organiser", [member.accountId]: "organiser" });
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "like", "events.group.%").where("action", "<>", "events.group.create").orderBy("id").execute();
      assert.deepEqual(audit, [
        { action: "events.group.edit", actor_id: organiser.accountId },
        { action: "events.group.appoint", actor_id: organiser.accountId },
        { action: "events.group.remove_organiser", actor_id: helper.accountId },
        { action: "events.group.appoint", actor_id: staff.accountId },
      ]);
      const listing = await page(null, "/groups");
      assert.match(listing.body, /חיפה יוצרים/);
    });
  });
}
