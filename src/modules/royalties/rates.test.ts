/**
 * Exchange rates on both databases: finance imports a rates CSV all or nothing (integers kept, a bad or
 * changed rate refuses the file, the same file again changes nothing), and a statement whose agreement
 * pays in another currency is converted line by line at the rate of each sale's day, its total the sum
 * of its converted lines; without a rate for the period it stays in its own currency.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { createAgreement } from "./agreements.ts";
import { importSales } from "./import.ts";
import { convertedStatement, importRates } from "./rates.ts";
import { convertLines, parseRate } from "./rules.ts";
import { batchSource } from "./sources.ts";
import { generateStatements, statementLines } from "./statements.ts";
import { testActor, testProduct } from "./test-support.ts";
import "./index.ts";

const RATES = "currency,to_currency,rate,valid_on\nUSD,EUR,0.91234567,2025-04-01\nUSD,EUR,0.9,2025-05-15\nJPY,EUR,0.0061,2025-04-01\n";

for (const kind of DATABASE_KINDS) {
  describe(`exchange rates (${kind})`, () => {
    let t: TestApp;
    let finance: Actor;

    before(async () => {
      t = await startTestApp(kind);
      finance = await testActor(t.app.hearth.db, ["finance"]);
    });
    after(async () => {
      await t.close();
    });

    test("a rates file is imported whole or refused whole; the same file again changes nothing", async () => {
      const { db } = t.app.hearth;
      const bad = await importRates(db, finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.9,2025-01-01\nUSD,EUR,1.123456789,2025-01-02\nUSD,USD,1,2025-01-03\nUSD,EUR,0.9,2025-02-30\n");
      assert.deepEqual(bad.refused.map((line) => `${line.line}:${line.key}`), ["3:royalties.rates.rate", "4:royalties.rates.currency", "5:royalties.rates.validOn"]);
      assert.equal((await db.selectFrom("exchange_rates").select("currency").execute()).length, 0, "nothing kept");
      assert.deepEqual(await importRates(db, finance, RATES), { applied: true, imported: 3, refused: [] });
      assert.deepEqual(await importRates(db, finance, RATES), { applied: true, imported: 0, refused: [] });
      const changed = await importRates(db, finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.95,2025-04-01\n");
      assert.deepEqual(changed.refused.map((line) => line.key), ["royalties.rates.changed"]);
      const kept = await db.selectFrom("exchange_rates").select("rate_scaled").where("currency", "=", "USD").where("valid_on", "=", "2025-04-01").executeTakeFirstOrThrow();
      assert.equal(String(kept.rate_scaled), "91234567");
      await assert.rejects(importRates(db, await testActor(db), RATES), { code: "forbidden" });
    });

    test("a dollar statement under an agreement paid in euros converts line by line at each sale's rate; its total is the sum of its lines", async () => {
      const { db } = t.app.hearth;
      const creator = await testActor(db);
      const sku = `FX-${kind}`;
      const productId = await testProduct(db, [sku], [creator.id]);
      await createAgreement(db, finance, { productId, rateBp: 733, effectiveFrom: "2025-01-01", effectiveTo: null, currency: "EUR" });
      const sales = [["a", "2025-04-02", 12_345], ["b", "2025-05-14", 9_999], ["c", "2025-05-15", 777], ["d", "2025-06-30", 50_001]] as const;
      const imported = await importSales(db, finance, batchSource(sales.map(([id, day, amount]) => ({ externalId: `${sku}-${id}`, sku, quantity: 1, netAmountMinor: amount, currency: "USD", soldAt: `${day}T12:00:00Z` }))), { partial: false });
      assert.equal(imported.imported, 4);
      await generateStatements(db, finance, "2025-04-01", "quarterly");
      const statement = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", creator.id).where("currency", "=", "USD").executeTakeFirstOrThrow();
      const lines = await statementLines(db, statement.id);
      const converted = await convertedStatement(db, statement.id);
      const rateOf = (day: string) => parseRate(day < "2025-05-15" ? "0.91234567" : "0.9") ?? 0n;
      const expected = convertLines(lines.map((line) => ({ amount: BigInt(line.royaltyMinor), rate: rateOf(line.soldAt.toISOString().slice(0, 10)) })), 2, 2);
      assert.deepEqual(converted, { currency: "EUR", lines: expected, totalMinor: expected.reduce((sum, amount) => sum + amount, 0n) });
      assert.equal(converted?.lines.length, 4);

      // Dollar royalties of another creator, in a quarter without rates: the statement stays in dollars.
      const other = await testActor(db);
      const otherSku = `FX2-${kind}`;
      await createAgreement(db, finance, { productId: await testProduct(db, [otherSku], [other.id]), rateBp: 500, effectiveFrom: "2025-01-01", effectiveTo: null, currency: "EUR" });
      await importSales(db, finance, batchSource([{ externalId: `${otherSku}-1`, sku: otherSku, quantity: 1, netAmountMinor: 10_000, currency: "USD", soldAt: "2025-02-10T12:00:00Z" }]), { partial: false });
      await generateStatements(db, finance, "2025-01-01", "quarterly");
      const uncovered = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", other.id).executeTakeFirstOrThrow();
      assert.equal(await convertedStatement(db, uncovered.id), null);
    });
  });
}
