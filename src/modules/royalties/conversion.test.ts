/**
 * Statements paid in another currency, over HTTP on both databases: finance names the payout currency in the
 * agreement form and imports rates through the API (all or nothing, 422 with lines[i].field); the creator's
 * statement page, the console's list and totals and the CSV show the converted statement with each line's
 * rate and day; approval fixes it (a later rate changes nothing), the payout is recorded in euros; a statement
 * the rates do not cover stays in dollars and says why, in English, Persian and Hebrew; only finance approves,
 * pays and imports rates, and a creator sees only their own statements.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { apiToken, signedInClient, type Client } from "../../../test/helpers/session.ts";
import { testProduct } from "./test-support.ts";
import "./index.ts";

for (const kind of DATABASE_KINDS) {
  describe(`statements paid in another currency (${kind})`, () => {
    let t: TestApp;
    let financeToken: string;
    let finance: Client;
    let creator: Client;
    let otherCreator: Client;

    const call = (method: "GET" | "POST", url: string, token?: string, body?: unknown) =>
      t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    const form = (client: Client, url: string, fields: Record<string, string>) => t.app.inject({ method: "POST", url, headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams(fields).toString() });
    const page = (client: Client, url: string, locale = "en") => t.app.inject({ url, headers: { cookie: `${client.cookie}; hearth_locale=${locale}` } });
    const sale = (externalId: string, sku: string, day: string, netAmountMinor: number) => ({ externalId, sku, quantity: 1, netAmountMinor, currency: "USD", soldAt: `${day}T12:00:00Z` });
    const statementOf = (accountId: number) => t.app.hearth.db.selectFrom("royalty_statements").selectAll().where("account_id", "=", accountId).executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(kind);
      const { db } = t.app.hearth;
      financeToken = (await apiToken(t.app, ["finance"], ["read", "write", "sales:import"])).token;
      finance = await signedInClient(t.app, ["finance"]);
      creator = await signedInClient(t.app);
      otherCreator = await signedInClient(t.app);
      await testProduct(db, ["FX-LAMP"], [creator.accountId]);
      await testProduct(db, ["FX-MUG"], [otherCreator.accountId]);
    });
    after(async () => {
      await t.close();
    });

    test("the agreement form takes the payout currency (optional, an ISO code), shows it and audits it", async () => {
      const { db } = t.app.hearth;
      const products = await db.selectFrom("product_skus").select(["sku", "product_id"]).where("sku", "in", ["FX-LAMP", "FX-MUG"]).execute();
      const productOf = (sku: string) => String(products.find((row) => row.sku === sku)?.product_id);
      const agreement = (client: Client, sku: string, currency: string) => form(client, "/console/royalties/agreements", { productId: productOf(sku), rateBp: "100", effectiveFrom: "2025-01-01", effectiveTo: "", currency });
      const unknown = await agreement(finance, "FX-LAMP", "XYZ");
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /“XYZ” is not an ISO 4217 currency code/);
      assert.equal((await agreement(finance, "FX-LAMP", "EURO")).statusCode, 400);
      assert.equal((await agreement(creator, "FX-LAMP", "EUR")).statusCode, 403);
      assert.equal((await agreement(finance, "FX-LAMP", "eur")).statusCode, 303);
      assert.equal((await agreement(finance, "FX-MUG", "EUR")).statusCode, 303);
      const kept = await db.selectFrom("royalty_agreements").select("currency").where("product_id", "=", Number(productOf("FX-LAMP"))).executeTakeFirstOrThrow();
      assert.equal(kept.currency, "EUR");
      const audit = await db.selectFrom("audit_log").select("details").where("action", "=", "royalties.agreement.create").orderBy("id", "desc").limit(2).execute();
      assert.ok(audit.every((entry) => JSON.stringify(entry.details).includes('"currency":"EUR"')));
      const console = await page(finance, "/console/royalties/agreements");
      assert.match(console.body, /<th scope="col">Paid in<\/th>/);
      assert.match(console.body, /<td>EUR<\/td>/);
      assert.match((await page(creator, "/account/royalties")).body, /<td>EUR<\/td>/);
    });

    test("rates through the API: all or nothing, 422 with lines[i].field; the kept rates are listed; only finance imports them", async () => {
      const { db } = t.app.hearth;
      const bad = await call("POST", "/api/v1/royalties/rates", financeToken, {
        lines: [
          { currency: "USD", toCurrency: "EUR", rate: "0.91234567", validOn: "2025-04-01" },
          { currency: "USD", toCurrency: "EUR", rate: 0.9, validOn: "2025-05-01" },
          { currency: "USX", toCurrency: "EUR", rate: "0.9", validOn: "2025-05-01" },
          { currency: "USD", toCurrency: "USD", rate: "1.123456789", validOn: "2025-02-30" },
          { currency: "USD", toCurrency: "EUR", rate: "0.9", validOn: "2025-05-01", note: "x" },
          "USD,EUR",
        ],
      });
      assert.equal(bad.statusCode, 422, bad.body);
      const error = bad.json().error;
      assert.equal(error.code, "lines_refused");
      assert.deepEqual(Object.keys(error.fields).sort(), ["lines[1].rate", "lines[2].currency", "lines[3].rate", "lines[3].toCurrency", "lines[3].validOn", "lines[4].line", "lines[5].line"]);
      assert.match(error.fields["lines[1].rate"], /up to 8 decimal places/);
      assert.equal((await db.selectFrom("exchange_rates").select("currency").execute()).length, 0, "nothing kept");
      assert.equal((await call("POST", "/api/v1/royalties/rates", financeToken, { rates: [] })).statusCode, 400);

      const lines = [
        { currency: "USD", toCurrency: "EUR", rate: "0.91234567", validOn: "2025-04-01" },
        { currency: "USD", toCurrency: "EUR", rate: "0.9", validOn: "2025-05-15" },
      ];
      const member = (await apiToken(t.app, [], ["read", "write"])).token;
      assert.equal((await call("POST", "/api/v1/royalties/rates", member, { lines })).statusCode, 403);
      assert.equal((await call("GET", "/api/v1/royalties/rates", member)).statusCode, 403);
      assert.equal((await call("POST", "/api/v1/royalties/rates", undefined, { lines })).statusCode, 401);
      assert.deepEqual((await call("POST", "/api/v1/royalties/rates", financeToken, { lines })).json(), { imported: 2 });
      assert.deepEqual((await call("POST", "/api/v1/royalties/rates", financeToken, { lines })).json(), { imported: 0 }, "the same rates again change nothing");
      const changed = await call("POST", "/api/v1/royalties/rates", financeToken, { lines: [{ ...lines[1], rate: "0.95" }] });
      assert.equal(changed.statusCode, 422);
      assert.match(changed.json().error.fields["lines[0].rate"], /already kept/);

      const listed = await call("GET", "/api/v1/royalties/rates?currency=USD&toCurrency=EUR", financeToken);
      assert.equal(listed.statusCode, 200);
      assert.deepEqual(listed.json().items, [lines[1], lines[0]]);
      assert.equal((await call("GET", "/api/v1/royalties/rates?limit=1", financeToken)).json().nextOffset, 1);
      assert.equal((await call("GET", "/api/v1/royalties/rates?currency=usd", financeToken)).statusCode, 400);
      const doc = (await call("GET", "/api/openapi.json")).json();
      assert.ok(doc.paths["/api/v1/royalties/rates"]?.get && doc.paths["/api/v1/royalties/rates"]?.post);

      const console = await page(finance, "/console/royalties/rates");
      assert.equal(console.statusCode, 200);
      assert.match(console.body, /USD\/EUR/);
      assert.match(console.body, /0\.91234567/);
      assert.match((await page(finance, "/console/royalties/rates", "fa")).body, /۰٫۹۱۲۳۴۵۶۷/, "in the reader's digits");
      assert.equal((await page(creator, "/console/royalties/rates")).statusCode, 403);
    });

    test("a dollar statement paid in euros shows its conversion on the creator's page, in the console and in the CSV; approval fixes it and the payout is in euros", async () => {
      const { db } = t.app.hearth;
      // 1% of $100.00 on 2 April at 0.91234567 and of $50.00 on 20 May at 0.9: €0.91234567 + €0.45 = €1.36234567, so €1.36.
      assert.equal((await call("POST", "/api/v1/sales", financeToken, { lines: [sale("FX-1", "FX-LAMP", "2025-04-02", 10_000), sale("FX-2", "FX-LAMP", "2025-05-20", 5_000)] })).statusCode, 200);
      assert.equal((await form(finance, "/console/royalties/statements/generate", { period: "2025-04" })).statusCode, 303);
      const statement = await statementOf(creator.accountId);
      assert.deepEqual([statement.currency, statement.royalty_minor, statement.status], ["USD", 150, "draft"]);

      const mine = await page(creator, `/account/royalties/statements/${statement.id}`);
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /To be paid in EUR/);
      assert.match(mine.body, /€1\.36/);
      assert.match(mine.body, /1 USD = 0\.91234567 EUR/);
      assert.match(mine.body, /1 USD = 0\.9 EUR/);
      assert.match((await page(creator, `/account/royalties/statements/${statement.id}`, "fa")).body, /۱ USD = ۰٫۹۱۲۳۴۵۶۷ EUR/, "the rate in the reader's digits, every place kept");
      assert.match(mine.body, /<time datetime="2025-05-15">/, "the day of the rate used");
      assert.match(mine.body, /€0\.91/);
      assert.match(mine.body, /€0\.45/);
      assert.match(mine.body, /fixed when the statement is approved/);
      assert.match((await page(creator, "/account/royalties")).body, /€1\.36/);
      assert.equal((await page(otherCreator, `/account/royalties/statements/${statement.id}`)).statusCode, 404);
      assert.equal((await page(otherCreator, `/account/royalties/statements/${statement.id}/csv`)).statusCode, 404);

      const list = await page(finance, "/console/royalties/statements");
      assert.match(list.body, /€1\.36/);
      const csv = await page(creator, `/account/royalties/statements/${statement.id}/csv`);
      assert.match(csv.body, /^statement,creator,currency,period_start,period_end,status,net_sales,royalty,payout_currency,payout,/);
      assert.match(csv.body, /,draft,150\.00,1\.50,EUR,1\.36,/);
      assert.match(csv.body, /,FX-1,FX-LAMP,1,100\.00,,100,1\.00,0\.91234567,2025-04-01,EUR,0\.91\r\n/);
      assert.match(csv.body, /,FX-2,FX-LAMP,1,50\.00,,100,0\.50,0\.9,2025-05-15,EUR,0\.45\r\n/);
      assert.match((await page(finance, "/console/royalties/statements.csv")).body, new RegExp(`^${statement.id},${creator.accountId},.*,USD,.*,150,1\\.50,EUR,136,1\\.36,`, "m"));

      // Only finance approves; approval fixes €1.36, whatever rate comes later (2.0 from 1 May would make it €1.91).
      assert.equal((await form(creator, `/console/royalties/statements/${statement.id}/approve`, {})).statusCode, 403);
      assert.equal((await form(finance, `/console/royalties/statements/${statement.id}/approve`, {})).statusCode, 303);
      assert.equal((await call("POST", "/api/v1/royalties/rates", financeToken, { lines: [{ currency: "USD", toCurrency: "EUR", rate: "2", validOn: "2025-05-01" }] })).statusCode, 200);
      const approved = await page(creator, `/account/royalties/statements/${statement.id}`);
      assert.match(approved.body, /€1\.36/);
      assert.doesNotMatch(approved.body, /€1\.91/);
      assert.doesNotMatch(approved.body, /1 USD = 2 EUR/);
      assert.match(approved.body, /fixed when the statement was approved/);
      assert.deepEqual(await db.selectFrom("royalty_statements").select(["payout_currency", "payout_minor"]).where("id", "=", statement.id).executeTakeFirstOrThrow(), { payout_currency: "EUR", payout_minor: 136 });
      const told = await db.selectFrom("notifications").select("params").where("account_id", "=", creator.accountId).where("type", "=", "royalties.approved").executeTakeFirstOrThrow();
      assert.deepEqual([told.params.amount, told.params.currency], ["1.36", "EUR"]);
      const overview = await page(finance, "/console/royalties");
      assert.match(overview.body, /Approved statements by the currency they are paid in/);
      assert.match(overview.body, /<td>EUR<\/td><td class="numeric"><bdi>€1\.36<\/bdi><\/td>/);

      // Paid in euros: the payout records the currency and amount paid.
      const share = await db.selectFrom("royalty_shares").select("agreement_id").where("account_id", "=", creator.accountId).executeTakeFirstOrThrow();
      assert.equal((await t.app.inject({ method: "POST", url: `/account/royalties/agreements/${share.agreement_id}/accept`, headers: creator.headers })).statusCode, 303);
      assert.equal((await form(creator, `/console/royalties/statements/${statement.id}/pay`, { reference: "SEPA-FX", paidOn: "2025-07-05" })).statusCode, 403);
      assert.equal((await form(finance, `/console/royalties/statements/${statement.id}/pay`, { reference: "SEPA-FX", paidOn: "2025-07-05" })).statusCode, 303);
      const paid = await db.selectFrom("royalty_statements").select(["status", "payout_currency", "payout_minor", "payout_reference"]).where("id", "=", statement.id).executeTakeFirstOrThrow();
      assert.deepEqual(paid, { status: "paid", payout_currency: "EUR", payout_minor: 136, payout_reference: "SEPA-FX" });
      const cash = await db.selectFrom("journal_postings as p").innerJoin("journal_entries as e", "e.id", "p.entry_id").select(["p.currency", "p.amount_minor"]).where("e.statement_id", "=", statement.id).where("p.account", "=", "cash").executeTakeFirstOrThrow();
      assert.deepEqual([cash.currency, Number(cash.amount_minor)], ["EUR", -136]);
      assert.match((await page(creator, "/account/royalties")).body, /€1\.36/);
      assert.match((await page(creator, `/account/royalties/statements/${statement.id}`)).body, /<dt>Paid in EUR<\/dt><dd><strong><bdi>€1\.36<\/bdi><\/strong>/);
    });

    test("a statement the rates do not cover stays in dollars and says why, in English, Persian and Hebrew", async () => {
      // Sales of January: no dollar-to-euro rate of the first quarter is kept.
      assert.equal((await call("POST", "/api/v1/sales", financeToken, { lines: [sale("FX-3", "FX-MUG", "2025-01-20", 4_000)] })).statusCode, 200);
      assert.equal((await form(finance, "/console/royalties/statements/generate", { period: "2025-01" })).statusCode, 303);
      const statement = await statementOf(otherCreator.accountId);
      assert.equal(statement.currency, "USD");
      const words = {
        en: /This statement stays in USD: its agreement pays in EUR, but no exchange rate from USD to EUR of this period covers the sale of/,
        fa: /این صورت‌حساب به USD می‌ماند/,
        he: /הדוח הזה נשאר ב־USD/,
      };
      for (const [locale, pattern] of Object.entries(words)) {
        const shown = await page(otherCreator, `/account/royalties/statements/${statement.id}`, locale);
        assert.equal(shown.statusCode, 200);
        assert.match(shown.body, pattern, locale);
        assert.doesNotMatch(shown.body, /1 USD = /, locale);
      }
      const csv = await page(otherCreator, `/account/royalties/statements/${statement.id}/csv`);
      assert.match(csv.body, /,draft,40\.00,0\.40,USD,0\.40,/);
      assert.match((await page(otherCreator, "/account/royalties")).body, /not converted/);
    });
  });
}
