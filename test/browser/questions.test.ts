/**
 * Q&A in a real browser: a newcomer asks a question in Persian (as a first post it waits for a moderator, who
 * approves it in the console), a member answers, the asker accepts, and the page shows the accepted answer in
 * Persian (right to left) and English. Then hostile posts are shown and nothing runs. Screenshots are kept.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import type { Actor } from "../../src/platform/auth/permissions.ts";
import { askQuestion, answerQuestion } from "../../src/modules/conversations/qa/service.ts";
import { startBrowserSite, type BrowserApp, SIGN_IN_LABELS, signInThroughForm, type SignInLabels } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";
import { HOSTILE } from "../../src/modules/conversations/qa/test-support.ts";

const PASSWORD = "a long and private passphrase";
const TITLE = "چطور با زودپز برقی برنج قهوه‌ای بپزم؟";
const BODY = "تازه زودپز خریده‌ام. برنج قهوه‌ای یا خیلی سفت می‌شود یا ته می‌گیرد. چقدر آب و چند دقیقه لازم است؟";
const ANSWER = "برای هر پیمانه برنج قهوه‌ای یک و ربع پیمانه آب بریزید، ۲۲ دقیقه روی فشار بالا بگذارید و بعد ده دقیقه صبر کنید تا فشار خودش آزاد شود.";

describe("Q&A in the browser", () => {
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;

  before(async () => {
    ({ site, browser, close } = await startBrowserSite());
  });
  after(async () => {
    await close?.();
  });

  async function member(email: string, name: string, locale: "fa" | "en", joinedDaysAgo = 0): Promise<number> {
    const { db } = site.testApp.app.hearth;
    const id = await createAccount(db, { email, name, password: PASSWORD, locale, verified: true });
    if (joinedDaysAgo > 0) await db.updateTable("accounts").set({ created_at: new Date(Date.now() - joinedDaysAgo * 86_400_000) }).where("id", "=", id).execute();
    return id;
  }

  const signedIn = (email: string, browserLocale: string, labels: SignInLabels) =>
    signInThroughForm(browser, site.baseUrl, { email, password: PASSWORD }, { browserLocale, labels, onPage: (page) => page.on("dialog", (dialog) => assert.fail(`a dialog fired: ${dialog.message()}`)) });

  test("a newcomer asks in Persian, a member answers, the asker accepts", async () => {
    const { db } = site.testApp.app.hearth;
    await member("sara@example.test", "سارا احمدی", "fa");
    const rezaId = await member("reza@example.test", "رضا کریمی", "fa", 30);
    const reza: Actor = { id: rezaId, email: "reza@example.test", name: "رضا کریمی", emailVerified: true, locale: "fa", createdAt: new Date(Date.now() - 30 * 86_400_000), roles: [] };
    const earlier = await askQuestion(db, reza, { title: "برنج قهوه‌ای در زودپز برقی چند دقیقه می‌خواهد؟", body: "برنج قهوه‌ای را با چه تنظیمی بپزم که شفته نشود؟", language: "fa" });
    await grantRole(db, await member("moderator@example.test", "Morgan Moderator", "en", 30), "moderator");

    // 1. The newcomer asks; similar questions are offered while typing; the first post waits for approval.
    const asker = await signedIn("sara@example.test", "fa-IR", SIGN_IN_LABELS.fa);
    const page = asker.page;
    await page.goto(`${site.baseUrl}/questions/new`);
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.equal(await page.getAttribute("html", "lang"), "fa");
    await page.getByRole("textbox", { name: "پرسش شما", exact: true }).fill(TITLE);
    // Similar questions follow the title as it is typed.
    await page.locator(`#similar-questions a[href="/questions/${earlier.id}"]`).waitFor();
    await page.getByRole("textbox", { name: "جزئیات", exact: true }).fill(BODY);
    await page.getByRole("combobox", { name: "زبان", exact: true }).selectOption("fa");
    await Promise.all([page.waitForURL(/\/questions\/\d+$/), page.getByRole("button", { name: "فرستادن پرسش" }).click()]);
    await page.waitForLoadState("load");
    const questionId = Number(/\/questions\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(questionId > 0);
    assert.match(await page.locator("main").innerText(), /ناظری نخستین نوشته‌های اعضای تازه را بررسی می‌کند/);
    await screenshot(page, "questions-1-asked-pending-fa");

    // 2. A moderator approves it from the console.
    const moderator = await signedIn("moderator@example.test", "en-GB", SIGN_IN_LABELS.en);
    await moderator.page.goto(`${site.baseUrl}/console/moderation`);
    const item = moderator.page.locator("li.moderation-case", { hasText: TITLE });
    assert.ok(await item.isVisible(), "the question is in the moderation queue");
    await item.getByRole("button", { name: "Approve" }).click();
    await moderator.page.getByText("Approved and published.").waitFor();
    await screenshot(moderator.page, "questions-2-approved-en");
    await moderator.context.close();

    // 3. A member answers.
    const helper = await signedIn("reza@example.test", "fa-IR", SIGN_IN_LABELS.fa);
    await helper.page.goto(`${site.baseUrl}/questions/${questionId}`);
    await helper.page.getByRole("textbox", { name: "پاسخ شما", exact: true }).fill(ANSWER);
    await helper.page.getByRole("button", { name: "فرستادن پاسخ" }).click();
    await helper.page.getByText("پاسخ شما منتشر شد.").waitFor();
    await helper.context.close();

    // 4. The asker accepts it; the page shows it as the accepted answer.
    await page.goto(`${site.baseUrl}/questions/${questionId}`);
    await page.getByRole("button", { name: "پذیرفتن این پاسخ" }).click();
    await page.getByText("پاسخ پذیرفته شد.").waitFor();
    await page.waitForLoadState("load");
    const accepted = page.locator("article.qa-answer--accepted");
    assert.match(await accepted.innerText(), /پاسخ پذیرفته‌شده/);
    assert.match(await accepted.innerText(), /۲۲ دقیقه/);
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    await screenshot(page, "questions-3-accepted-fa", { fullPage: true });
    await asker.context.close();

    // 5. The same page in English, for a visitor, who also finds it through the search box's suggestions.
    const visitor = await browser.newContext({ locale: "en-GB" });
    const english = await visitor.newPage();
    await english.goto(`${site.baseUrl}/search`);
    await english.getByRole("searchbox").pressSequentially("برنج قهوه", { delay: 20 });
    await english.locator(`#search-suggestions a[href="/questions/${questionId}"]`).waitFor();
    await english.goto(`${site.baseUrl}/questions/${questionId}`);
    assert.equal(await english.getAttribute("html", "dir"), "ltr");
    assert.match(await english.locator("article.qa-answer--accepted").innerText(), /Accepted answer/);
    await screenshot(english, "questions-4-accepted-en", { fullPage: true });
    await visitor.close();

    const stored = await db.selectFrom("questions").select(["status", "accepted_answer_id", "first_answer_seconds"]).where("id", "=", questionId).executeTakeFirstOrThrow();
    assert.equal(stored.status, "published");
    assert.ok(stored.accepted_answer_id !== null);
    assert.equal(typeof stored.first_answer_seconds, "number");
  });

  test("hostile posts run nothing: no dialog fires and no element is injected", async () => {
    const { db } = site.testApp.app.hearth;
    const attackerId = await member("mallory@example.test", "<img src=x onerror=alert(1)>", "en", 30);
    const attacker: Actor = { id: attackerId, email: "mallory@example.test", name: "<img src=x onerror=alert(1)>", emailVerified: true, locale: "en", createdAt: new Date(Date.now() - 30 * 86_400_000), roles: [] };
    const question = await askQuestion(db, attacker, { title: "Hostile question <script>alert(1)</script>", body: HOSTILE.join("\n\n"), language: "en" });
    await answerQuestion(db, attacker, question.id, HOSTILE.join("\n\n"));
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    for (const url of [`/questions/${question.id}`, "/questions", `/search?q=hostile`]) {
      await page.goto(`${site.baseUrl}${url}`);
      await page.waitForLoadState("load");
      await page.waitForTimeout(200);
      const injected = await page.evaluate(() => document.querySelectorAll("main script, main iframe, main svg, main math, main [onerror], main [onload], main [ontoggle], main a[href^='javascript' i], main img[src='x']").length);
      assert.equal(injected, 0, `no injected element on ${url}`);
    }
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
