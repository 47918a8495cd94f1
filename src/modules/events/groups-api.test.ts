/**
 * The groups API on both databases: the paged list, one group in the caller's language, joining and
 * leaving (idempotent, the count after it, the last organiser stays), token scopes and bad ids.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";
import { createApiToken } from "../../platform/auth/sessions.ts";

const DAY = 86_400_000;

for (const kind of DATABASE_KINDS) {
  describe(`groups API on ${kind}`, () => {
    let t: TestApp;
    let staff: Client;
    let organiser: Client;
    let member: Client;
    const ids: Record<string, number> = {};

    const form = (client: Client, url: string, fields: Record<string, string>) =>
      t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { "accept-language": "en", ...headers } });
    const call = (client: Client, method: "PUT" | "DELETE", url: string, locale = "en") => t.app.inject({ method, url, headers: { ...client.headers, "accept-language": locale } });

    before(async () => {
      t = await startTestApp(kind);
      [staff, organiser, member] = await Promise.all([signedInClient(t.app, ["community_manager"]), signedInClient(t.app), signedInClient(t.app)]);
      const groups = [
        { slug: "tehran-tinkerers", name: "Tehran Tinkerers", city: "Tehran", descriptionEn: "", descriptionFa: "سازندگان تهران هر هفته.", descriptionHe: "" },
        { slug: "haifa-makers", name: "Haifa Makers", city: "Haifa", descriptionEn: "Makers meet monthly.", descriptionFa: "سازندگان هر ماه دور هم جمع می‌شوند.", descriptionHe: "" },
        { slug: "berlin-builders", name: "Berlin Builders", city: "Berlin", descriptionEn: "Builders in Berlin.", descriptionFa: "", descriptionHe: "" },
      ];
      for (const group of groups) {
        const created = await form(staff, "/console/events/groups", { ...group, organiserEmail: organiser.email });
        assert.equal(created.statusCode, 303, created.body);
      }
      for (const row of await t.app.hearth.db.selectFrom("event_groups").select(["id", "slug"]).execute()) ids[row.slug] = row.id;
    });
    after(async () => t.close());

    test("the list comes by city in pages; a bad cursor or limit is a 400", async () => {
      const first = await get("/api/v1/groups?limit=2");
      assert.equal(first.statusCode, 200, first.body);
      const page1 = first.json();
      assert.deepEqual(page1.items.map((group: { slug: string }) => group.slug), ["berlin-builders", "haifa-makers"]);
      assert.deepEqual(page1.items[0], { id: ids["berlin-builders"], slug: "berlin-builders", name: "Berlin Builders", city: "Berlin", members: 1, url: `${t.config.baseUrl}/groups/berlin-builders` });
      assert.equal(typeof page1.next, "string");
      const page2 = (await get(`/api/v1/groups?limit=2&cursor=${page1.next}`)).json();
      assert.deepEqual(page2.items.map((group: { slug: string }) => group.slug), ["tehran-tinkerers"]);
      assert.equal(page2.next, null);
      assert.deepEqual((await get("/api/v1/groups")).json().items.length, 3);

      const badCursor = await get("/api/v1/groups?cursor=nonsense", { "accept-language": "fa" });
      assert.equal(badCursor.statusCode, 400);
      assert.equal(badCursor.json().error.code, "invalid_cursor");
      assert.match(badCursor.json().error.message, /پیوند صفحه/);
      for (const query of ["limit=0", "limit=abc", "surprise=1"]) {
        const bad = await get(`/api/v1/groups?${query}`);
        assert.equal(bad.statusCode, 400, query);
        assert.equal(bad.json().error.code, "validation_failed");
      }
    });

    test("one group: its description in the caller's language (else English, else any), organisers, upcoming events", async () => {
      const db = t.app.hearth.db;
      const start = new Date(Date.now() + 10 * DAY);
      const event = (title: string, offset: number) => ({
        title: { en: title }, language: "en", format: "in_person", city: "Haifa", groupId: ids["haifa-makers"],
        startsAt: new Date(start.getTime() + offset).toISOString(), endsAt: new Date(start.getTime() + offset + 2 * 3_600_000).toISOString(), timeZone: "Asia/Jerusalem", capacity: 20,
      });
      const later = (await t.app.inject({ method: "POST", url: "/api/v1/events", headers: staff.headers, payload: event("Later", DAY) })).json();
      const sooner = (await t.app.inject({ method: "POST", url: "/api/v1/events", headers: staff.headers, payload: event("Sooner", 0) })).json();
      const called = (await t.app.inject({ method: "POST", url: "/api/v1/events", headers: staff.headers, payload: event("Called off", 2 * DAY) })).json();
      await t.app.inject({ method: "POST", url: `/api/v1/events/${called.id}/cancel`, headers: staff.headers, payload: { reason: "Venue closed." } });

      const response = await get(`/api/v1/groups/${ids["haifa-makers"]}`, { "accept-language": "fa" });
      assert.equal(response.statusCode, 200, response.body);
      const organiserName = (await db.selectFrom("accounts").select("name").where("id", "=", organiser.accountId).executeTakeFirstOrThrow()).name;
      assert.deepEqual(response.json(), {
        id: ids["haifa-makers"],
        slug: "haifa-makers",
        name: "Haifa Makers",
        city: "Haifa",
        description: "سازندگان هر ماه دور هم جمع می‌شوند.",
        descriptions: { en: "Makers meet monthly.", fa: "سازندگان هر ماه دور هم جمع می‌شوند." },
        members: 1,
        organisers: [{ id: organiser.accountId, name: organiserName }],
        isMember: false,
        upcomingEventIds: [sooner.id, later.id],
        url: `${t.config.baseUrl}/groups/haifa-makers`,
      });
      assert.equal((await get(`/api/v1/groups/${ids["haifa-makers"]}`, { "accept-language": "he" })).json().description, "Makers meet monthly.");
      assert.equal((await get(`/api/v1/groups/${ids["tehran-tinkerers"]}`, { "accept-language": "en" })).json().description, "سازندگان تهران هر هفته.");
      assert.equal((await get(`/api/v1/groups/${ids["haifa-makers"]}`, { cookie: organiser.cookie })).json().isMember, true);

      const unknown = await get("/api/v1/groups/999999");
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, "group_not_found");
      assert.equal(unknown.json().error.message, "No such group.");
      for (const id of ["abc", "0", "-3", "1.5", "99999999999"]) {
        const bad = await get(`/api/v1/groups/${id}`);
        assert.equal(bad.statusCode, 400, id);
        assert.equal(bad.json().error.code, "validation_failed");
      }
    });

    test("join and leave: idempotent, answering the member count; the last organiser stays (409)", async () => {
      const url = `/api/v1/groups/${ids["berlin-builders"]}/membership`;
      const joined = await call(member, "PUT", url);
      assert.equal(joined.statusCode, 200, joined.body);
      assert.deepEqual(joined.json(), { member: true, members: 2 });
      assert.deepEqual((await call(member, "PUT", url)).json(), { member: true, members: 2 });
      assert.equal((await get(`/api/v1/groups/${ids["berlin-builders"]}`)).json().members, 2);
      // The group's page counts the same members.
      assert.match((await get("/groups/berlin-builders")).body, /2 members|2&nbsp;members/);

      assert.deepEqual((await call(member, "DELETE", url)).json(), { member: false, members: 1 });
      assert.deepEqual((await call(member, "DELETE", url)).json(), { member: false, members: 1 });

      const last = await call(organiser, "DELETE", url, "he");
      assert.equal(last.statusCode, 409);
      assert.equal(last.json().error.code, "last_organiser");
      assert.match(last.json().error.message, /לפחות מארגן/);
      assert.equal((await get(`/api/v1/groups/${ids["berlin-builders"]}`)).json().organisers.length, 1);

      assert.equal((await t.app.inject({ method: "PUT", url })).statusCode, 401);
      const unknown = await call(member, "PUT", "/api/v1/groups/999999/membership");
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, "group_not_found");
      assert.equal((await call(member, "PUT", "/api/v1/groups/abc/membership")).statusCode, 400);
    });

    test("tokens: a read-only token reads but cannot join; a write token can", async () => {
      const db = t.app.hearth.db;
      const url = `/api/v1/groups/${ids["tehran-tinkerers"]}/membership`;
      const reader = await createApiToken(db, member.accountId, "reader", ["read"]);
      const writer = await createApiToken(db, member.accountId, "writer", ["write"]);
      assert.equal((await get(`/api/v1/groups/${ids["tehran-tinkerers"]}`, { authorization: `Bearer ${reader}` })).json().isMember, false);
      const refused = await t.app.inject({ method: "PUT", url, headers: { authorization: `Bearer ${reader}`, "accept-language": "en" } });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, "insufficient_scope");
      assert.equal((await db.selectFrom("event_group_members").select("account_id").where("group_id", "=", ids["tehran-tinkerers"] ?? 0).where("account_id", "=", member.accountId).execute()).length, 0);
      const allowed = await t.app.inject({ method: "PUT", url, headers: { authorization: `Bearer ${writer}` } });
      assert.deepEqual(allowed.json(), { member: true, members: 2 });
      assert.equal((await t.app.inject({ method: "DELETE", url, headers: { authorization: `Bearer ${reader}` } })).statusCode, 403);
    });

    test("the OpenAPI document lists the groups API", async () => {
      const paths = (await get("/api/openapi.json")).json().paths;
      for (const path of ["/api/v1/groups", "/api/v1/groups/{id}", "/api/v1/groups/{id}/membership"]) assert.ok(path in paths, path);
      assert.ok(paths["/api/v1/groups/{id}/membership"].put && paths["/api/v1/groups/{id}/membership"].delete);
      assert.ok("attendance" in paths["/api/v1/events/{id}"].get.responses["200"].content["application/json"].schema.properties);
    });
  });
}
