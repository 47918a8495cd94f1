/**
 * Community conversations in a real browser against a listening Hearth: a member starts a topic
 * with a poll in Hebrew, another quotes it in a reply and votes; a member reviews a product in
 * English; a creation's GPX route is drawn. Hostile text rides along in every step and no dialog
 * ever opens. Screenshots (Hebrew right-to-left, English) are kept as test artefacts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createAccount } from "../../src/platform/auth/accounts.ts";
import { aCategory, aProduct, gpxTrack } from "../../src/modules/conversations/community/test-support.ts";
import { startBrowserSite, SIGN_IN_LABELS, signInThroughForm, type SignInLabels } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";
import type { TestApp } from "../helpers/app.ts";

const PASSWORD = "a long and private passphrase";
const HOSTILE = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
const TOPIC_TITLE = "איזה צבע למהדורה הבאה?";

describe("community conversations in the browser", () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let close: () => Promise<void>;
  let productId: number;
  const dialogs: string[] = [];

  before(async () => {
    const started = await startBrowserSite();
    ({ browser, close } = started);
    t = started.site.testApp;
    baseUrl = started.site.baseUrl;
    const { db } = t.app.hearth;
    await aCategory(t, "general");
    productId = await aProduct(t, "Trail bottle");
    const joined = new Date(Date.now() - 30 * 86_400_000);
    for (const [email, name, locale] of [
      ["yael@example.test", "יעל כהן", "he"],
      ["avi@example.test", "אבי לוי", "he"],
      ["sam@example.test", "Sam Rider", "en"],
    ] as const) {
      await createAccount(db, { email, name, password: PASSWORD, locale, verified: true, createdAt: joined });
    }
  });
  after(async () => {
    await close?.();
  });

  const signedIn = (email: string, browserLocale: string, labels: SignInLabels) =>
    signInThroughForm(browser, baseUrl, { email, password: PASSWORD }, {
      browserLocale,
      labels,
      onPage: (page) =>
        page.on("dialog", async (dialog) => {
          dialogs.push(dialog.message());
          await dialog.dismiss();
        }),
    });

  test("a Hebrew topic with a poll, a quoting reply and a vote; a review; a drawn route; no dialog fires", async () => {
    // 1. Yael starts a topic with a poll, in Hebrew.
    const yael = await signedIn("yael@example.test", "he-IL", SIGN_IN_LABELS.he);
    const page = yael.page;
    await page.goto(`${baseUrl}/discussions/new`);
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    await page.getByRole("combobox", { name: "קטגוריה", exact: true }).selectOption({ label: "כללי" });
    await page.getByRole("textbox", { name: "כותרת", exact: true }).fill(TOPIC_TITLE);
    await page.getByRole("textbox", { name: "הודעה", exact: true }).fill(`חשבתי על ירוק יער או חול. מה דעתכם? ${HOSTILE}`);
    await page.getByRole("textbox", { name: "שאלת הסקר", exact: true }).fill("איזה צבע?");
    await page.getByRole("textbox", { name: "אפשרויות", exact: true }).fill("ירוק יער\nחול\nכחול לילה");
    await Promise.all([page.waitForURL(/\/discussions\/t\/\d+$/), page.getByRole("button", { name: "פתיחת הנושא" }).click()]);
    await page.waitForLoadState("load");
    const topicUrl = page.url();
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), TOPIC_TITLE);
    assert.match(await page.locator("main").innerText(), /הנושא שלך נפתח\./);
    assert.ok(await page.getByRole("radio", { name: "חול", exact: true }).isVisible(), "the poll offers its options");
    await screenshot(page, "community-1-topic-with-poll-he");
    await yael.context.close();

    // 2. Avi quotes the opening post in a reply, then votes.
    const avi = await signedIn("avi@example.test", "he-IL", SIGN_IN_LABELS.he);
    const second = avi.page;
    await second.goto(topicUrl);
    await second.getByRole("article", { name: "הודעה של יעל כהן" }).getByRole("link", { name: "ציטוט" }).click();
    await second.waitForLoadState("load");
    assert.match(await second.locator("#reply").innerText(), /עם ציטוט של יעל כהן\./);
    await second.getByRole("textbox", { name: "הודעה", exact: true }).fill(`חול, בלי ספק. ${HOSTILE}`);
    await Promise.all([second.waitForURL(/\/discussions\/t\/\d+(#post-\d+)?$/), second.getByRole("button", { name: "פרסום התגובה" }).click()]);
    await second.getByText("התגובה שלך פורסמה.").waitFor();
    const reply = second.getByRole("article", { name: "הודעה של אבי לוי" });
    assert.match(await reply.locator(".post__quote").innerText(), /יעל כהן כתב\/ה:[\s\S]*חשבתי על ירוק יער/);
    await second.getByRole("radio", { name: "חול", exact: true }).check();
    await second.getByRole("button", { name: "הצבעה" }).click();
    await second.getByText("ההצבעה שלך נספרה.").waitFor();
    await second.waitForLoadState("load");
    const poll = await second.locator(".poll").innerText();
    assert.match(poll, /ההצבעה שלך/);
    assert.match(poll, /חבר אחד הצביע/);
    await screenshot(second, "community-2-quote-and-vote-he");
    await avi.context.close();

    // 3. Sam reviews the product in English.
    const sam = await signedIn("sam@example.test", "en-GB", SIGN_IN_LABELS.en);
    const third = sam.page;
    await third.goto(`${baseUrl}/products/${productId}/reviews`);
    assert.equal(await third.getAttribute("html", "dir"), "ltr");
    await third.getByRole("combobox", { name: "Your rating", exact: true }).selectOption("4");
    await third.getByRole("textbox", { name: "Title (optional)", exact: true }).fill(`Sturdy ${HOSTILE}`);
    await third.getByRole("textbox", { name: "Your review", exact: true }).fill("Keeps water cold all day; the lid is a bit stiff.");
    await Promise.all([third.waitForURL(/\/reviews#review-\d+$/), third.getByRole("button", { name: "Publish the review" }).click()]);
    await third.getByText("Your review is published.").waitFor();
    const review = await third.getByRole("article", { name: "Review by Sam Rider" }).innerText();
    assert.match(review, /Keeps water cold all day/);
    assert.match(await third.locator(".rating-summary").innerText(), /from 1 review/);
    await screenshot(third, "community-3-review-en");

    // 4. Sam shares a ride with its GPX route; the page draws it.
    await third.goto(`${baseUrl}/creations/new`);
    await third.getByRole("textbox", { name: "Title", exact: true }).fill(`Coast loop ${HOSTILE}`);
    await third.getByRole("textbox", { name: "Tell the story", exact: true }).fill("Sixty kilometres of quiet roads before the traffic wakes up.");
    await third.getByLabel("Route (GPX file, optional)").setInputFiles({ name: "coast.gpx", mimeType: "application/gpx+xml", buffer: Buffer.from(gpxTrack("Coast &lt;img src=x onerror=alert(3)&gt;")) });
    await Promise.all([third.waitForURL(/\/creations\/\d+$/), third.getByRole("button", { name: "Share it" }).click()]);
    await third.waitForLoadState("load");
    const route = third.locator("svg.route-map__svg polyline");
    assert.equal(await route.count(), 1, "the route is drawn");
    assert.match((await route.getAttribute("points")) ?? "", /^[0-9., ]+$/);
    assert.match(await third.locator("figure.route-map figcaption").innerText(), /Route map “Coast <img src=x onerror=alert\(3\)>”, \d+(\.\d)? km/);
    await screenshot(third, "community-4-route-en");
    await sam.context.close();

    assert.deepEqual(dialogs, [], "no script from member text ran");
  });
});
