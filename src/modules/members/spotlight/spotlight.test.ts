/** The spotlight on both databases: staff feature a member or a creation (checked, audited), the home page shows the current ones, /spotlight the history. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../../test/helpers/session.ts";
import type { Executor } from "../../../platform/db/index.ts";

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

for (const kind of DATABASE_KINDS) {
  describe(`spotlight (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let staff: Client;
    let featured: Client;
    let visitor: Client;
    let unlisted: Client;
    let creation: number;
    let hiddenCreation: number;

    const get = (url: string, client: Client, language?: string) => t.app.inject({ url, headers: { cookie: client.cookie, ...(language ? { "accept-language": language } : {}) } });
    const post = (url: string, client: Client, fields: Record<string, string>) =>
      t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
    const feature = (fields: Record<string, string>) => post("/console/spotlight", staff, { subjectType: "member", subjectId: String(featured.accountId), starts: day(-1), ...fields });

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      staff = await signedInClient(t.app, ["community_manager"]);
      featured = await signedInClient(t.app);
      visitor = await signedInClient(t.app);
      unlisted = await signedInClient(t.app);
      await db.insertInto("member_profiles").values({ account_id: unlisted.accountId, links: "[]", languages: [], listed: false }).execute();
      const rows = await db
        .insertInto("creations")
        .values([
          { author_id: featured.accountId, title: "A walnut desk organiser", body: "Made from offcuts.", language: "en" },
          { author_id: featured.accountId, title: "Hidden thing", body: "Gone.", language: "en", hidden_at: new Date() },
        ])
        .returning("id")
        .execute();
      creation = rows[0]!.id;
      hiddenCreation = rows[1]!.id;
    });
    after(async () => {
      await t.close();
    });

    test("members cannot feature anyone: 403", async () => {
      assert.equal((await get("/console/spotlight", visitor)).statusCode, 403);
      assert.equal((await post("/console/spotlight", visitor, { subjectType: "member", subjectId: String(visitor.accountId), writeup_en: "Me!", starts: day(0) })).statusCode, 403);
      assert.equal((await db.selectFrom("spotlights").select("id").execute()).length, 0);
    });

    test("unknown or hidden subjects, an unlisted member, an empty write-up and a backwards period are refused with the reason", async () => {
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ subjectId: "99999999", writeup_en: "Why" }, /There is no member with this number/],
        [{ subjectType: "creation", subjectId: "99999999", writeup_en: "Why" }, /There is no creation with this number, or it is hidden/],
        [{ subjectType: "creation", subjectId: String(hiddenCreation), writeup_en: "Why" }, /There is no creation with this number, or it is hidden/],
        [{ subjectId: String(unlisted.accountId), writeup_en: "Why" }, /not listed in the directory/],
        [{ writeup_en: "  ", writeup_fa: "" }, /Write why you feature them/],
        [{ writeup_en: "Why", ends: day(-3) }, /The end must come after the start/],
        [{ writeup_en: "Why", starts: "2026-02-30" }, /Give a date such as/],
        [{ subjectId: "twelve", writeup_en: "Why" }, /Give the number of the member or creation/],
      ];
      for (const [fields, message] of cases) {
        const response = await feature(fields);
        assert.equal(response.statusCode, 400, JSON.stringify(fields));
        assert.match(text(response.body), message);
      }
      assert.equal((await feature({ subjectType: "someone", writeup_en: "Why" })).statusCode, 400);
      assert.equal((await db.selectFrom("spotlights").select("id").execute()).length, 0);
    });

    test("a featured member shows on the home page with the sanitised write-up in the reader's language; audited", async () => {
      const created = await feature({ writeup_en: "Answers **everyone** <script>alert(1)</script>", writeup_he: "עונה **לכולם**" });
      assert.equal(created.statusCode, 303, created.body);
      const home = await get("/", visitor);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /id="home-spotlight"/);
      assert.ok(home.body.includes(`href="/members/${featured.accountId}"`));
      assert.match(home.body, /<strong>everyone<\/strong>/);
      assert.doesNotMatch(home.body, /<script>alert/);
      assert.match(text((await get("/", visitor, "he")).body), /עונה לכולם/);
      assert.match(text((await get("/", visitor, "fa")).body), /Answers everyone/, "no Persian write-up: the English one");
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id", "subject_id"]).where("action", "=", "members.spotlight.create").execute();
      assert.deepEqual(audit, [{ action: "members.spotlight.create", actor_id: staff.accountId, subject_id: String(featured.accountId) }]);
    });

    test("past spotlights are in the history, planned ones nowhere public; ending one takes it off the home page", async () => {
      assert.equal((await feature({ subjectType: "creation", subjectId: String(creation), writeup_en: "Lovely joinery", starts: day(-60), ends: day(-30) })).statusCode, 303);
      assert.equal((await feature({ writeup_en: "Coming soon", starts: day(10) })).statusCode, 303);
      const home = text((await get("/", visitor)).body);
      assert.doesNotMatch(home, /Lovely joinery|Coming soon/);
      const history = await get("/spotlight", visitor);
      assert.equal(history.statusCode, 200);
      assert.match(text(history.body), /A walnut desk organiser .*Lovely joinery/);
      assert.doesNotMatch(text(history.body), /Coming soon/);
      const console = text((await get("/console/spotlight", staff)).body);
      assert.match(console, /Planned/);
      assert.match(console, /On the home page/);
      assert.match(console, /Ended/);

      const current = await db.selectFrom("spotlights").select("id").where("ends_at", "is", null).where("starts_at", "<=", new Date()).executeTakeFirstOrThrow();
      assert.equal((await post(`/console/spotlight/${current.id}/end`, visitor, {})).statusCode, 403);
      assert.equal((await post(`/console/spotlight/${current.id}/end`, staff, {})).statusCode, 303);
      assert.equal((await post(`/console/spotlight/${current.id}/end`, staff, {})).statusCode, 404, "already ended");
      assert.doesNotMatch((await get("/", visitor)).body, /id="home-spotlight"/);
      assert.match(text((await get("/spotlight", visitor)).body), /Answers everyone/, "an ended spotlight stays in the history");
      assert.equal((await db.selectFrom("audit_log").select("id").where("action", "=", "members.spotlight.end").execute()).length, 1);
    });
  });
}
