/** The ideas console on both databases: who may open it, moderation, review, merging, settings, categories and statuses. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import type { Actor, Role } from "../../../platform/auth/permissions.ts";
import { createPerson, visitor, type Visitor } from "../../../platform/console/test-support.ts";
import { readSetting, writeSetting } from "../../../platform/settings/index.ts";
import { createIdea, moderateIdea } from "../service.ts";
import { supportIdea } from "../supports.ts";
import { ideasSettings } from "../settings.ts";
import "../index.ts";

const DAY = 86_400_000;

/** Every page and form of the ideas console, with the action it needs. */
const ROUTES: Array<{ method: "GET" | "POST"; url: string; action: string }> = [
  { method: "GET", url: "/console/ideas/moderation", action: "ideas.moderate" },
  { method: "POST", url: "/console/ideas/moderation/:id", action: "ideas.moderate" },
  { method: "GET", url: "/console/ideas/review", action: "ideas.review" },
  { method: "POST", url: "/console/ideas/review/:id", action: "ideas.review" },
  { method: "GET", url: "/console/ideas/merge", action: "ideas.merge" },
  { method: "POST", url: "/console/ideas/merge", action: "ideas.merge" },
  { method: "GET", url: "/console/ideas/settings", action: "ideas.settings" },
  { method: "POST", url: "/console/ideas/settings", action: "ideas.settings" },
  ...(["categories", "statuses"] as const).flatMap((taxonomy) => [
    { method: "GET" as const, url: `/console/ideas/settings/${taxonomy}`, action: "ideas.settings" },
    { method: "POST" as const, url: `/console/ideas/settings/${taxonomy}`, action: "ideas.settings" },
    { method: "GET" as const, url: `/console/ideas/settings/${taxonomy}/:id`, action: "ideas.settings" },
    { method: "POST" as const, url: `/console/ideas/settings/${taxonomy}/:id`, action: "ideas.settings" },
    { method: "POST" as const, url: `/console/ideas/settings/${taxonomy}/:id/delete`, action: "ideas.settings" },
  ]),
];

interface Person {
  actor: Actor;
  browser: Visitor;
}

for (const kind of DATABASE_KINDS) {
  describe(`ideas console (${kind})`, () => {
    let t: TestApp;
    let moderator: Person;
    let reviewer: Person;
    let manager: Person;
    let member: Person;

    /** An account (a month old, verified) with its actor and a signed-in browser. */
    async function person(roles: Role[] = []): Promise<Person> {
      const { id, email } = await createPerson(t.app, { roles });
      const createdAt = new Date(Date.now() - 30 * DAY);
      await t.app.hearth.db.updateTable("accounts").set({ created_at: createdAt }).where("id", "=", id).execute();
      const actor: Actor = { id, email, name: `Person ${id}`, emailVerified: true, locale: null, createdAt, roles: [{ role: "member", scope: "*" }, ...roles.map((role) => ({ role, scope: "*" }))] };
      return { actor, browser: await visitor(t.app, id) };
    }

    async function submitted(title: string, body = "A **sturdy** box that folds flat.\n\n- fits in a bag"): Promise<number> {
      return createIdea(t.app.hearth.db, member.actor, { title, body, language: "en", acceptLicence: true, submit: true });
    }

    async function idea(id: number) {
      return t.app.hearth.db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    }

    async function audits(action: string, subjectId: number | string) {
      return t.app.hearth.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("subject_id", "=", String(subjectId)).execute();
    }

    before(async () => {
      t = await startTestApp(kind);
      moderator = await person(["moderator"]);
      reviewer = await person(["product_reviewer"]);
      manager = await person(["community_manager"]);
      member = await person();
    });
    after(async () => {
      await t.close();
    });

    test("every page and form declares its action, and answers 401 to anonymous visitors and 403 to members", async () => {
      for (const route of ROUTES) {
        const listed = t.app.routeTable.find((entry) => entry.method === route.method && entry.url === route.url);
        assert.deepEqual(listed?.access, { action: route.action }, `${route.method} ${route.url}`);
        const url = route.url.replace(":id", "1");
        const anonymous = await t.app.inject({ method: route.method, url, headers: { accept: "application/json" } });
        assert.equal(anonymous.statusCode, 401, `${route.method} ${url} anonymous`);
        const response = route.method === "GET" ? await member.browser.get(url) : await member.browser.post(url, {});
        assert.equal(response.statusCode, 403, `${route.method} ${url} as a member`);
      }
    });

    test("each role sees its own entries in the console navigation", async () => {
      const page = await moderator.browser.get("/console");
      assert.match(page.body, /href="\/console\/ideas\/moderation"/);
      assert.match(page.body, /href="\/console\/ideas\/merge"/);
      assert.doesNotMatch(page.body, /href="\/console\/ideas\/review"/);
      assert.doesNotMatch(page.body, /href="\/console\/ideas\/settings"/);
      const reviewing = await reviewer.browser.get("/console");
      assert.match(reviewing.body, /href="\/console\/ideas\/review"/);
      assert.doesNotMatch(reviewing.body, /href="\/console\/ideas\/moderation"/);
    });

    test("the moderation queue shows submissions oldest first with their rendered description and the guidelines", async () => {
      await writeSetting(t.app.hearth.db, ideasSettings, { ...ideasSettings.defaults, guidelines: { en: "Ideas must be *original*.", fa: "ایده باید تازه باشد.", he: "" } }, null);
      const older = await submitted("A folding crate for bikes");
      const newer = await submitted("A lamp that follows the sun");
      await t.app.hearth.db.updateTable("ideas").set({ submitted_at: new Date(Date.now() - 2 * DAY) }).where("id", "=", older).execute();
      const page = await moderator.browser.get("/console/ideas/moderation");
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.indexOf("A folding crate for bikes") < page.body.indexOf("A lamp that follows the sun"), "oldest first");
      assert.match(page.body, /A <strong>sturdy<\/strong> box that folds flat/);
      assert.match(page.body, /Ideas must be <em>original<\/em>/);
      assert.match(page.body, new RegExp(`action="/console/ideas/moderation/${newer}"`));
      const persian = await moderator.browser.get("/console/ideas/moderation", { "accept-language": "fa" });
      assert.match(persian.body, /بررسی ایده‌های تازه/);
      assert.match(persian.body, /ایده باید تازه باشد/);
    });

    test("a moderator approves: the idea opens with its publication time, and the decision is audited", async () => {
      const id = await submitted("A pocket loom for travellers");
      const response = await moderator.browser.post(`/console/ideas/moderation/${id}`, { decision: "approve", note: "" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/console/ideas/moderation");
      const row = await idea(id);
      assert.equal(row.state, "open");
      assert.ok(row.published_at instanceof Date);
      assert.equal(row.moderated_by, moderator.actor.id);
      const [audit] = await audits("ideas.moderate.approve", id);
      assert.equal(audit?.actor_id, moderator.actor.id);
      const again = await moderator.browser.post(`/console/ideas/moderation/${id}`, { decision: "reject", note: "late" });
      assert.equal(again.statusCode, 303, "a decision on an idea no longer waiting goes back to the queue with a message");
      assert.equal((await idea(id)).state, "open");
    });

    test("asking for changes or rejecting needs a reason: without one the form comes back with an inline error", async () => {
      const id = await submitted("A bird feeder shaped like a tram");
      const response = await moderator.browser.post(`/console/ideas/moderation/${id}`, { decision: "request_changes", note: "  " });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, new RegExp(`id="field-note-${id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-note-${id}"`));
      assert.match(response.body, new RegExp(`href="#field-note-${id}"`));
      assert.equal((await idea(id)).state, "in_moderation");
      assert.equal((await audits("ideas.moderate.request_changes", id)).length, 0);

      const sent = await moderator.browser.post(`/console/ideas/moderation/${id}`, { decision: "request_changes", note: "Please add a photo." });
      assert.equal(sent.statusCode, 303);
      const row = await idea(id);
      assert.equal(row.state, "changes_requested");
      assert.equal(row.moderation_note, "Please add a photo.");
      assert.equal((await audits("ideas.moderate.request_changes", id)).length, 1);
    });

    test("a product reviewer sees ideas by review period with the survey summed up, and approves one into a product", async () => {
      const id = await submitted("A modular desk organiser");
      await moderateIdea(t.app.hearth.db, moderator.actor, id, "approve", "");
      const answers = [
        { wouldBuy: "yes", priceBand: "25_50", quantity: 2 },
        { wouldBuy: "yes", priceBand: "50_100", quantity: 1 },
        { wouldBuy: "no" },
      ] as const;
      for (const survey of answers) await supportIdea(t.app.hearth.db, (await person()).actor, id, survey);
      await t.app.hearth.db.updateTable("ideas").set({ state: "in_review", review_period: "2026-2", qualified_at: new Date() }).where("id", "=", id).execute();

      const page = await reviewer.browser.get("/console/ideas/review");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Review period 2026-2/);
      assert.match(page.body, /<time datetime="2026-05-01T00:00:00.000Z">1 May 2026<\/time>/, "the cut-off of the period under the default rules");
      assert.match(page.body, /3 verified, 0 pending/);
      assert.match(page.body, /<th scope="row">[^<]+<\/th><td class="numeric">2<\/td>/, "two supporters would buy it");
      assert.match(page.body, /Total quantity wanted<\/th><td class="numeric">3<\/td>/);

      const missing = await reviewer.browser.post(`/console/ideas/review/${id}`, { publicNote: "Soon" });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, new RegExp(`href="#field-decision-${id}"`));

      const decided = await reviewer.browser.post(`/console/ideas/review/${id}`, { decision: "approved", publicNote: "Coming next spring", privateNote: "Margins are fine" });
      assert.equal(decided.statusCode, 303);
      assert.equal(decided.headers.location, `/console/ideas/review?decided=${id}`);
      const row = await idea(id);
      assert.equal(row.state, "approved");
      assert.ok(row.product_id !== null);
      assert.equal(row.decision_private_note, "Margins are fine");
      assert.equal((await audits("ideas.review.approved", id))[0]?.actor_id, reviewer.actor.id);
      const after = await reviewer.browser.get(String(decided.headers.location));
      assert.match(after.body, new RegExp(`Product #${row.product_id} was created`));
    });

    test("moderators cannot decide a review and reviewers cannot moderate", async () => {
      const id = await submitted("A chess set for the beach");
      await t.app.hearth.db.updateTable("ideas").set({ state: "in_review" }).where("id", "=", id).execute();
      assert.equal((await moderator.browser.get("/console/ideas/review")).statusCode, 403);
      assert.equal((await moderator.browser.post(`/console/ideas/review/${id}`, { decision: "approved" })).statusCode, 403);
      assert.equal((await idea(id)).state, "in_review");
      assert.equal((await reviewer.browser.post(`/console/ideas/moderation/${id}`, { decision: "approve" })).statusCode, 403);
    });

    test("merging moves supports over and counts a member who supported both once", async () => {
      await writeSetting(t.app.hearth.db, ideasSettings, ideasSettings.defaults, null);
      const kept = await submitted("A rain gauge for balconies");
      const duplicate = await submitted("Balcony rain gauge");
      for (const id of [kept, duplicate]) await moderateIdea(t.app.hearth.db, moderator.actor, id, "approve", "");
      const both = (await person()).actor;
      const onlyDuplicate = (await person()).actor;
      const onlyKept = (await person()).actor;
      await supportIdea(t.app.hearth.db, both, kept);
      await supportIdea(t.app.hearth.db, both, duplicate);
      await supportIdea(t.app.hearth.db, onlyDuplicate, duplicate);
      await supportIdea(t.app.hearth.db, onlyKept, kept);

      const search = await moderator.browser.get(`/console/ideas/merge?q=${encodeURIComponent("rain gauge")}`);
      assert.match(search.body, new RegExp(`from=${duplicate}`));
      const check = await moderator.browser.get(`/console/ideas/merge?from=${duplicate}&into=%23${kept}`);
      assert.equal(check.statusCode, 200);
      assert.match(check.body, /One member supports both ideas/);
      assert.match(check.body, /2 verified, 0 pending/);

      const merged = await moderator.browser.post("/console/ideas/merge", { from: String(duplicate), into: String(kept) });
      assert.equal(merged.statusCode, 303);
      const row = await idea(kept);
      assert.equal(row.verified_supporters, 3);
      const supports = await t.app.hearth.db.selectFrom("idea_supports").select("member_id").where("idea_id", "=", kept).execute();
      assert.deepEqual(supports.map((support) => support.member_id).sort((a, b) => a - b), [both.id, onlyDuplicate.id, onlyKept.id].sort((a, b) => a - b));
      assert.equal((await idea(duplicate)).merged_into, kept);
      assert.equal((await audits("ideas.merge", duplicate))[0]?.actor_id, moderator.actor.id);
      const done = await moderator.browser.get(String(merged.headers.location));
      assert.match(done.body, new RegExp(`Idea #${duplicate} was merged into #${kept}`));
      assert.match(done.body, /now has 3 verified and 0 pending supporters/);

      const twice = await moderator.browser.post("/console/ideas/merge", { from: String(duplicate), into: String(kept) });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /role="alert"/);
      assert.equal((await moderator.browser.get("/console/ideas/merge?from=abc")).statusCode, 400);
    });

    test("settings: targets that do not increase are refused inline; a valid change is saved, read back and audited", async () => {
      const page = await manager.browser.get("/console/ideas/settings");
      assert.equal(page.statusCode, 200);
      const form = {
        "steps.target": ["50", "50", ""],
        "steps.window": ["30", "6", ""],
        "steps.unit": ["days", "months", "days"],
        "cutoffs.month": ["3", ""],
        "cutoffs.day": ["21", ""],
        "review.timeZone": "asia/tehran",
        "trustBar.minAccountAgeHours": "48",
        "guidelines.en": "Be original.",
        "guidelines.fa": "",
        "guidelines.he": "",
        "licence.en": "",
        "licence.fa": "",
        "licence.he": "",
      };
      const post = (fields: Record<string, string | string[]>) => {
        const body = new URLSearchParams();
        for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
        body.append("_csrf", manager.browser.csrf);
        return t.app.inject({ method: "POST", url: "/console/ideas/settings", headers: { cookie: manager.browser.cookie, "content-type": "application/x-www-form-urlencoded" }, payload: body.toString() });
      };
      const refused = await post(form);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="field-milestones\.steps\.1\.target"[^>]*aria-invalid="true"/);
      assert.match(refused.body, /Must be more than the step before \(50\)/);
      assert.match(refused.body, /value="asia\/tehran"/, "what was typed is shown again");

      const badZone = await post({ ...form, "steps.target": ["50", "500", ""], "review.timeZone": "Mars/Olympus_Mons" });
      assert.equal(badZone.statusCode, 400);
      assert.match(badZone.body, /id="field-review\.timeZone"[^>]*aria-invalid="true"/);

      const saved = await post({ ...form, "steps.target": ["50", "500", ""] });
      assert.equal(saved.statusCode, 303);
      const settings = await readSetting(t.app.hearth.db, ideasSettings);
      assert.deepEqual(settings.milestones.steps, [
        { target: 50, window: 30, unit: "days" },
        { target: 500, window: 6, unit: "months" },
      ]);
      assert.deepEqual(settings.review, { cutoffs: [{ month: 3, day: 21 }], timeZone: "Asia/Tehran" });
      assert.deepEqual(settings.trustBar, { minAccountAgeHours: 48, requireVerifiedEmail: false });
      assert.equal(settings.guidelines.en, "Be original.");
      const [audit] = await audits("settings.update", "ideas").then((rows) => rows.filter((row) => row.actor_id === manager.actor.id));
      assert.ok(audit, "the change is in the audit log");
      const shown = await manager.browser.get("/console/ideas/settings");
      assert.match(shown.body, /value="500"/);
    });

    test("categories: added, refused with a taken slug, edited, and deleted with their ideas moved on", async () => {
      const { db } = t.app.hearth;
      const fields = (slug: string, name: string) => ({ slug, position: "1", "names.en": name, "names.fa": `${name} به فارسی`, "names.he": `${name} בעברית` });
      assert.equal((await manager.browser.post("/console/ideas/settings/categories", fields("vehicles", "Vehicles"))).statusCode, 303);
      assert.equal((await manager.browser.post("/console/ideas/settings/categories", fields("games", "Games"))).statusCode, 303);
      const taken = await manager.browser.post("/console/ideas/settings/categories", fields("vehicles", "Cars"));
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /This slug is already in use/);
      const blank = await manager.browser.post("/console/ideas/settings/categories", { ...fields("boats", "Boats"), "names.he": "" });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /id="field-names\.he"[^>]*aria-invalid="true"/);

      const vehicles = await db.selectFrom("idea_categories").selectAll().where("slug", "=", "vehicles").executeTakeFirstOrThrow();
      const games = await db.selectFrom("idea_categories").selectAll().where("slug", "=", "games").executeTakeFirstOrThrow();
      assert.deepEqual(vehicles.names, { en: "Vehicles", fa: "Vehicles به فارسی", he: "Vehicles בעברית" });
      assert.equal((await manager.browser.post(`/console/ideas/settings/categories/${vehicles.id}`, { ...fields("cars", "Cars"), position: "5" })).statusCode, 303);
      assert.equal((await db.selectFrom("idea_categories").select("slug").where("id", "=", vehicles.id).executeTakeFirstOrThrow()).slug, "cars");

      const id = await createIdea(db, member.actor, { title: "A toy tram", body: "It runs on a wooden track.", language: "en", categoryId: vehicles.id, acceptLicence: true, submit: true });
      const page = await manager.browser.get(`/console/ideas/settings/categories/${vehicles.id}`);
      assert.match(page.body, /1 idea uses this/);
      const self = await manager.browser.post(`/console/ideas/settings/categories/${vehicles.id}/delete`, { replacement: String(vehicles.id) });
      assert.equal(self.statusCode, 400);
      const deleted = await manager.browser.post(`/console/ideas/settings/categories/${vehicles.id}/delete`, { replacement: String(games.id) });
      assert.equal(deleted.statusCode, 303);
      assert.equal((await idea(id)).category_id, games.id);
      assert.equal((await audits("ideas.categories.delete", vehicles.id))[0]?.actor_id, manager.actor.id);
      assert.deepEqual((await audits("ideas.categories.delete", vehicles.id))[0]?.details, { slug: "cars", moved: 1, replacement: games.id });

      assert.equal((await manager.browser.post(`/console/ideas/settings/categories/${games.id}/delete`, { replacement: "" })).statusCode, 303);
      assert.equal((await idea(id)).category_id, null);
      assert.equal((await manager.browser.get(`/console/ideas/settings/categories/${games.id}`)).statusCode, 404);
    });

    test("display statuses have a tone, and their changes are audited", async () => {
      const created = await manager.browser.post("/console/ideas/settings/statuses", { slug: "staff-pick", position: "0", tone: "success", "names.en": "Staff pick", "names.fa": "انتخاب تیم", "names.he": "בחירת הצוות" });
      assert.equal(created.statusCode, 303);
      const status = await t.app.hearth.db.selectFrom("idea_statuses").selectAll().where("slug", "=", "staff-pick").executeTakeFirstOrThrow();
      assert.equal(status.tone, "success");
      assert.equal((await audits("ideas.statuses.create", status.id)).length, 1);
      const list = await manager.browser.get("/console/ideas/settings/statuses", { "accept-language": "he" });
      assert.match(list.body, /<span class="badge badge--success">בחירת הצוות<\/span>/);
      const wrongTone = await manager.browser.post(`/console/ideas/settings/statuses/${status.id}`, { slug: "staff-pick", position: "0", tone: "purple", "names.en": "Staff pick", "names.fa": "انتخاب تیم", "names.he": "בחירת הצוות" });
      assert.equal(wrongTone.statusCode, 400);
    });
  });
}
