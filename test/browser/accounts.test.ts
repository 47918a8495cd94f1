/**
 * A new member's first visit, in a real browser against a listening Hearth with a real SMTP server:
 * sign up → the verification mail arrives → follow its link → sign in → switch to Persian (the page is
 * right-to-left with Persian digits and dates) → sign out. Screenshots are kept as test artefacts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { startBrowserSite, type BrowserApp } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";
import type { TestSmtpServer } from "../helpers/smtp.ts";

describe("a new member in the browser", () => {
  let smtp: TestSmtpServer;
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;

  before(async () => {
    ({ smtp, site, browser, close } = await startBrowserSite());
  });
  after(async () => {
    await close?.();
  });

  test("signs up, verifies by email, signs in, reads the site in Persian and signs out", async () => {
    const email = "nasrin@example.test";
    const password = "a long and private passphrase";

    const first = await browser.newContext({ locale: "en-GB" });
    const signUpPage = await first.newPage();
    await signUpPage.goto(`${site.baseUrl}/sign-up`);
    await signUpPage.getByLabel("Name").fill("Nasrin Karimi");
    await signUpPage.getByLabel("Email").fill(email);
    await signUpPage.getByLabel("Password", { exact: false }).first().fill(password);
    await screenshot(signUpPage, "foundation-1-sign-up-en");
    await signUpPage.getByRole("button", { name: /create|sign up|join/i }).click();
    await signUpPage.waitForLoadState("load");
    await first.close();

    const mail = await smtp.waitForMail((message) => [message.to].flat().some((address) => address?.text.includes(email)), 15_000);
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(mail.text ?? "")?.[0];
    assert.ok(link, "the verification mail carries a link");
    assert.ok(link.startsWith(site.baseUrl), "the link points at this site");

    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(link);
    await screenshot(page, "foundation-2-verified-en");
    assert.match(await page.locator("main").innerText(), /email address is confirmed/i);

    await page.goto(`${site.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForLoadState("load");
    await page.goto(`${site.baseUrl}/account`);
    assert.match(await page.content(), /Nasrin Karimi/);

    await page.getByRole("link", { name: "فارسی" }).first().click();
    await page.waitForLoadState("load");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.equal(await page.getAttribute("html", "lang"), "fa");
    const text = await page.locator("main").innerText();
    assert.match(text, /[۰-۹]/, "numbers are in Persian digits");
    assert.match(text, /(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)/, "dates are in the Persian calendar");
    await screenshot(page, "foundation-3-account-fa", { fullPage: true });

    // Signing out is in the menu under the member's name.
    await page.locator("header summary", { hasText: "Nasrin Karimi" }).click();
    await page.getByRole("button", { name: "خروج" }).first().click();
    await page.waitForLoadState("load");
    assert.equal(await page.getAttribute("html", "dir"), "rtl", "the language stays after signing out");
    assert.ok(await page.getByRole("link", { name: "ورود" }).first().isVisible(), "signed out: the sign-in link is back");
    await screenshot(page, "foundation-4-signed-out-fa");
    await context.close();
  });
});
