/**
 * The community pages and API on both databases: hostile text in every field renders inert, bad
 * input gets a clear 4xx and changes nothing, JSON carries `url`, the reviews page carries its
 * schema.org AggregateRating, and the endpoints are in the OpenAPI document.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { after, before, describe, test } from "node:test";
import { Parser } from "htmlparser2";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../../test/helpers/app.ts";
import { multipart } from "../../../../test/helpers/multipart.ts";
import { activeContent } from "../../../../test/helpers/inert-html.ts";
import { visitor, type Visitor } from "../../../platform/console/test-support.ts";
import "./index.ts";
import { aCategory, aProduct, communityMember, gpxTrack } from "./test-support.ts";

const PAYLOADS = [
  `<script>alert("xss")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `<svg onload=alert(1)><circle r="5"/></svg>`,
  `[click me](javascript:alert(1))`,
  `[tricky](jav&#x09;ascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `![img](javascript:alert(1)) <a href="javascript:alert(1)" onclick="alert(1)">x</a>`,
  `<iframe src="https://evil.example"></iframe><style>body{display:none}</style>`,
].join("\n\n");
const HOSTILE_TITLE = `Title "><script>alert(1)</script><img src=x onerror=alert(1)>`;
const HOSTILE_SHORT = `<svg/onload=alert(1)>`;

/**
 * Nothing in the page can run script: the head holds only the layout's meta and link tags, and the
 * body's only "active" elements are Hearth's own — forms posting to Hearth's paths, the menus'
 * details, schema.org microdata, and the route drawing, an SVG of shapes with numeric attributes only.
 */
function assertInertPage(html: string): void {
  const headEnd = html.indexOf("</head>");
  assert.deepEqual(activeContent(html.slice(0, headEnd)).filter((found) => found !== "<meta>" && found !== "<link>"), [], "the head has only its own meta and link tags");
  const body = html.slice(headEnd);
  const own = { form: 0, details: 0, svg: 0, meta: 0 };
  let inSvg = 0;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "form" && /^\/[a-z]/.test(attributes.action ?? "")) own.form += 1;
      // schema.org microdata: data for search engines, never a refresh or a charset.
      if (name === "meta" && attributes.itemprop !== undefined && attributes["http-equiv"] === undefined && attributes.charset === undefined) own.meta += 1;
      if (name === "details" && ["site-menu", "site-nav__more-menu", "staff-tools", "review-respond", "post-edit"].includes(attributes.class ?? "")) own.details += 1;
      if (name === "svg" && attributes.class === "route-map__svg") {
        own.svg += 1;
        inSvg += 1;
      } else if (inSvg > 0) {
        assert.ok(["polyline", "circle"].includes(name), `<${name}> inside the route drawing`);
        for (const attribute of ["points", "cx", "cy", "r"]) if (attributes[attribute] !== undefined) assert.match(attributes[attribute] as string, /^[0-9., -]+$/, `${name}[${attribute}]`);
      }
    },
    onclosetag(name) {
      if (name === "svg" && inSvg > 0) inSvg -= 1;
    },
  });
  parser.write(body);
  parser.end();
  const found = activeContent(body);
  const others = found.filter((item) => !["<form>", "<details>", "<svg>", "<meta>"].includes(item));
  assert.deepEqual(others, [], "the page contains active content");
  assert.equal(found.filter((item) => item === "<form>").length, own.form, "every form posts to Hearth");
  assert.equal(found.filter((item) => item === "<details>").length, own.details, "every details element is Hearth's own");
  assert.equal(found.filter((item) => item === "<svg>").length, own.svg, "the only SVG is the route drawing");
  assert.equal(found.filter((item) => item === "<meta>").length, own.meta, "the body's meta tags are microdata only");
}


for (const kind of DATABASE_KINDS) {
  describe(`community pages and API (${kind})`, () => {
    let t: TestApp;
    let member: Visitor;
    let other: Visitor;
    let staff: Visitor;
    let anonymous: Visitor;
    let productId: number;
    let categoryId: number;

    before(async () => {
      t = await startTestApp(kind);
      const a = await communityMember(t, { name: `Mallory ${HOSTILE_SHORT}` });
      const b = await communityMember(t);
      const s = await communityMember(t, { roles: ["community_manager", "moderator"] });
      member = await visitor(t.app, a.id);
      other = await visitor(t.app, b.id);
      staff = await visitor(t.app, s.id);
      // A signed-out browser: no session, and no form token (it posts nothing that passes).
      anonymous = { cookie: "", csrf: "", get: (url, headers = {}) => t.app.inject({ url, headers }), post: (url, form = {}) => t.app.inject({ method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams(form).toString() }) };
      productId = await aProduct(t, `Bottle ${HOSTILE_SHORT}`);
      categoryId = await aCategory(t);
    });
    after(async () => {
      await t?.close();
    });

    const json = (who: Visitor, method: "POST" | "PUT" | "PATCH" | "GET" | "DELETE", url: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { cookie: who.cookie, "x-csrf-token": who.csrf, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    const count = async (table: "topics" | "posts" | "reviews" | "review_helpful_votes" | "poll_ballots" | "creations") =>
      Number((await t.app.hearth.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

    test("hostile text in every community field renders inert", async () => {
      const created = await member.post("/discussions/new", { categoryId: String(categoryId), title: HOSTILE_TITLE, body: PAYLOADS, language: "en", pollQuestion: HOSTILE_TITLE, pollOptions: `${HOSTILE_SHORT}\n<b onmouseover=alert(1)>b</b>` });
      assert.equal(created.statusCode, 303, created.body);
      const topicPath = (created.headers.location as string).split("#")[0] as string;
      const reply = await other.post(`${topicPath}/reply`, { body: PAYLOADS });
      assert.equal(reply.statusCode, 303, reply.body);
      const replyId = Number(/post-(\d+)/.exec(reply.headers.location as string)?.[1]);
      assert.equal((await member.post(`${topicPath}/reply`, { body: `Quoting: ${PAYLOADS}`, replyToId: String(replyId), quoteOfId: String(replyId) })).statusCode, 303);

      const review = await member.post(`/products/${productId}/reviews`, { rating: "4", title: HOSTILE_TITLE, body: PAYLOADS, language: "fa" });
      assert.equal(review.statusCode, 303, review.body);
      const reviewId = Number(/review-(\d+)/.exec(review.headers.location as string)?.[1]);
      assert.equal((await staff.post(`/reviews/${reviewId}/response`, { response: PAYLOADS })).statusCode, 303);

      const gpx = gpxTrack(`&lt;svg onload=alert(1)&gt;<![CDATA[<script>alert(1)</script>]]>`);
      const creation = await json(member, "POST", "/api/v1/creations", { title: HOSTILE_TITLE, body: PAYLOADS, language: "he", tags: ["<script>", "ok-tag"], gpx });
      assert.equal(creation.statusCode, 201, creation.body);
      const creationUrl = creation.json<{ url: string }>().url;

      const previewForm = await staff.post("/console/critique", { title: HOSTILE_TITLE, body: PAYLOADS, language: "en", questions: `${HOSTILE_SHORT}\nSecond?` });
      assert.equal(previewForm.statusCode, 303, previewForm.body);
      const previewId = Number(/critique\/(\d+)/.exec(previewForm.headers.location as string)?.[1]);
      assert.equal((await other.post(`/critique/${previewId}`, { rating: "3", liked: PAYLOADS, wouldChange: HOSTILE_TITLE, answer0: PAYLOADS })).statusCode, 303);

      for (const [who, path] of [
        [anonymous, "/discussions"],
        [member, topicPath],
        [staff, topicPath],
        [anonymous, `/discussions/c/general`],
        [other, `/products/${productId}/reviews`],
        [staff, `/products/${productId}/reviews`],
        [anonymous, "/creations"],
        [other, `/critique/${previewId}`],
        [staff, `/console/critique/${previewId}`],
      ] as const) {
        const page = await who.get(path);
        assert.equal(page.statusCode, 200, `${path}: ${page.statusCode}`);
        assertInertPage(page.body);
      }
      const creationPage = await other.get(creationUrl);
      assert.equal(creationPage.statusCode, 200);
      assertInertPage(creationPage.body);
      assert.match(creationPage.body, /<svg class="route-map__svg"/, "the route is drawn");
      assert.ok(creationPage.body.includes("&lt;svg onload=alert(1)>"), "the route's name is shown as escaped text");
      // The hostile text is there, escaped: it was not dropped silently.
      const topicPage = await other.get(topicPath);
      assert.ok(topicPage.body.includes("Title &quot;>&lt;script>alert(1)&lt;/script>"), "the title is escaped text");
    });

    test("bad input gets a clear 4xx and changes nothing", async () => {
      const topics = await count("topics");
      const empty = await member.post("/discussions/new", { categoryId: String(categoryId), title: "A good title", body: "", language: "en" });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /field__error/);
      const huge = await json(member, "POST", "/api/v1/topics", { categoryId, title: "A good title", body: "x".repeat(20_001), language: "en" });
      assert.equal(huge.statusCode, 400);
      assert.equal(huge.json<{ error: { code: string } }>().error.code, "validation_failed");
      const noCategory = await json(member, "POST", "/api/v1/topics", { categoryId: 987_654, title: "A good title", body: "Body", language: "en" });
      assert.equal(noCategory.statusCode, 400);
      assert.equal(await count("topics"), topics);

      assert.equal((await anonymous.get("/products/987654/reviews")).statusCode, 404);
      const unknown = await json(member, "POST", "/api/v1/products/987654/reviews", { rating: 5, body: "Great", language: "en" });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json<{ error: { code: string } }>().error.code, "product_not_found");

      const second = await aProduct(t, "Second product");
      const first = await json(other, "POST", `/api/v1/products/${second}/reviews`, { rating: 2, body: "Meh", language: "en" });
      assert.equal(first.statusCode, 201);
      const { id: reviewId, url } = first.json<{ id: number; url: string }>();
      assert.equal(url, `/products/${second}/reviews#review-${reviewId}`);
      const reviews = await count("reviews");
      const twice = await json(other, "POST", `/api/v1/products/${second}/reviews`, { rating: 5, body: "Changed my mind", language: "en" });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json<{ error: { code: string } }>().error.code, "already_reviewed");
      const form = await other.post(`/products/${second}/reviews`, { rating: "5", body: "Again", language: "en" });
      assert.equal(form.statusCode, 409);
      assert.equal(await count("reviews"), reviews);
      const badStars = await json(member, "POST", `/api/v1/products/${second}/reviews`, { rating: 0, body: "Zero", language: "en" });
      assert.equal(badStars.statusCode, 400);

      const votes = await count("review_helpful_votes");
      assert.equal((await json(other, "PUT", `/api/v1/reviews/${reviewId}/helpful`)).statusCode, 403);
      assert.equal((await json(member, "PUT", `/api/v1/reviews/${reviewId}/helpful`)).json<{ helpful: number }>().helpful, 1);
      const again = await json(member, "PUT", `/api/v1/reviews/${reviewId}/helpful`);
      assert.equal(again.statusCode, 409);
      assert.equal((await member.post(`/reviews/${reviewId}/helpful`)).statusCode, 409);
      assert.equal(await count("review_helpful_votes"), votes + 1);

      const poll = await json(member, "POST", "/api/v1/topics", { categoryId, title: "Pick one", body: "Go", language: "he", poll: { question: "Which?", options: ["a", "b"] } });
      assert.equal(poll.statusCode, 201);
      const detail = (await json(other, "GET", `/api/v1/topics/${poll.json<{ id: number }>().id}`)).json<{ poll: { id: number; options: Array<{ id: number }> } }>();
      const [optionA, optionB] = detail.poll.options;
      assert.equal((await other.post(`/discussions/polls/${detail.poll.id}/vote`, { options: String(optionA?.id) })).statusCode, 303);
      const ballots = await count("poll_ballots");
      assert.equal((await other.post(`/discussions/polls/${detail.poll.id}/vote`, { options: String(optionB?.id) })).statusCode, 409);
      assert.equal((await other.post(`/discussions/polls/${detail.poll.id}/vote`, { options: "x" })).statusCode, 400);
      assert.equal(await count("poll_ballots"), ballots);

      const creations = await count("creations");
      const badGpx = await json(member, "POST", "/api/v1/creations", { title: "Ride", body: "Route", language: "en", gpx: "<gpx><trk><trkseg><trkpt lat='1' lon='2'/></trkseg></trk></gpx>" });
      assert.equal(badGpx.statusCode, 400);
      assert.equal(badGpx.json<{ error: { code: string } }>().error.code, "invalid_gpx");
      const bomb = await json(member, "POST", "/api/v1/creations", { title: "Ride", body: "Route", language: "en", gpx: `<!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx/>` });
      assert.equal(bomb.statusCode, 400);
      assert.equal(await count("creations"), creations);
    });

    test("the creation form takes images and a GPX file; a bad GPX file gets the form back with its error", async () => {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c0392b" } }).png().toBuffer();
      const send = (files: Parameters<typeof multipart>[1]) => {
        const body = multipart({ _csrf: member.csrf, title: "Olive wood stand", body: "Made from a branch.", language: "en", tags: "wood", productId: String(productId) }, files);
        return t.app.inject({ method: "POST", url: "/creations/new", headers: { cookie: member.cookie, "content-type": body.contentType }, payload: body.payload });
      };
      const before = await count("creations");
      const bad = await send([{ field: "gpx", filename: "route.gpx", type: "application/gpx+xml", data: Buffer.from("<gpx><trk></trk></gpx>") }]);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /no track or route with at least two points/);
      assert.match(bad.body, /value="Olive wood stand"/, "the form keeps what was typed");
      assert.equal(await count("creations"), before);
      const good = await send([
        { field: "images", filename: "stand.png", type: "image/png", data: png },
        { field: "gpx", filename: "route.gpx", type: "application/gpx+xml", data: Buffer.from(gpxTrack("Hill")) },
      ]);
      assert.equal(good.statusCode, 303, good.body);
      const id = Number(/\/creations\/(\d+)$/.exec(good.headers.location as string)?.[1]);
      const image = await t.app.hearth.db.selectFrom("creation_images").select("file_name").where("creation_id", "=", id).executeTakeFirstOrThrow();
      assert.ok(existsSync(join(t.config.dataDir, "uploads", "creations", String(id), image.file_name)), "the image moved into the creation's folder");
      const page = await anonymous.get(`/creations/${id}`);
      assert.ok(page.body.includes(`/uploads/creations/${id}/${image.file_name.replace(".webp", ".thumb.webp")}`));
      assert.match(page.body, /<polyline class="route-map__line" points="[0-9., ]+"/);
      assertInertPage(page.body);

      const collected = await other.post(`/creations/${id}/collect`, { collectionId: "", name: HOSTILE_TITLE });
      assert.equal(collected.statusCode, 303);
      const collectionPath = collected.headers.location as string;
      assert.match(collectionPath, /^\/creations\/collections\/\d+$/);
      assert.equal((await other.post(`/creations/${id}/collect`, { collectionId: collectionPath.split("/").at(-1) as string })).statusCode, 303, "adding again changes nothing");
      assert.equal((await member.post(`/creations/${id}/collect`, { collectionId: collectionPath.split("/").at(-1) as string })).statusCode, 404, "only the owner adds to a collection");
      const collection = await anonymous.get(collectionPath);
      assert.equal(collection.statusCode, 200);
      assert.ok(collection.body.includes(`href="/creations/${id}"`));
      assertInertPage(collection.body);
    });

    test("authors edit their posts, reviews and creations; others may not; the old text is kept", async () => {
      const topic = await json(member, "POST", "/api/v1/topics", { categoryId, title: "Edit me please", body: "First version", language: "en" });
      const topicId = topic.json<{ id: number }>().id;
      const postId = (await json(member, "GET", `/api/v1/topics/${topicId}`)).json<{ opening: { id: number } }>().opening.id;
      assert.equal((await json(other, "PATCH", `/api/v1/posts/${postId}`, { body: "Hijacked" })).statusCode, 403);
      const edited = await json(member, "PATCH", `/api/v1/posts/${postId}`, { body: "Second version" });
      assert.equal(edited.statusCode, 200);
      assert.equal(edited.json<{ url: string }>().url, `/discussions/t/${topicId}#post-${postId}`);
      const form = await staff.post(`/discussions/posts/${postId}/edit`, { body: "Moderated version" });
      assert.equal(form.statusCode, 303);
      const revisions = await t.app.hearth.db.selectFrom("content_revisions").select("body").where("subject_type", "=", "topic.post").where("subject_id", "=", postId).orderBy("id").execute();
      assert.deepEqual(revisions.map((row) => row.body), ["First version", "Second version"]);
      const productForEdits = await aProduct(t, "Edited product");
      const review = (await json(member, "POST", `/api/v1/products/${productForEdits}/reviews`, { rating: 3, body: "Fine", language: "en" })).json<{ id: number }>();
      assert.equal((await json(other, "PATCH", `/api/v1/reviews/${review.id}`, { rating: 1, body: "Bad", language: "en" })).statusCode, 403);
      assert.equal((await json(member, "PATCH", `/api/v1/reviews/${review.id}`, { rating: 4, body: "Better after a month", language: "en" })).statusCode, 200);
      const creation = (await json(member, "POST", "/api/v1/creations", { title: "Shelf", body: "Wood", language: "en" })).json<{ id: number }>();
      assert.equal((await json(other, "PATCH", `/api/v1/creations/${creation.id}`, { title: "Mine now", body: "x" })).statusCode, 403);
      const changed = await json(member, "PATCH", `/api/v1/creations/${creation.id}`, { title: "Oak shelf", body: "Oiled oak", tags: ["Oak"] });
      assert.equal(changed.statusCode, 200);
      assert.deepEqual(changed.json<{ title: string; tags: string[] }>().tags, ["oak"]);
    });

    test("community managers add and rename categories in the console, audited", async () => {
      const fields = { slug: "rides", name_en: "Rides", name_fa: "سفرها", name_he: "רכיבות", description_en: "Plan a ride", description_fa: "", description_he: "" };
      assert.equal((await member.post("/console/discussions/categories", fields)).statusCode, 403);
      const added = await staff.post("/console/discussions/categories", fields);
      assert.equal(added.statusCode, 303, added.body);
      const row = await t.app.hearth.db.selectFrom("discussion_categories").select(["id", "names"]).where("slug", "=", "rides").executeTakeFirstOrThrow();
      assert.equal(row.names.fa, "سفرها");
      const taken = await staff.post("/console/discussions/categories", { ...fields, name_en: "Again" });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /Another category has this address name/);
      const missing = await staff.post("/console/discussions/categories", { ...fields, slug: "other", name_he: "" });
      assert.equal(missing.statusCode, 400);
      assert.equal((await staff.post(`/console/discussions/categories/${row.id}`, { ...fields, name_en: "Group rides" })).statusCode, 303);
      // Signed in: the anonymous page cache may still hold the list from a moment ago.
      assert.match((await other.get("/discussions")).body, /Group rides/);
      const audit = await t.app.hearth.db.selectFrom("audit_log").select("action").where("subject_type", "=", "discussion_category").where("subject_id", "=", String(row.id)).execute();
      assert.deepEqual(audit.map((entry) => entry.action).sort(), ["discussions.category.create", "discussions.category.update"]);
    });

    test("staff-only actions are refused to members and anonymous visitors", async () => {
      const topic = await json(member, "POST", "/api/v1/topics", { categoryId, title: "Staff test", body: "Body", language: "en" });
      const id = topic.json<{ id: number }>().id;
      assert.equal((await member.post(`/discussions/t/${id}/flag`, { flag: "pin" })).statusCode, 403);
      assert.equal((await anonymous.post(`/discussions/t/${id}/flag`, { flag: "pin" })).statusCode, 401);
      assert.equal((await staff.post(`/discussions/t/${id}/flag`, { flag: "pin" })).statusCode, 303);
      assert.equal((await member.get("/console/critique")).statusCode, 403);
      assert.equal((await json(member, "POST", "/api/v1/verified-purchases", { purchases: [{ externalId: "x", email: "a@b.cd", productId, purchasedAt: "2026-01-01T00:00:00Z" }] })).statusCode, 403);
    });

    test("JSON carries url; the reviews page carries an AggregateRating; the endpoints are documented", async () => {
      const topics = (await anonymous.get("/api/v1/topics")).json<{ items: Array<{ url: string }> }>();
      assert.ok(topics.items.length > 0 && topics.items.every((item) => /^\/discussions\/t\/\d+$/.test(item.url)));
      const reviews = (await anonymous.get(`/api/v1/products/${productId}/reviews`)).json<{ url: string; rating: { count: number }; items: Array<{ url: string }> }>();
      assert.ok(reviews.items.every((item) => item.url.startsWith(`/products/${productId}/reviews#review-`)));
      const creations = (await anonymous.get("/api/v1/creations")).json<{ items: Array<{ url: string }> }>();
      assert.ok(creations.items.every((item) => /^\/creations\/\d+$/.test(item.url)));
      const page = await anonymous.get(`/products/${productId}/reviews`);
      assert.match(page.body, /itemtype="https:\/\/schema.org\/AggregateRating"/);
      assert.match(page.body, new RegExp(`itemprop="reviewCount" content="${reviews.rating.count}"`));
      assert.match(page.body, /itemprop="ratingValue" content="[0-9.]+"/);
      const document = (await anonymous.get("/api/openapi.json")).json<{ paths: Record<string, unknown> }>();
      for (const path of ["/api/v1/topics", "/api/v1/topics/{id}", "/api/v1/topics/{id}/posts", "/api/v1/products/{id}/reviews", "/api/v1/reviews/{id}/helpful", "/api/v1/creations", "/api/v1/creations/{id}", "/api/v1/creations/{id}/like"]) {
        assert.ok(document.paths[path], path);
      }
    });
  });
}
