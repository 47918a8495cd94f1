/**
 * A member's way up, in a real browser against a listening Hearth with its job worker: two members
 * (one reading in English, one in Hebrew) comment on an idea until their activity earns trust level 1,
 * see the promotion notice and the new ability on their profile; the community team makes one an
 * ambassador from her profile and nominates and accepts the other in the console; each accepts the
 * agreement and enters the ambassador space. Screenshots are kept as test artefacts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import type { Actor } from "../../src/platform/auth/permissions.ts";
import { createIdea, moderateIdea } from "../../src/modules/ideas/service.ts";
import { startBrowserSite, type BrowserApp, SIGN_IN_LABELS, signInThroughForm, type SignInLabels } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";

const PASSWORD = "a long and private passphrase";
const DAY = 86_400_000;
/** The per-member re-score runs a couple of seconds after the activity; a slow machine gets more. */
const PROMOTION_WAIT_MS = 30_000;

/** What each reader sees, in their language. */
const WORDS = {
  en: {
    browserLocale: "en-GB",
    labels: SIGN_IN_LABELS.en,
    comment: "Your comment",
    post: "Post the comment",
    promoted: /You reached trust level 1 — because:/,
    canNow: "What your level lets you do now",
    postLinks: "Post links freely",
    readAgreement: "Read the agreement",
    accept: "I accept the agreement",
    welcome: "Welcome: you are an ambassador.",
    space: "Ambassador space",
    needsAgreement: "Accept the ambassador agreement to enter the space.",
  },
  he: {
    browserLocale: "he-IL",
    labels: SIGN_IN_LABELS.he,
    comment: "התגובה שלכם",
    post: "פרסום התגובה",
    promoted: /הגעת לדרגת אמון 1 — כי:/,
    canNow: "מה שהדרגה שלך מאפשרת עכשיו",
    postLinks: "לפרסם קישורים בחופשיות",
    readAgreement: "לקריאת ההסכם",
    accept: "אני מאשר/ת את ההסכם",
    welcome: "ברוכים הבאים: את/ה שגריר/ה.",
    space: "מרחב השגרירים",
    needsAgreement: "אשרו את הסכם השגרירים כדי להיכנס למרחב.",
  },
} as const;

type Language = keyof typeof WORDS;

describe("members in the browser: a trust level earned by activity, then the ambassador programme", () => {
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let ideaId: number;

  before(async () => {
    ({ site, browser, close } = await startBrowserSite());
    const { db } = site.testApp.app.hearth;
    const creatorId = await createAccount(db, { email: "creator@example.test", name: "Cara Creator", password: PASSWORD, locale: "en", verified: true });
    const moderatorId = await createAccount(db, { email: "moderator@example.test", name: "Morgan Moderator", password: PASSWORD, locale: "en", verified: true });
    await grantRole(db, moderatorId, "moderator");
    const actor = (id: number, name: string, email: string, roles: Actor["roles"]): Actor => ({ id, email, name, emailVerified: true, locale: "en", createdAt: new Date(), roles });
    ideaId = await createIdea(db, actor(creatorId, "Cara Creator", "creator@example.test", [{ role: "member", scope: "*" }]), {
      title: "A lamp that follows the sun",
      body: "It turns towards the window during the day and dims itself at night.",
      language: "en",
      acceptLicence: true,
      submit: true,
    });
    await moderateIdea(db, actor(moderatorId, "Morgan Moderator", "moderator@example.test", [{ role: "member", scope: "*" }, { role: "moderator", scope: "*" }]), ideaId, "approve", "");
  });
  after(async () => {
    await close?.();
  });

  const signedIn = (email: string, browserLocale: string, labels: SignInLabels) => signInThroughForm(browser, site.baseUrl, { email, password: PASSWORD }, { browserLocale, labels });

  /** A verified member of a few days (trust level 1 asks for a day's age) reading in `language`. */
  async function member(email: string, name: string, language: Language): Promise<number> {
    return createAccount(site.testApp.app.hearth.db, { email, name, password: PASSWORD, locale: language, verified: true, createdAt: new Date(Date.now() - 3 * DAY) });
  }

  /** Comments three times on the idea, through its form, as a person would. */
  async function takePart(page: Page, language: Language): Promise<void> {
    const words = WORDS[language];
    for (const text of ["I would buy this for my desk.", "Could it work with a battery?", "A timer would be lovely too."]) {
      await page.goto(`${site.baseUrl}/ideas/${ideaId}`);
      await page.getByRole("textbox", { name: words.comment, exact: true }).fill(text);
      await Promise.all([page.waitForURL(/#comment-\d+$/), page.getByRole("button", { name: words.post }).click()]);
    }
  }

  /** Reloads the notifications page until the promotion notice is there (the re-score job runs in the worker). */
  async function promotionNotice(page: Page, language: Language): Promise<string> {
    const deadline = Date.now() + PROMOTION_WAIT_MS;
    for (;;) {
      await page.goto(`${site.baseUrl}/notifications`);
      const text = await page.locator("main").innerText();
      if (WORDS[language].promoted.test(text)) return text;
      if (Date.now() > deadline) assert.fail(`no promotion notice after ${PROMOTION_WAIT_MS} ms:\n${text}`);
      await page.waitForTimeout(500);
    }
  }

  /** The member earns level 1, is told so, and their own profile shows what level 1 lets them do. */
  async function earnLevelOne(page: Page, accountId: number, language: Language): Promise<void> {
    const words = WORDS[language];
    await takePart(page, language);
    const notice = await promotionNotice(page, language);
    assert.match(notice, words.promoted);
    await screenshot(page, `members-1-promotion-notice-${language}`);
    await page.goto(`${site.baseUrl}/members/${accountId}`);
    const abilities = page.getByRole("list", { name: words.canNow, exact: true });
    assert.match(await abilities.innerText(), new RegExp(words.postLinks));
    await screenshot(page, `members-2-profile-ability-${language}`);
    const level = await site.testApp.app.hearth.db.selectFrom("member_scores").select("trust_level").where("account_id", "=", accountId).executeTakeFirstOrThrow();
    assert.equal(level.trust_level, 1);
  }

  /** The member reads and accepts the agreement, and lands in the ambassador space. */
  async function acceptAndEnter(page: Page, language: Language): Promise<void> {
    const words = WORDS[language];
    const refused = await page.goto(`${site.baseUrl}/ambassadors/space`);
    assert.equal(refused?.status(), 403, "not yet: the agreement comes first");
    assert.match(await page.locator("main").innerText(), new RegExp(words.needsAgreement));
    await Promise.all([page.waitForURL(/\/ambassadors\/agreement$/), page.getByRole("link", { name: words.readAgreement }).click()]);
    await screenshot(page, `members-4-agreement-${language}`);
    await Promise.all([page.waitForURL(/\/ambassadors\/space$/), page.getByRole("button", { name: words.accept }).click()]);
    const main = await page.locator("main").innerText();
    assert.match(main, new RegExp(words.welcome));
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), words.space);
    await screenshot(page, `members-5-space-${language}`);
  }

  test("an English member earns level 1, is made an ambassador from her profile and enters the space", async () => {
    const { db } = site.testApp.app.hearth;
    const danaId = await member("dana@example.test", "Dana Walker", "en");
    const managerId = await createAccount(db, { email: "manager@example.test", name: "Casey Manager", password: PASSWORD, locale: "en", verified: true });
    await grantRole(db, managerId, "community_manager");

    const dana = await signedIn("dana@example.test", WORDS.en.browserLocale, WORDS.en.labels);
    await earnLevelOne(dana.page, danaId, "en");

    // The space is closed to her until she is an ambassador.
    const closed = await dana.page.goto(`${site.baseUrl}/ambassadors/space`);
    assert.equal(closed?.status(), 403);
    assert.match(await dana.page.locator("main").innerText(), /Only ambassadors can see this page/);

    // The community team grants ambassador on her profile.
    const manager = await signedIn("manager@example.test", "en-GB", SIGN_IN_LABELS.en);
    await manager.page.goto(`${site.baseUrl}/members/${danaId}`);
    await manager.page.getByRole("checkbox", { name: "Ambassador" }).check();
    await Promise.all([manager.page.waitForURL(new RegExp(`/members/${danaId}$`)), manager.page.getByRole("button", { name: "Save", exact: true }).click()]);
    await screenshot(manager.page, "members-3-grant-en");

    // The community team fills the space: an announcement, a perk and a task.
    const console = manager.page;
    await console.goto(`${site.baseUrl}/console/ambassadors/programme`);
    const announce = console.getByRole("form", { name: "Post an announcement" });
    await announce.getByRole("textbox", { name: "Announcement", exact: true }).fill("The **spring beta** opens next week.");
    await Promise.all([console.waitForURL(/\/console\/ambassadors\/programme$/), announce.getByRole("button", { name: "Post" }).click()]);
    const perk = console.getByRole("form", { name: "Add a perk" });
    await perk.getByRole("textbox", { name: "Title", exact: true }).fill("Early access to betas");
    await Promise.all([console.waitForURL(/\/console\/ambassadors\/programme$/), perk.getByRole("button", { name: "Add a perk" }).click()]);
    const task = console.getByRole("form", { name: "Add a task" });
    await task.getByRole("textbox", { name: "Title", exact: true }).fill("Host a meet-up in your city");
    await task.getByRole("spinbutton", { name: "Points" }).fill("40");
    await Promise.all([console.waitForURL(/\/console\/ambassadors\/programme$/), task.getByRole("button", { name: "Add a task" }).click()]);

    await acceptAndEnter(dana.page, "en");
    const space = await dana.page.locator("main").innerText();
    for (const text of ["The spring beta opens next week.", "Early access to betas", "Host a meet-up in your city", "40 points"]) assert.ok(space.includes(text), text);

    // She reports the task done with a link; the community team confirms it, which records her activity.
    const report = dana.page.getByRole("form", { name: "Report “Host a meet-up in your city” done" });
    await report.getByRole("textbox", { name: "Link (optional)" }).fill("https://example.org/meetups/spring");
    await Promise.all([dana.page.waitForURL(/\/ambassadors\/space$/), report.getByRole("button", { name: "Mark as done" }).click()]);
    assert.match(await dana.page.locator("main").innerText(), /Reported — waiting for the community team/);
    await console.goto(`${site.baseUrl}/console/ambassadors/programme`);
    await Promise.all([console.waitForURL(/\/console\/ambassadors\/programme$/), console.getByRole("form", { name: "Confirm “Host a meet-up in your city” for Dana Walker" }).getByRole("button").click()]);
    const activity = await db.selectFrom("activities").select("type").where("actor_id", "=", danaId).where("type", "=", "ambassador.task").execute();
    assert.equal(activity.length, 1);
    await console.goto(`${site.baseUrl}/console/ambassadors/${danaId}/impact`);
    await screenshot(console, "members-6-impact-en");
    const agreement = await db.selectFrom("ambassador_agreements").select(["terms_sha256", "locale"]).where("account_id", "=", danaId).executeTakeFirstOrThrow();
    assert.match(agreement.terms_sha256, /^[0-9a-f]{64}$/);
    assert.equal(agreement.locale, "en");
    await manager.context.close();
    await dana.context.close();
  });

  test("a Hebrew member earns level 1, is nominated and accepted in the console, and enters the space right to left", async () => {
    const { db } = site.testApp.app.hearth;
    const yaelId = await member("yael@example.test", "יעל כהן", "he");
    const yael = await signedIn("yael@example.test", WORDS.he.browserLocale, WORDS.he.labels);
    assert.equal(await yael.page.getAttribute("html", "dir"), "rtl");
    await earnLevelOne(yael.page, yaelId, "he");

    // Staff nominate her and accept the nomination in the console.
    const manager = await signedIn("manager@example.test", "en-GB", SIGN_IN_LABELS.en);
    await manager.page.goto(`${site.baseUrl}/console/ambassadors`);
    const nominate = manager.page.getByRole("form", { name: "Nominate a member" });
    await nominate.getByRole("textbox", { name: "Member", exact: true }).fill(`/members/${yaelId}`);
    await nominate.getByRole("textbox", { name: "Why this member?", exact: true }).fill("Welcomes every newcomer in Hebrew.");
    await Promise.all([manager.page.waitForURL(/\/console\/ambassadors$/), nominate.getByRole("button", { name: "Send the nomination" }).click()]);
    await Promise.all([manager.page.waitForURL(/\/console\/ambassadors$/), manager.page.getByRole("form", { name: "Accept the nomination of יעל כהן" }).getByRole("button").click()]);
    assert.match(await manager.page.locator("main").innerText(), /The nomination was accepted/);
    await screenshot(manager.page, "members-3-nomination-accepted-en");

    await acceptAndEnter(yael.page, "he");
    assert.equal(await yael.page.getAttribute("html", "dir"), "rtl");
    assert.match(await yael.page.locator("main").innerText(), /Dana Walker/, "her fellow ambassador is listed");
    const flag = await db.selectFrom("member_scores").select("ambassador").where("account_id", "=", yaelId).executeTakeFirstOrThrow();
    assert.equal(flag.ambassador, true);
    await manager.context.close();
    await yael.context.close();
  });
});
