/**
 * The ideas pages through HTTP, on both databases: the list with its sorts and filters, the idea
 * page with progress and pending supporters apart, support and withdrawal through the form, hidden
 * and merged ideas, the conversation, the submission form with its images, and hostile input.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { multipart } from "../../../test/helpers/multipart.ts";
import { activeContent, assertInert } from "../../../test/helpers/inert-html.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import { actorFromSession } from "../../platform/auth/sessions.ts";
import { writeSetting } from "../../platform/settings/index.ts";
import { createIdea, decideIdea, mergeIdeas, moderateIdea } from "./service.ts";
import { supportIdea } from "./supports.ts";
import { ideasSettings } from "./settings.ts";
import "./index.ts";

const DAY = 86_400_000;

interface Member {
  client: Client;
  actor: Actor;
}

interface Upload {
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart body as the submission form sends it: text fields, then the files of `images`. */
function imagesForm(fields: Record<string, string>, files: Upload[]): { payload: Buffer; contentType: string } {
  return multipart(fields, files.map((file) => ({ field: "images", ...file })));
}

/** A photo with camera and author EXIF data, as a phone would upload it. */
async function photo(format: "png" | "jpeg"): Promise<Buffer> {
  const image = sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 90, b: 40 } } }).withExif({ IFD0: { Artist: "Secret Person", Copyright: "GPS 35.6892 51.3890" } });
  return format === "png" ? image.png().toBuffer() : image.jpeg().toBuffer();
}

/** The HTML of the page's main region: what the page shows, without the layout's own forms and head. */
function mainOf(html: string): string {
  const start = html.indexOf("<main");
  const end = html.indexOf("</main>");
  assert.ok(start >= 0 && end > start, "the page has a main region");
  return html.slice(start, end + "</main>".length);
}

for (const kind of DATABASE_KINDS) {
  describe(`ideas pages (${kind})`, () => {
    let t: TestApp;
    let moderator: Member;
    let reviewer: Member;
    let serial = 0;

    async function member(roles: Role[] = [], options: { verified?: boolean } = {}): Promise<Member> {
      const client = await signedInClient(t.app, roles, options);
      const token = /hearth_session=([^;]+)/.exec(client.cookie)?.[1] ?? "";
      const found = await actorFromSession(t.app.hearth.db, token);
      if (!found) throw new Error("the test session was not found");
      return { client, actor: found.actor };
    }

    function get(url: string, who?: Member, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
      return t.app.inject({ url, headers: { ...(who ? { cookie: who.client.cookie } : {}), ...headers } });
    }

    function post(url: string, who: Member, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
      const payload = new URLSearchParams({ _csrf: who.client.csrf, ...fields }).toString();
      return t.app.inject({ method: "POST", url, payload, headers: { cookie: who.client.cookie, "content-type": "application/x-www-form-urlencoded", ...headers } });
    }

    function upload(url: string, who: Member, fields: Record<string, string>, files: Upload[]): Promise<LightMyRequestResponse> {
      const body = imagesForm({ _csrf: who.client.csrf, ...fields }, files);
      return t.app.inject({ method: "POST", url, payload: body.payload, headers: { cookie: who.client.cookie, "content-type": body.contentType } });
    }

    async function openIdea(creator: Member, input: { title?: string; body?: string; language?: "en" | "fa" | "he"; categoryId?: number; publishedAt?: Date } = {}): Promise<number> {
      serial += 1;
      const id = await createIdea(t.app.hearth.db, creator.actor, {
        title: input.title ?? `A lamp that follows the sun ${serial}`,
        body: input.body ?? "It turns towards the window during the day.",
        language: input.language ?? "en",
        categoryId: input.categoryId,
        acceptLicence: true,
        submit: true,
      });
      await moderateIdea(t.app.hearth.db, moderator.actor, id, "approve", "", {}, input.publishedAt ?? new Date());
      return id;
    }

    async function counts(id: number): Promise<{ verified: number; pending: number }> {
      const row = await t.app.hearth.db.selectFrom("ideas").select(["verified_supporters", "pending_supporters"]).where("id", "=", id).executeTakeFirstOrThrow();
      return { verified: row.verified_supporters, pending: row.pending_supporters };
    }

    before(async () => {
      t = await startTestApp(kind);
      // Small milestones, and members count at once when their email is verified.
      await writeSetting(
        t.app.hearth.db,
        ideasSettings,
        { ...ideasSettings.defaults, milestones: { steps: [{ target: 3, window: 60, unit: "days" }, { target: 6, window: 30, unit: "days" }] }, trustBar: { minAccountAgeHours: 0, requireVerifiedEmail: true } },
        null,
      );
      moderator = await member(["moderator"]);
      reviewer = await member(["product_reviewer"]);
    });
    after(async () => {
      await t.close();
    });

    describe("the list", () => {
      let lamp: number;
      let chair: number;
      let kettle: number;
      let draftTitle: string;

      before(async () => {
        const db = t.app.hearth.db;
        const [tools, home] = await db
          .insertInto("idea_categories")
          .values([
            { slug: "tools", names: JSON.stringify({ en: "Tools", fa: "ابزار", he: "כלים" }), position: 1 },
            { slug: "home", names: JSON.stringify({ en: "Home", fa: "خانه", he: "בית" }), position: 2 },
          ])
          .returning("id")
          .execute();
        const status = await db.insertInto("idea_statuses").values({ slug: "considering", names: JSON.stringify({ en: "Under consideration", fa: "در دست بررسی", he: "בשקילה" }), tone: "info" }).returning("id").executeTakeFirstOrThrow();
        const creator = await member();
        lamp = await openIdea(creator, { title: "Trending solar lamp", categoryId: tools?.id });
        chair = await openIdea(creator, { title: "صندلی تاشوی سبک", language: "fa", categoryId: home?.id });
        kettle = await openIdea(creator, { title: "קומקום שקט", language: "he" });
        await db.updateTable("ideas").set({ status_id: status.id }).where("id", "=", lamp).execute();
        for (let index = 0; index < 2; index += 1) await supportIdea(db, (await member()).actor, lamp);
        await supportIdea(db, (await member([], { verified: false })).actor, lamp);
        // The kettle reaches both milestones, goes to review and is approved.
        for (let index = 0; index < 6; index += 1) await supportIdea(db, (await member()).actor, kettle);
        await decideIdea(db, reviewer.actor, kettle, "approved", { publicNote: "In the shops next spring.", privateNote: "" });
        draftTitle = `Secret draft ${serial}`;
        await createIdea(db, creator.actor, { title: draftTitle, body: "Not for anyone else to see yet.", language: "en", acceptLicence: false, submit: false });
      });

      test("shows public ideas with progress, days left, supporters and pending apart, state and display status", async () => {
        const response = await get("/ideas?sort=newest");
        assert.equal(response.statusCode, 200);
        const html = response.body;
        for (const title of ["Trending solar lamp", "صندلی تاشوی سبک", "קומקום שקט"]) assert.ok(html.includes(title), `${title} is listed`);
        assert.ok(!html.includes(draftTitle), "drafts are not listed");
        assert.match(html, /<progress max="3" value="2"/);
        assert.match(html, /2 of 3 supporters/);
        assert.match(html, /1 pending/);
        assert.match(html, /59 days left|60 days left/);
        assert.match(html, /Under consideration/);
        assert.match(html, /Gathering support/);
        assert.match(html, /Approved/);
        assert.match(html, /Tools/);
        assert.match(html, /<a href="\/ideas" aria-current="page">Ideas<\/a>/, "the site navigation has Ideas");
      });

      test("filters by language, category and state, and each sort tab lists what it names", async () => {
        const titles = async (query: string) => {
          const response = await get(`/ideas?${query}`);
          assert.equal(response.statusCode, 200, query);
          return [lamp, chair, kettle].filter((id) => response.body.includes(`href="/ideas/${id}"`));
        };
        assert.deepEqual(await titles("sort=newest&language=fa&category=&state="), [chair]);
        const tools = await t.app.hearth.db.selectFrom("idea_categories").select("id").where("slug", "=", "tools").executeTakeFirstOrThrow();
        assert.deepEqual(await titles(`sort=newest&category=${tools.id}`), [lamp]);
        assert.deepEqual(await titles("sort=newest&state=approved"), [kettle]);
        assert.deepEqual(await titles("sort=approved"), [kettle]);
        assert.deepEqual(await titles("sort=in_review"), []);
        const trending = await get("/ideas");
        assert.ok(trending.body.indexOf(`href="/ideas/${lamp}"`) < trending.body.indexOf(`href="/ideas/${chair}"`), "the idea with recent supports trends first");
        assert.ok(!trending.body.includes(`href="/ideas/${kettle}"`), "trending lists open ideas only");
        const closest = await get("/ideas?sort=closest");
        assert.ok(closest.body.indexOf(`href="/ideas/${lamp}"`) < closest.body.indexOf(`href="/ideas/${chair}"`));
        const tabs = await get("/ideas?sort=closest&language=fa");
        assert.match(tabs.body, /href="\/ideas\?sort=expiring&amp;language=fa"/, "the tabs keep the filters");
        assert.equal((await get("/ideas?sort=bogus")).statusCode, 400);
        const later = await get("/ideas?sort=newest&page=2");
        assert.equal(later.statusCode, 200);
        assert.match(later.body, /rel="prev"/);
      });

      test("anonymous visitors get the list from the short cache, in their language and direction", async () => {
        const first = await get("/ideas?sort=newest", undefined, { "accept-language": "fa" });
        const second = await get("/ideas?sort=newest", undefined, { "accept-language": "fa" });
        assert.equal(first.headers["set-cookie"], undefined);
        assert.equal(second.headers["x-cache"], "hit");
        assert.match(first.body, /<html lang="fa" dir="rtl">/);
        assert.match(first.body, /۲ از ۳ حامی/);
        const hebrew = await get("/ideas?sort=newest", undefined, { "accept-language": "he" });
        assert.match(hebrew.body, /<html lang="he" dir="rtl">/);
        assert.match(hebrew.body, /2 מתוך 3 תומכים/);
      });

      test("the roadmap groups approved ideas and those in review; my ideas lists every state, drafts first", async () => {
        const roadmap = await get("/roadmap");
        assert.equal(roadmap.statusCode, 200);
        assert.ok(roadmap.body.includes(`href="/ideas/${kettle}"`));
        assert.ok(!roadmap.body.includes(`href="/ideas/${lamp}"`));
        const fresh = await member();
        const draft = await createIdea(t.app.hearth.db, fresh.actor, { title: "My own draft", body: "Only I can see this.", language: "en", acceptLicence: false, submit: false });
        const published = await openIdea(fresh);
        const mine = await get("/ideas/mine", fresh);
        assert.equal(mine.statusCode, 200);
        assert.ok(mine.body.indexOf(`href="/ideas/${draft}"`) < mine.body.indexOf(`href="/ideas/${published}"`), "drafts come first");
        assert.match(mine.body, new RegExp(`href="/ideas/${draft}/edit"`));
        assert.equal((await get("/ideas/mine")).statusCode, 303, "visitors are sent to sign in");
      });
    });

    describe("the idea page", () => {
      test("shows progress to the next milestone and pending supporters apart", async () => {
        const creator = await member();
        const id = await openIdea(creator, { body: "A **bright** idea.\n\n- folds\n- glows" });
        await supportIdea(t.app.hearth.db, (await member()).actor, id);
        await supportIdea(t.app.hearth.db, (await member([], { verified: false })).actor, id);
        const response = await get(`/ideas/${id}`);
        assert.equal(response.statusCode, 200);
        assert.match(response.body, /<progress max="3" value="1" aria-labelledby="idea-\d+-progress">/);
        assert.match(response.body, /1 of 3 supporters/);
        assert.match(response.body, /1 pending/);
        assert.match(response.body, /<strong>bright<\/strong>/, "the description is rendered markdown");
        assert.match(response.body, /Sign in to support/);
        assert.equal(response.headers["set-cookie"], undefined, "a visitor's idea page has no form and sets no cookie");
        assert.equal((await get(`/ideas/${id}`)).headers["x-cache"], "hit");
      });

      test("support and withdrawal through the form change the counts; a second support changes nothing", async () => {
        const creator = await member();
        const fan = await member();
        const id = await openIdea(creator);
        const supported = await post(`/ideas/${id}/support`, fan, { wouldBuy: "yes", priceBand: "25_50", quantity: "3" });
        assert.equal(supported.statusCode, 303);
        assert.equal(supported.headers.location, `/ideas/${id}`);
        assert.deepEqual(await counts(id), { verified: 1, pending: 0 });
        const survey = await t.app.hearth.db.selectFrom("idea_supports").selectAll().where("idea_id", "=", id).executeTakeFirstOrThrow();
        assert.deepEqual([survey.would_buy, survey.price_band, survey.quantity], ["yes", "25_50", 3]);
        const again = await post(`/ideas/${id}/support`, fan);
        assert.equal(again.statusCode, 303);
        assert.deepEqual(await counts(id), { verified: 1, pending: 0 });
        const page = await get(`/ideas/${id}`, fan);
        assert.match(page.body, /You support this idea\./);
        assert.match(page.body, new RegExp(`action="/ideas/${id}/withdraw"`));
        const withdrawn = await post(`/ideas/${id}/withdraw`, fan);
        assert.equal(withdrawn.statusCode, 303);
        assert.deepEqual(await counts(id), { verified: 0, pending: 0 });
        const unverified = await member([], { verified: false });
        await post(`/ideas/${id}/support`, unverified);
        assert.deepEqual(await counts(id), { verified: 0, pending: 1 }, "an unconfirmed member's support is pending");
      });

      test("a survey answer out of range is refused inline and counts nothing", async () => {
        const id = await openIdea(await member());
        const fan = await member();
        for (const quantity of ["50", "0", "2.5", "many"]) {
          const response = await post(`/ideas/${id}/support`, fan, { quantity });
          assert.equal(response.statusCode, 400, quantity);
          assert.match(response.body, /Enter a whole number from 1 to 20/);
          assert.ok(response.body.includes(`value="${quantity}"`), "the answer typed is kept");
        }
        assert.equal((await post(`/ideas/${id}/support`, fan, { wouldBuy: "always" })).statusCode, 400);
        assert.deepEqual(await counts(id), { verified: 0, pending: 0 });
        const persian = await post(`/ideas/${id}/support`, fan, { quantity: "۴" });
        assert.equal(persian.statusCode, 303, "Persian digits are digits");
        const row = await t.app.hearth.db.selectFrom("idea_supports").select("quantity").where("idea_id", "=", id).executeTakeFirstOrThrow();
        assert.equal(row.quantity, 4);
      });

      test("supporting one's own idea is a 409 with a clear message, and the count is unchanged", async () => {
        const creator = await member();
        const id = await openIdea(creator);
        const page = await get(`/ideas/${id}`, creator);
        assert.doesNotMatch(page.body, new RegExp(`action="/ideas/${id}/support"`), "the creator sees no support button");
        const response = await post(`/ideas/${id}/support`, creator);
        assert.equal(response.statusCode, 409);
        assert.match(response.body, /You cannot support your own idea\./);
        const hebrew = await post(`/ideas/${id}/support`, creator, {}, { "accept-language": "he" });
        assert.match(hebrew.body, /אי אפשר לתמוך ברעיון של עצמכם/);
        assert.deepEqual(await counts(id), { verified: 0, pending: 0 });
      });

      test("a hidden idea is 404 to other members and visitors, and visible to its creator and moderators", async () => {
        const creator = await member();
        const id = await createIdea(t.app.hearth.db, creator.actor, { title: "Waiting for a moderator", body: "Not public yet, please.", language: "en", acceptLicence: true, submit: true });
        assert.equal((await get(`/ideas/${id}`, await member())).statusCode, 404);
        assert.equal((await get(`/ideas/${id}`)).statusCode, 404);
        const own = await get(`/ideas/${id}`, creator);
        assert.equal(own.statusCode, 200);
        assert.match(own.body, /A moderator is checking this idea/);
        assert.equal((await get(`/ideas/${id}`, moderator)).statusCode, 200);
        assert.equal((await post(`/ideas/${id}/support`, await member())).statusCode, 404);
        assert.equal((await post(`/ideas/${id}/follow`, await member())).statusCode, 404);
      });

      test("changes requested: the creator reads the moderator's note and can edit", async () => {
        const creator = await member();
        const id = await createIdea(t.app.hearth.db, creator.actor, { title: "Needs a better photo", body: "A kite that folds into a pocket.", language: "en", acceptLicence: true, submit: true });
        await moderateIdea(t.app.hearth.db, moderator.actor, id, "request_changes", "Please add a photo of the prototype.");
        const page = await get(`/ideas/${id}`, creator);
        assert.match(page.body, /Please add a photo of the prototype\./);
        assert.match(page.body, new RegExp(`href="/ideas/${id}/edit"`));
        const edit = await get(`/ideas/${id}/edit`, creator);
        assert.equal(edit.statusCode, 200);
        assert.match(edit.body, /Please add a photo of the prototype\./);
      });

      test("an expired idea explains itself and offers its creator one resubmission", async () => {
        const creator = await member();
        const id = await openIdea(creator, { publishedAt: new Date(Date.now() - 90 * DAY) });
        const page = await get(`/ideas/${id}`, creator);
        assert.match(page.body, /did not reach 3 supporters in time/);
        assert.match(page.body, /Comments are closed/);
        assert.match(page.body, new RegExp(`action="/ideas/${id}/resubmit"`));
        const resubmitted = await post(`/ideas/${id}/resubmit`, creator);
        assert.equal(resubmitted.statusCode, 303);
        const copy = Number(/\/ideas\/(\d+)/.exec(String(resubmitted.headers.location))?.[1]);
        const row = await t.app.hearth.db.selectFrom("ideas").select(["state", "resubmission_of"]).where("id", "=", copy).executeTakeFirstOrThrow();
        assert.deepEqual(row, { state: "in_moderation", resubmission_of: id });
        const after = await get(`/ideas/${id}`, creator);
        assert.doesNotMatch(after.body, new RegExp(`action="/ideas/${id}/resubmit"`));
        assert.match(after.body, new RegExp(`href="/ideas/${copy}"`));
      });

      test("a decision shows its public note; a merged idea redirects to the idea it joined", async () => {
        const creator = await member();
        const into = await openIdea(creator);
        const duplicate = await openIdea(creator);
        await mergeIdeas(t.app.hearth.db, moderator.actor, duplicate, into);
        const response = await get(`/ideas/${duplicate}`);
        assert.equal(response.statusCode, 301);
        assert.equal(response.headers.location, `/ideas/${into}`);
        assert.equal((await get("/ideas/999999")).statusCode, 404);
      });

      test("following and unfollowing through the form", async () => {
        const id = await openIdea(await member());
        const fan = await member();
        assert.equal((await post(`/ideas/${id}/follow`, fan)).statusCode, 303);
        assert.equal((await post(`/ideas/${id}/follow`, fan)).statusCode, 303);
        assert.match((await get(`/ideas/${id}`, fan)).body, new RegExp(`action="/ideas/${id}/unfollow"`));
        assert.equal((await post(`/ideas/${id}/unfollow`, fan)).statusCode, 303);
        const rows = await t.app.hearth.db.selectFrom("idea_follows").select("member_id").where("idea_id", "=", id).execute();
        assert.deepEqual(rows, []);
      });

      test("members comment in markdown, with an inline error for an empty comment and a rate limit", async () => {
        const creator = await member();
        const id = await openIdea(creator);
        const talker = await member();
        const empty = await post(`/ideas/${id}/comments`, talker, { body: "" });
        assert.equal(empty.statusCode, 400);
        assert.match(empty.body, /This field is required\./);
        const posted = await post(`/ideas/${id}/comments`, talker, { body: "I would buy *two*." });
        assert.equal(posted.statusCode, 303);
        assert.match(String(posted.headers.location), new RegExp(`^/ideas/${id}#comment-\\d+$`));
        const page = await get(`/ideas/${id}`);
        assert.match(page.body, /I would buy <em>two<\/em>\./);
        const statuses: number[] = [];
        for (let index = 0; index < 6; index += 1) statuses.push((await post(`/ideas/${id}/comments`, talker, { body: `Comment ${index}` })).statusCode);
        assert.equal(statuses.at(-1), 429, "a flood of comments is rate limited");
        assert.equal((await get(`/ideas/${id}`)).body.includes("Sign in to comment"), true);
      });

      test("the creator posts updates; anyone else is refused", async () => {
        const creator = await member();
        const id = await openIdea(creator);
        const posted = await post(`/ideas/${id}/updates`, creator, { title: "Prototype printed", body: "The hinge holds **5 kg**." });
        assert.equal(posted.statusCode, 303);
        const page = await get(`/ideas/${id}`);
        assert.match(page.body, /Prototype printed/);
        assert.match(page.body, /<strong>5 kg<\/strong>/);
        assert.equal((await post(`/ideas/${id}/updates`, await member(), { title: "Hijack", body: "Not my idea." })).statusCode, 403);
        const blank = await post(`/ideas/${id}/updates`, creator, { title: "", body: "Text" });
        assert.equal(blank.statusCode, 400);
      });

      test("share previews: Open Graph and Twitter card tags with the summary and the first image's absolute address", async () => {
        const creator = await member();
        const id = await createIdea(t.app.hearth.db, creator.actor, { title: "Pocket kite", body: "A **kite** that folds into a pocket, for windy beaches.", language: "en", acceptLicence: false, submit: false });
        const added = await upload(`/ideas/${id}/edit`, creator, { title: "Pocket kite", body: "A **kite** that folds into a pocket, for windy beaches.", language: "en", acceptLicence: "on", intent: "submit" }, [{ filename: "kite.png", type: "image/png", data: await photo("png") }]);
        assert.equal(added.statusCode, 303);
        await moderateIdea(t.app.hearth.db, moderator.actor, id, "approve", "");
        const page = await get(`/ideas/${id}`);
        const image = await t.app.hearth.db.selectFrom("idea_images").select("file_name").where("idea_id", "=", id).executeTakeFirstOrThrow();
        const base = t.config.baseUrl.replace(/\/$/, "");
        assert.match(page.body, /<meta property="og:title" content="Pocket kite"\/?>/);
        assert.match(page.body, /<meta property="og:description" content="A kite that folds into a pocket, for windy beaches\."\/?>/);
        assert.ok(page.body.includes(`<meta property="og:url" content="${base}/ideas/${id}"`));
        assert.ok(page.body.includes(`<meta property="og:image" content="${base}/uploads/ideas/${id}/${image.file_name}"`));
        assert.match(page.body, /<meta name="twitter:card" content="summary_large_image"/);
        assert.ok(page.body.includes(`<a href="/uploads/ideas/${id}/${image.file_name}"><img src="/uploads/ideas/${id}/${image.file_name.replace(".webp", ".thumb.webp")}" alt="Image 1 of 1 for “Pocket kite”"`));
        const file = await t.app.inject({ url: `/uploads/ideas/${id}/${image.file_name}` });
        assert.equal(file.statusCode, 200);
      });
    });

    describe("the submission form", () => {
      test("visitors are sent to sign in; members see the guidelines, the licence and both buttons", async () => {
        const visitor = await get("/ideas/new");
        assert.equal(visitor.statusCode, 303);
        assert.match(String(visitor.headers.location), /^\/sign-in\?returnTo=%2Fideas%2Fnew/);
        const page = await get("/ideas/new", await member());
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Guidelines/);
        assert.match(page.body, /Licence terms/);
        assert.match(page.body, /enctype="multipart\/form-data"/);
        assert.match(page.body, /name="intent" value="draft"/);
        assert.match(page.body, /name="intent" value="submit"/);
        assert.match(page.body, /<script src="\/assets\/similar-titles.js" defer/);
        assert.match(page.body, /id="similar-ideas" aria-live="polite"/);
        const script = await t.app.inject({ url: "/assets/similar-titles.js" });
        assert.equal(script.statusCode, 200);
      });

      test("a missing title re-renders the form with an inline error in the request's language and keeps what was typed", async () => {
        const writer = await member();
        const before = await t.app.hearth.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
        const body = "یک چراغ مطالعه که در کیف جا می‌شود و با باتری کار می‌کند.";
        const response = await post("/ideas/new", writer, { title: "", body, language: "fa", intent: "submit", acceptLicence: "on" }, { "accept-language": "fa" });
        assert.equal(response.statusCode, 400);
        assert.match(response.body, /<html lang="fa" dir="rtl">/);
        assert.match(response.body, /id="field-title-error">پر کردن این خانه لازم است\./);
        assert.ok(response.body.includes(body), "the description typed is kept");
        const hebrew = await post("/ideas/new", writer, { title: "   ", body, language: "he", intent: "draft" }, { "accept-language": "he" });
        assert.equal(hebrew.statusCode, 400);
        assert.match(hebrew.body, /id="field-title-error">זהו שדה חובה\./);
        const afterwards = await t.app.hearth.db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
        assert.equal(Number(afterwards.count), Number(before.count), "nothing was saved");
      });

      test("submitting needs the licence; a draft does not; a submitted idea goes to moderation", async () => {
        const writer = await member();
        const fields = { title: "Bike light from a bottle cap", body: "A light that clips onto any bottle cap.", language: "en" };
        const refused = await post("/ideas/new", writer, { ...fields, intent: "submit" });
        assert.equal(refused.statusCode, 400);
        assert.match(refused.body, /Please accept the licence terms to submit your idea\./);
        const draft = await post("/ideas/new", writer, { ...fields, intent: "draft" });
        assert.equal(draft.statusCode, 303);
        const id = Number(/^\/ideas\/(\d+)\/edit$/.exec(String(draft.headers.location))?.[1]);
        assert.equal((await t.app.hearth.db.selectFrom("ideas").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state, "draft");
        const submitted = await post(`/ideas/${id}/edit`, writer, { ...fields, intent: "submit", acceptLicence: "on" });
        assert.equal(submitted.statusCode, 303);
        assert.equal(submitted.headers.location, `/ideas/${id}`);
        assert.equal((await t.app.hearth.db.selectFrom("ideas").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state, "in_moderation");
        assert.equal((await get(`/ideas/${id}/edit`, writer)).statusCode, 403, "an idea under moderation is no longer editable");
        assert.equal((await get(`/ideas/${id}/edit`, await member())).statusCode, 404, "nor visible to others");
      });

      test("the edit page lists similar existing ideas for the title, in Persian, Hebrew and English", async () => {
        const creator = await member();
        const persian = await openIdea(creator, { title: "چراغ مطالعهٔ تاشو برای سفر", language: "fa" });
        const hebrew = await openIdea(creator, { title: "מנורת קריאה מתקפלת לטיולים", language: "he" });
        const english = await openIdea(creator, { title: "Folding reading lamp for travel", language: "en" });
        const writer = await member();
        for (const [title, language, expected] of [
          ["چراغ مطالعه تاشو", "fa", persian],
          ["מנורת קריאה מתקפלת", "he", hebrew],
          ["Folding reading lamp", "en", english],
        ] as const) {
          const saved = await post("/ideas/new", writer, { title, body: "Similar to something that exists already.", language, intent: "draft" });
          assert.equal(saved.statusCode, 303);
          const edit = await get(String(saved.headers.location), writer);
          const region = edit.body.slice(edit.body.indexOf('id="similar-ideas"'));
          assert.ok(region.slice(0, 2000).includes(`href="/ideas/${expected}"`), `a ${language} title finds its similar idea`);
        }
      });

      test("images: PNG and JPEG are accepted with their EXIF removed; a text file named .png is refused and nothing is stored", async () => {
        const writer = await member();
        const fields = { title: "Desk organiser", body: "A desk organiser made of one folded sheet.", language: "en", intent: "draft" };
        const saved = await upload("/ideas/new", writer, fields, [
          { filename: "front.png", type: "image/png", data: await photo("png") },
          { filename: "side.jpg", type: "image/jpeg", data: await photo("jpeg") },
        ]);
        assert.equal(saved.statusCode, 303);
        const id = Number(/^\/ideas\/(\d+)\/edit$/.exec(String(saved.headers.location))?.[1]);
        const images = await t.app.hearth.db.selectFrom("idea_images").select(["file_name", "position"]).where("idea_id", "=", id).orderBy("position").execute();
        assert.equal(images.length, 2);
        const folder = join(t.config.dataDir, "uploads", "ideas", String(id));
        for (const image of images) {
          const metadata = await sharp(join(folder, image.file_name)).metadata();
          assert.equal(metadata.format, "webp");
          assert.equal(metadata.exif, undefined, "EXIF is stripped");
          assert.ok(existsSync(join(folder, image.file_name.replace(".webp", ".thumb.webp"))), "a thumbnail is made");
        }
        const original = await sharp(await photo("jpeg")).metadata();
        assert.ok(original.exif, "the uploaded photo did carry EXIF");

        const other = await post("/ideas/new", writer, { ...fields, title: "Pen holder" });
        const otherId = Number(/^\/ideas\/(\d+)\/edit$/.exec(String(other.headers.location))?.[1]);
        const fake = await upload(`/ideas/${otherId}/edit`, writer, { ...fields, title: "Pen holder" }, [{ filename: "photo.png", type: "image/png", data: Buffer.from("this is only text pretending to be a picture\n") }]);
        assert.equal(fake.statusCode, 400);
        assert.match(fake.body, /This file is not an image we can read/);
        const stored = await t.app.hearth.db.selectFrom("idea_images").select("id").where("idea_id", "=", otherId).execute();
        assert.deepEqual(stored, []);
        const otherFolder = join(t.config.dataDir, "uploads", "ideas", String(otherId));
        assert.deepEqual(existsSync(otherFolder) ? readdirSync(otherFolder) : [], [], "no file was written");
      });

      test("an eleventh image is refused, in one request or after ten", async () => {
        const writer = await member();
        const fields = { title: "Photo frame", body: "A frame that holds ten photos in a row.", language: "en", intent: "draft" };
        const png = await photo("png");
        const eleven = Array.from({ length: 11 }, (_, index) => ({ filename: `p${index}.png`, type: "image/png", data: png }));
        const tooMany = await upload("/ideas/new", writer, fields, eleven);
        assert.equal(tooMany.statusCode, 400);
        assert.match(tooMany.body, /At most 10 images\./);
        const ten = await upload("/ideas/new", writer, fields, eleven.slice(0, 10));
        assert.equal(ten.statusCode, 303);
        const id = Number(/^\/ideas\/(\d+)\/edit$/.exec(String(ten.headers.location))?.[1]);
        const more = await upload(`/ideas/${id}/edit`, writer, fields, eleven.slice(10));
        assert.equal(more.statusCode, 400);
        assert.match(more.body, /At most 10 images\./);
        const count = await t.app.hearth.db.selectFrom("idea_images").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "=", id).executeTakeFirstOrThrow();
        assert.equal(Number(count.count), 10);
      });
    });

    test("hostile title, description and comment render inert on the idea page and the list", async () => {
      const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>`;
      const creator = await member();
      const id = await openIdea(creator, {
        title: `Lamp ${hostile}`.slice(0, 120),
        body: `${hostile}\n\n[click](javascript:alert(4)) <a href="javascript:alert(5)">x</a> <iframe src="https://evil.example"></iframe>\n\n![x](javascript:alert(6))`,
      });
      const talker = await member();
      assert.equal((await post(`/ideas/${id}/comments`, talker, { body: `${hostile} <style>body{display:none}</style> <form action="https://evil.example"><button>Win</button></form>` })).statusCode, 303);
      assert.equal((await post(`/ideas/${id}/updates`, creator, { title: hostile, body: hostile })).statusCode, 303);
      const page = await get(`/ideas/${id}`);
      assert.equal(page.statusCode, 200);
      assertInert(mainOf(page.body));
      assert.ok(!page.body.includes("<script>alert(1)"), "no script tag from the content anywhere in the page");
      const head = page.body.slice(0, page.body.indexOf("</head>"));
      assert.deepEqual(activeContent(head).filter((found) => found !== "<meta>" && found !== "<link>"), [], "the head has only its own meta and link tags");
      assert.match(head, /<title>Lamp &lt;script>alert\(1\)&lt;\/script>/, "the title is escaped in the head");
      // The list's own filter form is a GET form of the page; the cards below it carry the content.
      const list = mainOf((await get("/ideas?sort=newest&language=en")).body);
      assert.ok(list.includes(`href="/ideas/${id}"`));
      assertInert(list.slice(list.indexOf("</form>")));
    });
  });
}
