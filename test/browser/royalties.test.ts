/**
 * Royalties in a real browser: finance uploads a bad sales file in the console and sees every refused
 * line, uploads a good one, drafts the period's statements and approves the creator's; the creator
 * finds the statement in their account and downloads it as CSV. Screenshots are kept as artefacts.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import { createAgreement } from "../../src/modules/royalties/index.ts";
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
});
