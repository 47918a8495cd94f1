/**
 * An idea's way to its first milestone, in a real browser against a listening Hearth with its job
 * worker and a real SMTP server: a member submits an idea in Hebrew → a moderator approves it in the
 * console → three members support it → the creator is mailed that it reached the first milestone,
 * and the idea page shows the next one. Screenshots are kept as test artefacts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import { writeSetting } from "../../src/platform/settings/index.ts";
import { ideasSettings } from "../../src/modules/ideas/settings.ts";
import { startBrowserSite, type BrowserApp, SIGN_IN_LABELS, signInThroughForm, type SignInLabels } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";
import type { TestSmtpServer } from "../helpers/smtp.ts";

const PASSWORD = "a long and private passphrase";
const TITLE = "מעמד לטלפון מעץ זית";
const BODY = "מעמד קטן לטלפון, עשוי מעץ זית ממוחזר, עם חריץ לכבל הטעינה. מתאים לשולחן העבודה, למטבח וללילה ליד המיטה.";

describe("an idea in the browser, from submission to its first milestone", () => {
  let smtp: TestSmtpServer;
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;

  before(async () => {
    ({ smtp, site, browser, close } = await startBrowserSite());
    const { db } = site.testApp.app.hearth;
    // Small milestones, and no waiting period for new accounts, so three supporters reach the first.
    await writeSetting(
      db,
      ideasSettings,
      {
        ...ideasSettings.defaults,
        milestones: { steps: [{ target: 3, window: 60, unit: "days" }, { target: 10, window: 365, unit: "days" }] },
        trustBar: { minAccountAgeHours: 0, requireVerifiedEmail: true },
      },
      null,
    );
  });
  after(async () => {
    await close?.();
  });

  /** A verified member who reads the site in `locale`. */
  async function member(email: string, name: string, locale: "he" | "en"): Promise<number> {
    return createAccount(site.testApp.app.hearth.db, { email, name, password: PASSWORD, locale, verified: true });
  }

  const signedIn = (email: string, browserLocale: string, labels: SignInLabels) => signInThroughForm(browser, site.baseUrl, { email, password: PASSWORD }, { browserLocale, labels });

  test("a Hebrew idea is approved, supported by three members and reaches its first milestone", async () => {
    const { db } = site.testApp.app.hearth;
    const creatorEmail = "yael@example.test";
    await member(creatorEmail, "יעל כהן", "he");
    const moderatorId = await member("moderator@example.test", "Morgan Moderator", "en");
    await grantRole(db, moderatorId, "moderator");
    const supporters = ["avi@example.test", "noa@example.test", "dana@example.test"];
    const names = ["אבי לוי", "נועה פרץ", "דנה מזרחי"];
    for (const [index, email] of supporters.entries()) await member(email, names[index] ?? email, "he");

    // 1. The creator submits the idea in Hebrew.
    const creator = await signedIn(creatorEmail, "he-IL", SIGN_IN_LABELS.he);
    const creatorPage = creator.page;
    await creatorPage.goto(`${site.baseUrl}/ideas/new`);
    assert.equal(await creatorPage.getAttribute("html", "dir"), "rtl");
    assert.equal(await creatorPage.getAttribute("html", "lang"), "he");
    // Roles by accessible name: the required marker (" *") is hidden from it.
    await creatorPage.getByRole("textbox", { name: "כותרת", exact: true }).fill(TITLE);
    await creatorPage.getByRole("textbox", { name: "תיאור", exact: true }).fill(BODY);
    await creatorPage.getByRole("combobox", { name: "שפה", exact: true }).selectOption("he");
    await creatorPage.getByRole("checkbox", { name: /קראתי את תנאי הרישיון/ }).check();
    await Promise.all([creatorPage.waitForURL(/\/ideas\/\d+$/), creatorPage.getByRole("button", { name: "שליחה לבדיקה" }).click()]);
    await creatorPage.waitForLoadState("load");
    const ideaId = Number(/\/ideas\/(\d+)$/.exec(creatorPage.url())?.[1]);
    assert.ok(ideaId > 0, "the form leads to the new idea's page");
    const waiting = await creatorPage.locator("main").innerText();
    assert.match(waiting, /הרעיון נשלח\. מנחה יבדוק אותו בקרוב\./, "the flash confirms the submission");
    assert.match(waiting, /ממתין לאישור/, "the badge says it waits for moderation");
    assert.match(waiting, /מנחה בודק את הרעיון מול ההנחיות/, "the page explains what moderation means");
    assert.equal(await creatorPage.getByRole("heading", { level: 1 }).innerText(), TITLE);
    await screenshot(creatorPage, "ideas-1-submitted-he");
    const submitted = await db.selectFrom("ideas").select(["state", "language", "title"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    assert.deepEqual(submitted, { state: "in_moderation", language: "he", title: TITLE });

    // 2. A moderator approves it from the console's queue.
    const moderator = await signedIn("moderator@example.test", "en-GB", SIGN_IN_LABELS.en);
    const queue = moderator.page;
    await queue.goto(`${site.baseUrl}/console/ideas/moderation`);
    const submission = queue.getByRole("article", { name: new RegExp(TITLE) });
    assert.ok(await submission.isVisible(), "the idea is in the moderation queue");
    assert.match(await submission.innerText(), /מעץ זית ממוחזר/, "the queue shows the description");
    await screenshot(queue, "ideas-2-moderation-queue-en");
    await submission.getByRole("button", { name: "Approve and publish" }).click();
    // The form posts back to the queue's own address: wait for the page after the redirect, not the URL.
    await queue.getByText("The idea is approved and open for support.").waitFor();
    await queue.waitForLoadState("load");
    const decided = await queue.locator("main").innerText();
    assert.match(decided, /The idea is approved and open for support\./);
    assert.match(decided, /No ideas are waiting for moderation\./);
    await screenshot(queue, "ideas-3-moderation-approved-en");
    await moderator.context.close();
    assert.equal((await db.selectFrom("ideas").select("state").where("id", "=", ideaId).executeTakeFirstOrThrow()).state, "open");

    // 3. Three members support it; the first milestone (3) falls with the third.
    const ideaUrl = `${site.baseUrl}/ideas/${ideaId}`;
    for (const [index, email] of supporters.entries()) {
      const supporter = await signedIn(email, "he-IL", SIGN_IN_LABELS.he);
      const page = supporter.page;
      await page.goto(ideaUrl);
      assert.match(await page.locator("main").innerText(), new RegExp(`${index} מתוך 3 תומכים`), "the bar counts the supporters so far");
      await page.getByRole("button", { name: "לתמוך ברעיון הזה" }).click();
      // The support redirects back to this same address: wait for the page that says so.
      await page.getByText("תודה על התמיכה!").waitFor();
      await page.waitForLoadState("load");
      const text = await page.locator("main").innerText();
      assert.match(text, /תודה על התמיכה!/);
      assert.match(text, /אתם תומכים ברעיון הזה\./);
      if (index === 1) {
        assert.match(text, /2 מתוך 3 תומכים/);
        const bar = page.locator("progress");
        assert.equal(await bar.getAttribute("max"), "3");
        assert.equal(await bar.getAttribute("value"), "2");
        assert.equal(await page.getAttribute("html", "dir"), "rtl");
        await screenshot(page, "ideas-4-second-support-he");
      }
      if (index === 2) {
        // The next milestone: 10 supporters, with its own deadline.
        assert.match(text, /3 מתוך 10 תומכים/);
        assert.match(text, /נותרו \d+ ימים/);
        assert.match(text, /מועד אחרון:/);
        assert.equal(await page.locator("progress").getAttribute("max"), "10");
        await screenshot(page, "ideas-5-first-milestone-he");
      }
      await supporter.context.close();
    }

    const reached = await db.selectFrom("ideas").select(["verified_supporters", "milestones_reached_at", "state"]).where("id", "=", ideaId).executeTakeFirstOrThrow();
    assert.equal(reached.verified_supporters, 3);
    assert.equal(reached.milestones_reached_at.length, 1);
    assert.equal(reached.state, "open");

    // 4. The creator hears of it by email, in Hebrew, with a link to the idea.
    const milestoneSubject = `"${TITLE}" הגיע ל־3 תומכים`;
    const mail = await smtp.waitForMail((message) => [message.to].flat().some((address) => address?.text.includes(creatorEmail)) && message.subject === milestoneSubject, 15_000);
    assert.match(mail.text ?? "", new RegExp(TITLE));
    assert.match(mail.text ?? "", /הגיע ליעד 1: 3 תומכים!/);
    assert.ok((mail.text ?? "").includes(`${site.baseUrl}/ideas/${ideaId}`), "the mail links to the idea");
    assert.ok((mail.html || "").includes(`href="${site.baseUrl}/ideas/${ideaId}"`), "the HTML mail links to the idea");

    // 5. The creator's own view of the idea now shows the next milestone.
    await creatorPage.goto(`${site.baseUrl}/ideas/${ideaId}`);
    const creatorView = await creatorPage.locator("main").innerText();
    assert.match(creatorView, /3 מתוך 10 תומכים/);
    assert.match(creatorView, /זה הרעיון שלכם/);
    await screenshot(creatorPage, "ideas-6-creator-next-milestone-he");
    await creator.context.close();
  });
});
