/**
 * The test infrastructure itself: the PostgreSQL server of the run, the SMTP server, and Chromium
 * visiting a listening application whose worker delivers mail.
 */
import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import nodemailer from "nodemailer";
import pg from "pg";
import type { Browser } from "playwright-core";
import { queueMail } from "../src/platform/mail/index.ts";
import { DATABASE_KINDS, testServerUrl } from "./helpers/app.ts";
import { startBrowserApp, type BrowserApp } from "./helpers/browser-app.ts";
import { launchBrowser, screenshot } from "./helpers/chromium.ts";
import { startSmtpServer, type TestSmtpServer } from "./helpers/smtp.ts";

describe("test PostgreSQL server", () => {
  test("answers a query, with the settings that make tests fast", async () => {
    const client = new pg.Client({ connectionString: testServerUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; fsync: string; connections: string }>(
        "select version(), current_setting('fsync') as fsync, current_setting('max_connections') as connections",
      );
      assert.match(rows[0]!.version, /^PostgreSQL \d+/);
      assert.equal(rows[0]!.fsync, "off");
      assert.ok(Number(rows[0]!.connections) >= 100);
    } finally {
      await client.end();
    }
  });
});

describe("test SMTP server", () => {
  let smtp: TestSmtpServer;
  before(async () => {
    smtp = await startSmtpServer();
  });
  after(async () => {
    await smtp.close();
  });

  test("receives a message sent by nodemailer to its plain smtp:// URL, parsed", async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({ from: "Hearth <hearth@example.test>", to: "ada@example.test", subject: "Hello Ada", text: "Plain body", html: "<p>HTML <b>body</b></p>" });
    const mail = await smtp.waitForMail((message) => message.subject === "Hello Ada");
    assert.equal(mail.text?.trim(), "Plain body");
    assert.match(String(mail.html), /<b>body<\/b>/);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    assert.equal(to?.value[0]?.address, "ada@example.test");
    assert.equal(smtp.messages.length, 1);
  });

  test("waiting for a message that never comes fails with what did arrive", async () => {
    await assert.rejects(smtp.waitForMail((message) => message.subject === "Never sent", 100), /no matching mail within 100 ms \(1 received: Hello Ada\)/);
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`browser against a listening app (${kind})`, () => {
    let smtp: TestSmtpServer;
    let site: BrowserApp;
    let browser: Browser;
    before(async () => {
      smtp = await startSmtpServer();
      site = await startBrowserApp(kind, { smtpUrl: smtp.url });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await smtp?.close();
    });

    test("Chromium opens the home page and takes a screenshot", async () => {
      const context = await browser.newContext({ locale: "fa" });
      const page = await context.newPage();
      const response = await page.goto(`${site.baseUrl}/`);
      assert.equal(response?.status(), 200);
      assert.equal(await page.getAttribute("html", "dir"), "rtl");
      assert.ok((await page.locator("h1").innerText()).length > 0);
      const path = await screenshot(page, `infrastructure-home-${kind}`);
      assert.ok(existsSync(path) && statSync(path).size > 1000);
      await context.close();
    });

    test("the app's worker delivers queued mail to the SMTP server, with links to the app", async () => {
      await queueMail(site.testApp.app.hearth.db, {
        to: "grace@example.test",
        kind: "infrastructure",
        subject: `Welcome (${kind})`,
        text: `Visit ${site.baseUrl}/`,
        html: `<p><a href="${site.baseUrl}/">Visit</a></p>`,
      });
      const mail = await smtp.waitForMail((message) => message.subject === `Welcome (${kind})`);
      assert.ok(mail.text?.includes(`${site.baseUrl}/`));
      assert.match(mail.messageId ?? "", /^<outbox-\d+@127\.0\.0\.1>$/);
    });
  });
}
