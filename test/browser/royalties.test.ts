/**
 * Royalties in a real browser: finance uploads a bad sales file in the console and sees every refused
 * line, uploads a good one, drafts the period's statements and approves the creator's; the creator
 * finds the statement in their account and downloads it as CSV. Then a statement paid in euros: finance
 * names the payout currency in the agreement form and uploads exchange rates on the rates page; the
 * converted statement reads in English for finance and in Persian for its creator. Screenshots are kept
 * as artefacts.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import { batchSource, createAgreement, generateStatements, importSales } from "../../src/modules/royalties/index.ts";
import { testActor, testProduct } from "../../src/modules/royalties/test-support.ts";
import { startBrowserSite, type BrowserApp, SIGN_IN_LABELS, signInThroughForm } from "../helpers/browser-app.ts";
import { screenshot } from "../helpers/chromium.ts";

const PASSWORD = "a long and private passphrase";
const HEADER = "external_id,sku,quantity,net_amount_minor,currency,sold_at,refund_of\n";

describe("royalties in the browser, from a sales file to the creator's statement", () => {
  let site: BrowserApp;
  let browser: Browser;
  let close: () => Promise<void>;

  before(async () => {
    ({ site, browser, close } = await startBrowserSite());
  });
  after(async () => {
    await close?.();
  });

  const signedIn = (email: string) =>
    signInThroughForm(browser, site.baseUrl, { email, password: PASSWORD }, { browserLocale: "en-GB", labels: SIGN_IN_LABELS.en, contextOptions: { acceptDownloads: true } });

  test("finance imports sales and approves a statement; the creator reads and downloads it", async () => {
    const { db } = site.testApp.app.hearth;
    const financeId = await createAccount(db, { email: "finance@example.test", name: "Farah Finance", password: PASSWORD, verified: true, locale: "en" });
    await grantRole(db, financeId, "finance");
    const creatorId = await createAccount(db, { email: "creator@example.test", name: "Noa Creator", password: PASSWORD, verified: true, locale: "en" });
    const productId = await testProduct(db, ["LAMP-1"], [creatorId]);
    await createAgreement(db, await testActor(db, ["finance"]), { productId, rateBp: 100, effectiveFrom: "2025-01-01", effectiveTo: null });

    // 1. A bad file: nothing is imported and every bad line is listed.
    const finance = await signedIn("finance@example.test");
    const page = finance.page;
    await page.goto(`${site.baseUrl}/console/royalties/import`);
    const bad = HEADER + "W-1,LAMP-1,1,4999,EUR,2025-02-03T10:00:00Z,\nW-2,LAMP-9,1,4999,EUR,2025-02-03,\nW-3,LAMP-1,1,49.99,EUR,2025-02-03,\nW-4,LAMP-1,-1,-4999,EUR,2025-02-04,\n";
    await page.getByLabel("Sales file (CSV)").setInputFiles({ name: "february.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await page.getByText("Refused lines").waitFor();
    const refused = await page.locator("main").innerText();
    assert.match(refused, /Nothing was imported: 3 lines are refused/);
    assert.match(refused, /No product has the SKU “LAMP-9”/);
    assert.match(refused, /must be a whole number of minor units/);
    assert.match(refused, /A negative quantity is a return/);
    await screenshot(page, "royalties-1-refused-file-en", { fullPage: true });
    assert.equal((await db.selectFrom("sales_lines").select("id").execute()).length, 0, "nothing was applied");

    // 2. A good file, with a return.
    const good = HEADER + "W-1,LAMP-1,1,4999,EUR,2025-02-03T10:00:00Z,\nW-2,LAMP-1,2,9998,EUR,2025-02-10T10:00:00Z,\nW-3,LAMP-1,-1,-4999,EUR,2025-02-20T10:00:00Z,W-1\nW-4,LAMP-1,1,5500,USD,2025-02-21T10:00:00Z,\n";
    await page.getByLabel("Sales file (CSV)").setInputFiles({ name: "february.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await page.getByText("4 lines imported").waitFor();
    await screenshot(page, "royalties-2-imported-en");

    // 3. Draft the quarter's statements, approve the creator's euro statement.
    await page.goto(`${site.baseUrl}/console/royalties`);
    assert.match(await page.locator("main").innerText(), /€99\.98/, "net euro sales: 49.99 + 99.98 − 49.99");
    await page.getByLabel("Period", { exact: true }).fill("2025-02");
    await Promise.all([page.waitForURL(/\/console\/royalties\/statements/), page.getByRole("button", { name: "Draft statements for this period" }).click()]);
    await page.getByText("Statements were drafted for the period.").waitFor();
    const approveForms = page.getByRole("form", { name: "Approve the statement of Noa Creator" });
    assert.equal(await approveForms.count(), 2, "one statement per currency");
    await approveForms.first().getByRole("button", { name: "Approve" }).click();
    await page.getByText("The statement was approved.").waitFor();
    await screenshot(page, "royalties-3-approved-en", { fullPage: true });
    const statuses = await db.selectFrom("royalty_statements").select(["status", "currency", "royalty_minor"]).where("account_id", "=", creatorId).orderBy("currency").execute();
    assert.deepEqual(statuses.map((row) => row.status).sort(), ["approved", "draft"]);
    assert.deepEqual(statuses.map((row) => [row.currency, row.royalty_minor]), [["EUR", 100], ["USD", 55]], "1% of 99.98 € rounds to 1.00 €; 1% of 55.00 $ is 0.55 $");
    await finance.context.close();

    // 4. The creator finds the statement in their account and downloads it.
    const creator = await signedIn("creator@example.test");
    const mine = creator.page;
    await mine.goto(`${site.baseUrl}/account/royalties`);
    const overview = await mine.locator("main").innerText();
    assert.match(overview, /Approved/);
    assert.match(overview, /€1\.00/);
    await screenshot(mine, "royalties-4-my-royalties-en", { fullPage: true });
    await Promise.all([mine.waitForURL(/\/account\/royalties\/statements\/\d+$/), mine.locator(`main a[href^="/account/royalties/statements/"]`).first().click()]);
    const statement = await mine.locator("main").innerText();
    assert.match(statement, /W-1/);
    await screenshot(mine, "royalties-5-statement-en", { fullPage: true });
    const [download] = await Promise.all([mine.waitForEvent("download"), mine.getByRole("link", { name: "Download CSV" }).click()]);
    const path = await download.path();
    assert.ok(path);
    const csv = await readFile(path, "utf8");
    assert.match(csv, /^statement,creator,currency/);
    assert.match(csv, /W-3,LAMP-1,-1,-49\.99,W-1,100,/);
    await creator.context.close();
  });

  test("a dollar statement paid in euros: finance sets it up in the console, the creator reads it converted in Persian", async () => {
    const { db } = site.testApp.app.hearth;
    const creatorId = await createAccount(db, { email: "parisa@example.test", name: "پریسا سازنده", password: PASSWORD, verified: true, locale: "fa" });
    const productId = await testProduct(db, ["KITE-1"], [creatorId]);

    // 1. Finance creates the agreement, paid in euros, and uploads the rates (a bad file first).
    const finance = await signedIn("finance@example.test");
    const page = finance.page;
    await page.goto(`${site.baseUrl}/console/royalties/agreements`);
    const newAgreement = page.getByRole("form", { name: "New agreement" });
    await newAgreement.getByLabel("Product").selectOption(String(productId));
    await newAgreement.getByLabel("Effective from").fill("2025-01-01");
    await newAgreement.getByLabel("Paid in (optional)").fill("EUR");
    await Promise.all([page.waitForLoadState("load"), newAgreement.getByRole("button", { name: "Create agreement" }).click()]);
    await page.getByText("The agreement was created.").waitFor();

    await page.goto(`${site.baseUrl}/console/royalties/rates`);
    const ratesForm = page.getByRole("form", { name: "Import exchange rates" });
    const upload = async (text: string) => {
      await ratesForm.getByLabel("Rates file (CSV)").setInputFiles({ name: "rates.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
      await Promise.all([page.waitForLoadState("load"), ratesForm.getByRole("button", { name: "Import rates" }).click()]);
    };
    await upload("currency,to_currency,rate,valid_on\nUSD,EUR,0.9O,2025-04-01\n");
    await page.getByText("Refused lines").waitFor();
    assert.match(await page.locator("main").innerText(), /Write the rate as a decimal number/);
    await upload("currency,to_currency,rate,valid_on\nUSD,EUR,0.91234567,2025-04-01\nUSD,EUR,0.9,2025-05-15\n");
    await page.getByText("The exchange rates were imported.").waitFor();
    assert.match(await page.locator("main").innerText(), /USD\/EUR\s+1 Apr 2025\s+0\.91234567/);
    await screenshot(page, "royalties-6-rates-en", { fullPage: true });

    // 2. Dollar sales of the quarter, drafted: the statement shows each line converted at its day's rate.
    const imported = await importSales(db, await testActor(db, ["finance"]), batchSource([
      { externalId: "K-1", sku: "KITE-1", quantity: 1, netAmountMinor: 10_000, currency: "USD", soldAt: "2025-04-02T10:00:00Z" },
      { externalId: "K-2", sku: "KITE-1", quantity: 1, netAmountMinor: 5_000, currency: "USD", soldAt: "2025-05-20T10:00:00Z" },
    ]), { partial: false });
    assert.equal(imported.imported, 2);
    await generateStatements(db, await testActor(db, ["finance"]), "2025-04-01", "quarterly");
    const statement = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", creatorId).executeTakeFirstOrThrow();
    await page.goto(`${site.baseUrl}/account/royalties/statements/${statement.id}`);
    const english = await page.locator("main").innerText();
    assert.match(english, /To be paid in EUR\s+€1\.36/, "1% of $100 at 0.91234567 and of $50 at 0.9: €1.36");
    assert.match(english, /1 USD = 0\.91234567 EUR/);
    assert.match(english, /1 USD = 0\.9 EUR/);
    await screenshot(page, "royalties-7-converted-statement-en", { fullPage: true });

    // 3. Finance approves it: the euro amount is fixed, and counted with the approved statements paid in euros.
    await page.goto(`${site.baseUrl}/console/royalties/statements?status=draft`);
    const approve = page.getByRole("form", { name: "Approve the statement of پریسا سازنده" });
    assert.match(await page.locator("main").innerText(), /€1\.36/);
    await Promise.all([page.waitForLoadState("load"), approve.getByRole("button", { name: "Approve" }).click()]);
    await page.getByText("The statement was approved.").waitFor();
    await page.goto(`${site.baseUrl}/console/royalties`);
    assert.match(await page.locator("main").innerText(), /Approved statements by the currency they are paid in[\s\S]*EUR\s+€2\.36/, "€1.00 approved in the first test and €1.36 now");
    await screenshot(page, "royalties-8-overview-en", { fullPage: true });
    await finance.context.close();

    // 4. The creator reads it in Persian, right to left.
    const creator = await signInThroughForm(browser, site.baseUrl, { email: "parisa@example.test", password: PASSWORD }, { browserLocale: "fa-IR", labels: SIGN_IN_LABELS.fa });
    await creator.page.goto(`${site.baseUrl}/account/royalties/statements/${statement.id}`);
    assert.equal(await creator.page.locator("html").getAttribute("dir"), "rtl");
    const persian = await creator.page.locator("main").innerText();
    assert.match(persian, /مبلغ پرداختی به EUR/);
    assert.match(persian, /۱ USD = ۰٫۹ EUR/, "the rate in Persian digits");
    assert.match(persian, /هنگام تأیید صورت‌حساب ثابت شده است/);
    await screenshot(creator.page, "royalties-9-converted-statement-fa", { fullPage: true });
    await creator.context.close();
  });
});
