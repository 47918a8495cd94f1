/**
 * Exchange rates on both databases: finance imports a rates CSV all or nothing (integers kept, a bad or
 * changed rate refuses the file, the same file again changes nothing), and a statement whose agreement
 * pays in another currency is converted line by line at the rate of each sale's day, its total the sum
 * of its converted lines; without a rate for the period it stays in its own currency. Approval fixes the
 * conversion (a rate imported later changes nothing), and the payout is made in the converted currency.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { createAgreement } from "./agreements.ts";
import { importSales } from "./import.ts";
import { liveConversions, statementConversion } from "./conversion.ts";
import { importRatesCsv as importRates } from "./rates.ts";
import { convertLines, parseRate } from "./rules.ts";
import { batchSource } from "./sources.ts";
import { approveStatement, findStatement, generateStatements, payStatement, statementLines, totalsByCurrency, totalsByPayoutCurrency } from "./statements.ts";
import { testActor, testProduct, unbalancedEntries } from "./test-support.ts";
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
      assert.deepEqual(bad.refused.map((line) => `${line.line}:${line.field}:${line.key}`), ["3:rate:royalties.rates.rate", "4:toCurrency:royalties.rates.currency", "5:validOn:royalties.rates.validOn"]);
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
      const row = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", creator.id).where("currency", "=", "USD").executeTakeFirstOrThrow();
      const statement = await findStatement(db, row.id);
      assert.ok(statement);
      const lines = await statementLines(db, statement.id);
      const converted = await statementConversion(db, statement);
      const rateDay = (day: string) => (day < "2025-05-15" ? "2025-04-01" : "2025-05-15");
      const rateOf = (day: string) => parseRate(day < "2025-05-15" ? "0.91234567" : "0.9") ?? 0n;
      const expected = convertLines(lines.map((line) => ({ amount: BigInt(line.royaltyMinor), rate: rateOf(line.soldAt.toISOString().slice(0, 10)) })), 2, 2);
      const total = Number(expected.reduce((sum, amount) => sum + amount, 0n));
      assert.deepEqual(converted, {
        kind: "converted",
        currency: "EUR",
        approved: false,
        totalMinor: total,
        lines: lines.map((line, index) => ({ postingId: line.postingId, rateOn: rateDay(line.soldAt.toISOString().slice(0, 10)), rateScaled: rateOf(line.soldAt.toISOString().slice(0, 10)), amountMinor: Number(expected[index]) })),
      });
      assert.equal(lines.length, 4);

      // Approval fixes it: a rate imported afterwards for a day inside the period changes nothing approved.
      await approveStatement(db, finance, statement.id, new Date("2025-07-02T09:00:00Z"));
      const approved = await findStatement(db, statement.id);
      assert.deepEqual([approved?.payoutCurrency, approved?.payoutMinor], ["EUR", total]);
      await importRates(db, finance, "currency,to_currency,rate,valid_on\nUSD,EUR,1.5,2025-06-01\n");
      assert.ok(approved);
      const after = await statementConversion(db, approved);
      assert.equal(after?.kind, "converted");
      assert.equal(after?.kind === "converted" ? after.totalMinor : -1, total);
      assert.deepEqual(after?.kind === "converted" ? after.lines.map((line) => line.rateOn) : [], lines.map((line) => rateDay(line.soldAt.toISOString().slice(0, 10))));
      // A draft would have taken the new rate for the June sale: the approved statement did not.
      const live = (await liveConversions(db, [approved])).get(approved.id);
      assert.ok(live?.kind === "converted" && live.totalMinor !== total, "the new rate changes a fresh conversion");

      // The payout goes out in euros: payable cleared in dollars, cash in euros, through the exchange account.
      const cashBefore = (await totalsByCurrency(db)).find((row) => row.currency === "EUR")?.paidMinor ?? 0;
      await db.updateTable("royalty_shares").set({ accepted_at: new Date(), accepted_terms: "test" }).where("account_id", "=", creator.id).execute();
      await payStatement(db, finance, statement.id, { reference: "SEPA-FX-1", paidOn: "2025-07-10" });
      const paid = await db.selectFrom("royalty_statements").select(["status", "payout_currency", "payout_minor"]).where("id", "=", statement.id).executeTakeFirstOrThrow();
      assert.deepEqual([paid.status, paid.payout_currency, paid.payout_minor], ["paid", "EUR", total]);
      const postings = await db.selectFrom("journal_postings as p").innerJoin("journal_entries as e", "e.id", "p.entry_id").select(["p.account", "p.currency", "p.amount_minor"]).where("e.statement_id", "=", statement.id).where("e.kind", "=", "payout").orderBy("p.id").execute();
      assert.deepEqual(postings.map((posting) => [posting.account, posting.currency, Number(posting.amount_minor)]), [
        ["royalties_payable", "USD", statement.royaltyMinor],
        ["currency_exchange", "USD", -statement.royaltyMinor],
        ["currency_exchange", "EUR", total],
        ["cash", "EUR", -total],
      ]);
      assert.equal(await unbalancedEntries(db), 0);
      assert.equal(((await totalsByCurrency(db)).find((row) => row.currency === "EUR")?.paidMinor ?? 0) - cashBefore, total, "cash left in euros");
      assert.equal((await totalsByPayoutCurrency(db)).find((row) => row.currency === "EUR")?.paidMinor, total);
      const audit = await db.selectFrom("audit_log").select(["action", "details"]).where("subject_type", "=", "royalty_statement").where("subject_id", "=", String(statement.id)).orderBy("id").execute();
      assert.deepEqual(audit.map((entry) => entry.action), ["royalties.statement.approve", "royalties.statement.pay"]);
      assert.match(JSON.stringify(audit[1]?.details), /"currency":"EUR"/);

      // Dollar royalties of another creator, in a quarter without rates: the statement stays in dollars.
      const other = await testActor(db);
      const otherSku = `FX2-${kind}`;
      await createAgreement(db, finance, { productId: await testProduct(db, [otherSku], [other.id]), rateBp: 500, effectiveFrom: "2025-01-01", effectiveTo: null, currency: "EUR" });
      await importSales(db, finance, batchSource([{ externalId: `${otherSku}-1`, sku: otherSku, quantity: 1, netAmountMinor: 10_000, currency: "USD", soldAt: "2025-02-10T12:00:00Z" }]), { partial: false });
      await generateStatements(db, finance, "2025-01-01", "quarterly");
      const uncoveredRow = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", other.id).executeTakeFirstOrThrow();
      const uncovered = await findStatement(db, uncoveredRow.id);
      assert.ok(uncovered);
      assert.deepEqual(await statementConversion(db, uncovered), { kind: "uncovered", currency: "EUR", day: "2025-02-10" });
      // Approved so, it is paid in dollars; a rate imported later does not convert it.
      await approveStatement(db, finance, uncovered.id, new Date("2025-04-02T09:00:00Z"));
      await importRates(db, finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.93,2025-01-01\n");
      const approvedInDollars = await findStatement(db, uncovered.id);
      assert.deepEqual([approvedInDollars?.payoutCurrency, approvedInDollars?.payoutMinor], ["USD", uncovered.royaltyMinor]);
      assert.ok(approvedInDollars);
      assert.deepEqual(await statementConversion(db, approvedInDollars), { kind: "kept" });
    });

    test("large inputs go in whole: 20,000 rates in one file, and a statement of 14,000 lines approved with every line's conversion kept", async () => {
      const { db } = t.app.hearth;
      const days = Array.from({ length: 5_000 }, (_, index) => new Date(Date.UTC(2000, 0, 1) + index * 86_400_000).toISOString().slice(0, 10));
      const file = ["currency,to_currency,rate,valid_on", ...["GBP", "CHF", "SEK", "NOK"].flatMap((currency) => days.map((day, index) => `${currency},JPY,${150 + (index % 50)}.125,${day}`))].join("\n");
      assert.deepEqual(await importRates(db, finance, file), { applied: true, imported: 20_000, refused: [] });

      const creator = await testActor(db);
      const sku = `FX-BIG-${kind}`;
      await createAgreement(db, finance, { productId: await testProduct(db, [sku], [creator.id]), rateBp: 1_000, effectiveFrom: "2025-01-01", effectiveTo: null, currency: "EUR" });
      const count = 14_000;
      const sales = Array.from({ length: count }, (_, index) => ({ externalId: `${sku}-${index}`, sku, quantity: 1, netAmountMinor: 1_000 + (index % 7), currency: "USD", soldAt: new Date(Date.UTC(2025, 6, 1) + Math.floor((index / count) * 80) * 86_400_000 + 43_200_000).toISOString() }));
      assert.equal((await importSales(db, finance, batchSource(sales), { partial: false, now: new Date("2025-10-01T00:00:00Z") })).imported, count);
      await importRates(db, finance, "currency,to_currency,rate,valid_on\nUSD,EUR,0.87654321,2025-07-01\n");
      await generateStatements(db, finance, "2025-07-01", "quarterly", null, [creator.id]);
      const row = await db.selectFrom("royalty_statements").select("id").where("account_id", "=", creator.id).executeTakeFirstOrThrow();
      await approveStatement(db, finance, row.id, new Date("2025-10-02T09:00:00Z"));
      const kept = await db.selectFrom("royalty_statement_conversions").select((eb) => eb.fn.countAll<number>().as("n")).select((eb) => eb.fn.sum<number>("amount_minor").as("total")).where("statement_id", "=", row.id).executeTakeFirstOrThrow();
      const approved = await findStatement(db, row.id);
      assert.equal(Number(kept.n), count);
      assert.equal(Number(kept.total), approved?.payoutMinor, "the kept lines add up to the approved total");
    });
  });
}
