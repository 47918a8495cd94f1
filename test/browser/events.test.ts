/**
 * A member-run event in a real browser against a listening Hearth: a member applies for a licence in
 * Hebrew → the community manager approves it with conditions in the console → the organiser creates an
 * event in Hebrew in Jerusalem's time zone → two members RSVP and get tickets → the organiser opens a
 * ticket's signed check-in link (what its QR code holds) and checks the attendee in → after the event
 * the attendee answers the survey and adds a photo, and the organiser reads the results. Screenshots
 * are kept as test artefacts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import { checkInSignature } from "../../src/modules/events/service.ts";
import { toLocalInput } from "../../src/modules/events/rules.ts";
import { giveTrustLevel } from "../../src/modules/events/testing.ts";
import { startBrowserSite, type BrowserApp, SIGN_IN_LABELS, signInThroughForm, type SignInLabels } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";

const PASSWORD = "a long and private passphrase";
const DAY = 86_400_000;
const TITLE = "ערב בונים בתל אביב";

describe("an event in the browser, from licence to check-in", () => {
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;

  before(async () => {
    ({ site, browser, close } = await startBrowserSite());
  });
  after(async () => {
    await close?.();
  });

  async function member(email: string, name: string, locale: "he" | "en"): Promise<number> {
    return createAccount(site.testApp.app.hearth.db, { email, name, password: PASSWORD, locale, verified: true, createdAt: new Date(Date.now() - 90 * DAY) });
  }

  const signedIn = (email: string, browserLocale: string, labels: SignInLabels) => signInThroughForm(browser, site.baseUrl, { email, password: PASSWORD }, { browserLocale, labels });

  test("apply, approve, create in Hebrew, RSVP, check in with the ticket's link", async () => {
    const { db } = site.testApp.app.hearth;
    const organiserId = await member("noa@example.test", "נועה לוי", "he");
    // Applying for a licence needs trust level 2 (stored by the members module).
    await giveTrustLevel(db, organiserId, 2);
    const managerId = await member("manager@example.test", "Morgan Manager", "en");
    await grantRole(db, managerId, "community_manager");
    const guests = [
      { email: "avi@example.test", name: "אבי כהן" },
      { email: "dana@example.test", name: "דנה פרץ" },
    ];
    for (const guest of guests) await member(guest.email, guest.name, "he");

    // 1. The organiser applies for a licence.
    const organiser = await signedIn("noa@example.test", "he-IL", SIGN_IN_LABELS.he);
    const page = organiser.page;
    await page.goto(`${site.baseUrl}/events/licences`);
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    const application = page.getByRole("form", { name: "בקשת רישיון" });
    await application.getByRole("textbox", { name: "מי את/ה", exact: true }).fill("אני מארגנת מפגשי בונים בתל אביב כבר שלוש שנים.");
    await application.getByRole("textbox", { name: "עיר", exact: true }).fill("Tel Aviv");
    await application.getByRole("textbox", { name: "למה ברצונך לקיים אירועים", exact: true }).fill("יש בעיר הרבה חובבים שרוצים להיפגש ולהראות מה בנו.");
    await application.getByRole("spinbutton", { name: "מספר משתתפים צפוי", exact: true }).fill("40");
    await Promise.all([page.waitForURL(/\/events\/licences$/), application.getByRole("button", { name: "שליחת הבקשה" }).click()]);
    await page.getByText("הבקשה שלך נשלחה לצוות הקהילה.").waitFor();
    assert.match(await page.locator("main").innerText(), /ממתין להחלטה/);
    await screenshot(page, "events-1-licence-applied-he");

    // 2. The community manager approves it with conditions.
    const manager = await signedIn("manager@example.test", "en-GB", SIGN_IN_LABELS.en);
    const queue = manager.page;
    await queue.goto(`${site.baseUrl}/console/events`);
    assert.match(await queue.locator("main").innerText(), /שלוש שנים/);
    const licence = await db.selectFrom("event_licences").select("id").where("applicant_id", "=", organiserId).executeTakeFirstOrThrow();
    const approve = queue.getByRole("form", { name: `Approve licence ${licence.id}` });
    await approve.getByRole("spinbutton", { name: "Attendance cap" }).fill("2");
    await approve.getByRole("textbox", { name: "Brand rules and other conditions" }).fill("Use the official logo only.");
    await screenshot(queue, "events-2-licence-queue-en");
    await approve.getByRole("button", { name: "Approve with these conditions" }).click();
    await queue.getByText("The licence is approved.").waitFor();
    await manager.context.close();
    const approved = await db.selectFrom("event_licences").select(["status", "conditions"]).where("id", "=", licence.id).executeTakeFirstOrThrow();
    assert.deepEqual(approved, { status: "approved", conditions: { maxAttendees: 2, maxEvents: 1, brandRules: "Use the official logo only." } });

    // 3. The organiser creates the event in Hebrew, in Jerusalem's time zone.
    const day = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
    await page.goto(`${site.baseUrl}/events/new`);
    const form = page.getByRole("form", { name: "יצירת אירוע" });
    await form.getByRole("combobox", { name: "שפת האירוע" }).selectOption("he");
    await form.getByRole("textbox", { name: "כותרת", exact: true }).fill(TITLE);
    await form.getByRole("textbox", { name: "תיאור", exact: true }).fill("מביאים את מה שבניתם, מראים, שואלים ולומדים יחד.");
    await form.getByRole("textbox", { name: "מקום", exact: true }).fill("המרכז הקהילתי");
    await form.getByRole("textbox", { name: "עיר", exact: true }).fill("Tel Aviv");
    await form.getByRole("textbox", { name: "קו רוחב" }).fill("32.0853");
    await form.getByRole("textbox", { name: "קו אורך" }).fill("34.7818");
    await form.getByLabel("התחלה (שעון מקומי)").fill(`${day}T19:00`);
    await form.getByLabel("סיום (שעון מקומי)").fill(`${day}T21:30`);
    await form.getByRole("combobox", { name: "אזור הזמן של האירוע" }).selectOption("Asia/Jerusalem");
    await form.getByRole("spinbutton", { name: "מקומות", exact: true }).fill("2");
    await Promise.all([page.waitForURL(/\/events\/\d+$/), form.getByRole("button", { name: "יצירת האירוע" }).click()]);
    await page.waitForLoadState("load");
    const eventId = Number(/\/events\/(\d+)$/.exec(page.url())?.[1]);
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), TITLE);
    const eventText = await page.locator("main").innerText();
    assert.match(eventText, /Use the official logo only\./);
    assert.match(eventText, /עד 2 משתתפים/);
    const stored = await db.selectFrom("events").select(["starts_at", "time_zone", "language"]).where("id", "=", eventId).executeTakeFirstOrThrow();
    assert.equal(toLocalInput(stored.starts_at, "Asia/Jerusalem"), `${day}T19:00`);
    assert.deepEqual({ zone: stored.time_zone, language: stored.language }, { zone: "Asia/Jerusalem", language: "he" });
    await screenshot(page, "events-3-created-he");

    // 4. Two members RSVP; each gets a ticket with a QR code.
    for (const guest of guests) {
      const visitor = await signedIn(guest.email, "he-IL", SIGN_IN_LABELS.he);
      await visitor.page.goto(`${site.baseUrl}/events/${eventId}`);
      await visitor.page.getByRole("button", { name: "אני מגיע/ה" }).click();
      await visitor.page.getByText("נרשמת. נתראה שם!").waitFor();
      assert.equal(await visitor.page.locator(".event-ticket__qr svg").count(), 1);
      if (guest === guests[0]) await screenshot(visitor.page, "events-4-ticket-he");
      await visitor.context.close();
    }

    // 5. The organiser opens the first ticket's signed link (what the QR code holds) and checks the guest in.
    const firstGuest = await db.selectFrom("accounts").select("id").where("email", "=", "avi@example.test").executeTakeFirstOrThrow();
    const rsvp = await db.selectFrom("event_rsvps").select("id").where("event_id", "=", eventId).where("member_id", "=", firstGuest.id).executeTakeFirstOrThrow();
    const signature = checkInSignature(site.testApp.config.sessionSecret, eventId, rsvp.id);
    await page.goto(`${site.baseUrl}/events/${eventId}/check-in/${rsvp.id}?sig=${signature}`);
    assert.match(await page.locator("main").innerText(), /אבי כהן/);
    await screenshot(page, "events-5-scan-he");
    await Promise.all([page.waitForURL(/\/check-in$/), page.getByRole("button", { name: "צ'ק־אין" }).click()]);
    await page.getByText("הצ'ק־אין בוצע.").waitFor();
    assert.match(await page.locator("main").innerText(), /1 מתוך 2/);
    await screenshot(page, "events-6-checked-in-he");
    const attended = await db.selectFrom("activities").select(["type", "target_id"]).where("actor_id", "=", firstGuest.id).where("subject_id", "=", eventId).execute();
    assert.deepEqual(attended, [{ type: "event.attended", target_id: organiserId }]);

    // 6. The list shows the event on the map of cities.
    await page.goto(`${site.baseUrl}/events`);
    assert.equal(await page.locator(".events-map svg circle").count(), 1);
    assert.match(await page.locator("main").innerText(), new RegExp(TITLE));
    await screenshot(page, "events-7-list-he");

    // 7. After the event: the checked-in guest answers the survey and adds a photo; the organiser sees the results.
    await db.updateTable("events").set({ starts_at: new Date(Date.now() - 3 * 3_600_000), ends_at: new Date(Date.now() - 3_600_000) }).where("id", "=", eventId).execute();
    const guest = await signedIn("avi@example.test", "he-IL", SIGN_IN_LABELS.he);
    await guest.page.goto(`${site.baseUrl}/events/${eventId}`);
    const survey = guest.page.getByRole("form", { name: "איך היה?" });
    await survey.getByRole("combobox", { name: "הדירוג שלך (5 הכי טוב)" }).selectOption("4");
    await survey.getByRole("textbox", { name: "מה היה הכי טוב?" }).fill("ההדגמות והאנשים.");
    await survey.getByRole("textbox", { name: "מה כדאי לשפר בפעם הבאה?" }).fill("חדר גדול יותר.");
    await survey.getByRole("button", { name: "שליחת משוב" }).click();
    await guest.page.getByText("תודה על המשוב.").waitFor();
    const upload = guest.page.getByRole("form", { name: "הוספת תמונות" });
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 230, g: 150, b: 60 } } }).jpeg().toBuffer();
    await upload.getByLabel("הוספת תמונות").setInputFiles({ name: "evening.jpg", mimeType: "image/jpeg", buffer: picture });
    await upload.getByRole("button", { name: "העלאה" }).click();
    await guest.page.getByText("התמונות שלך נוספו.").waitFor();
    assert.equal(await guest.page.locator(".event-gallery img").count(), 1);
    await screenshot(guest.page, "events-8-after-he");
    await guest.context.close();
    await page.goto(`${site.baseUrl}/events/${eventId}`);
    const results = await page.locator(".event-after").innerText();
    assert.match(results, /חדר גדול יותר\./);
    assert.match(results, /לא הגיעו\s*1/);
    await screenshot(page, "events-9-results-he");

    await organiser.context.close();
  });
});
