/**
 * Sales import and the ledger on both databases: exact totals for random sales, returns and splits
 * (property-based), idempotent re-import of any prefix, refusal of bad input with nothing applied,
 * the partial mode, and immutable journal rows.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { createAgreement } from "./agreements.ts";
import { importSales } from "./import.ts";
import { bookedRoyalty, periodStart, splitByShares } from "./rules.ts";
import { batchSource, csvSource } from "./sources.ts";
import { creatorTotals, ledgerCounts, testActor, testProduct, unbalancedEntries } from "./test-support.ts";
import "./index.ts";

const csv = (text: string) => csvSource(() => Readable.from([text]));
const HEADER = "external_id,sku,quantity,net_amount_minor,currency,sold_at,refund_of\n";
let run = 0;

for (const kind of DATABASE_KINDS) {
  describe(`sales import (${kind})`, () => {
    let t: TestApp;
    let finance: Actor;

    before(async () => {
      t = await startTestApp(kind);
      finance = await testActor(t.app.hearth.db, ["finance"]);
    });
    after(async () => {
      await t.close();
    });

    test("random sales, returns and splits: creators' royalties add up to the period's royalty, debits equal credits, re-importing any prefix changes nothing", async () => {
      const { db } = t.app.hearth;
      const lineArb = fc.record({
        amount: fc.integer({ min: 0, max: 2_000_000 }),
        quantity: fc.integer({ min: 1, max: 5 }),
        currency: fc.constantFrom("EUR", "USD", "JPY"),
        day: fc.integer({ min: 0, max: 200 }),
        refund: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 4 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(lineArb, { minLength: 1, maxLength: 40 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 0, max: 2_500 }),
          fc.integer({ min: 1, max: 9_999 }),
          fc.integer({ min: 0, max: 40 }),
          async (specs, creatorCount, rateBp, firstShare, prefix) => {
            run += 1;
            const creators = await Promise.all(Array.from({ length: creatorCount }, () => testActor(db)));
            const sku = `P${run}-${kind}`;
            const productId = await testProduct(db, [sku], creators.map((creator) => creator.id));
            const shareBps = creatorCount === 1 ? [10_000] : creatorCount === 2 ? [firstShare, 10_000 - firstShare] : [firstShare, Math.floor((10_000 - firstShare) / 2), 10_000 - firstShare - Math.floor((10_000 - firstShare) / 2)];
            const shares = creators.map((creator, index) => ({ accountId: creator.id, shareBp: shareBps[index] ?? 0 })).filter((share) => share.shareBp > 0);
            const agreementId = await createAgreement(db, finance, { productId, rateBp, effectiveFrom: "2025-01-01", effectiveTo: null, shares });
            // Sales, and returns of earlier sales of the same currency with items left to return (half the amount, one item).
            const lines: Array<Record<string, unknown>> = [];
            const itemsLeft = new Map<unknown, number>();
            specs.forEach((spec, index) => {
              const soldAt = new Date(Date.UTC(2025, 0, 1) + spec.day * 86_400_000).toISOString();
              const targets = lines.filter((line) => line.refundOf === undefined && line.currency === spec.currency && (itemsLeft.get(line.externalId) ?? 0) > 0);
              const target = spec.refund === null ? undefined : targets[spec.refund % Math.max(1, targets.length)];
              if (target) {
                lines.push({ externalId: `${sku}-${index}`, sku, quantity: -1, netAmountMinor: -Math.floor(Number(target.netAmountMinor) / 2), currency: spec.currency, soldAt, refundOf: target.externalId });
                itemsLeft.set(target.externalId, (itemsLeft.get(target.externalId) ?? 0) - 1);
              } else {
                lines.push({ externalId: `${sku}-${index}`, sku, quantity: spec.quantity, netAmountMinor: spec.amount, currency: spec.currency, soldAt });
                itemsLeft.set(`${sku}-${index}`, spec.quantity);
              }
            });
            const first = await importSales(db, finance, batchSource(lines), { partial: false });
            assert.equal(first.applied, true, JSON.stringify(first.refused));
            assert.equal(first.imported, lines.length);

            // Expected: per currency and period, the rounded royalty of the total, split by shares.
            const expected = new Map<string, number>();
            const byPeriod = new Map<string, bigint>();
            for (const line of lines) {
              const key = `${line.currency}|${periodStart(new Date(String(line.soldAt)), "quarterly")}`;
              byPeriod.set(key, (byPeriod.get(key) ?? 0n) + BigInt(Number(line.netAmountMinor)) * BigInt(rateBp));
            }
            let totalRoyalty = 0n;
            for (const [key, exact] of byPeriod) {
              const royalty = bookedRoyalty(exact);
              totalRoyalty += royalty;
              splitByShares(royalty, shares.map((share) => share.shareBp)).forEach((part, index) => {
                expected.set(`${shares[index]?.accountId}|${key}`, Number(part));
              });
            }
            const actual = await creatorTotals(db, [agreementId]);
            for (const [key, value] of expected) assert.equal(actual.get(key) ?? 0, value, key);
            const sumCreators = [...actual.values()].reduce((a, b) => a + b, 0);
            assert.equal(BigInt(sumCreators), totalRoyalty);
            assert.equal(await unbalancedEntries(db), 0);

            const before = await ledgerCounts(db);
            const again = await importSales(db, finance, batchSource(lines.slice(0, Math.min(prefix, lines.length))), { partial: false });
            assert.equal(again.imported, 0);
            assert.equal(again.duplicates, Math.min(prefix, lines.length));
            assert.deepEqual(await ledgerCounts(db), before);
            assert.deepEqual(await creatorTotals(db, [agreementId]), actual);
          },
        ),
        { numRuns: kind === "pglite" ? 15 : 25 },
      );
    });

    test("a CSV with bad lines is refused whole, every bad line listed with its line and column", async () => {
      const { db } = t.app.hearth;
      const creator = await testActor(db);
      await testProduct(db, ["CSV-1"], [creator.id]);
      const before = await ledgerCounts(db);
      const file =
        HEADER +
        "C-1,CSV-1,1,1999,EUR,2025-03-01T10:00:00Z,\n" +
        "C-2,CSV-1,1,1999,EUR\n" + // wrong column count
        "C-3,NOPE,1,1999,EUR,2025-03-01,\n" + // unknown SKU
        "C-4,CSV-1,-1,-1999,EUR,2025-03-01,\n" + // negative without a referenced sale
        "C-5,CSV-1,1,\"1,5\",EUR,2025-03-01,\n" +
        "C-6,CSV-1,1,1e3,EUR,2025-03-01,\n" +
        "C-7,CSV-1,1,NaN,EUR,2025-03-01,\n" +
        "C-8,CSV-1,1,100,XXY,2025-03-01,\n" + // unknown currency
        "C-9,CSV-1,-1,-100,EUR,2025-03-02,NOT-THERE\n"; // refund of an unknown sale
      const result = await importSales(db, finance, csv(file), { partial: false });
      assert.equal(result.applied, false);
      assert.deepEqual(
        result.refused.map((line) => `${line.line}:${line.field}:${line.key}`),
        [
          "3:line:royalties.line.columns",
          "4:sku:royalties.line.skuUnknown",
          "5:quantity:royalties.line.negativeWithoutRefund",
          "5:netAmountMinor:royalties.line.amountNegative",
          "6:netAmountMinor:royalties.line.amount",
          "7:netAmountMinor:royalties.line.amount",
          "8:netAmountMinor:royalties.line.amount",
          "9:currency:royalties.line.currency",
          "10:refundOf:royalties.line.refundUnknown",
        ],
      );
      assert.equal(result.refusedCount, 8);
      assert.deepEqual(await ledgerCounts(db), before, "nothing applied");

      const partial = await importSales(db, finance, csv(file), { partial: true });
      assert.equal(partial.applied, true);
      assert.equal(partial.imported, 1);
      assert.equal(partial.refusedCount, 8);
      assert.equal((await ledgerCounts(db)).lines, before.lines + 1);
    });

    test("a header without the required columns, or a broken quote, refuses the file", async () => {
      const { db } = t.app.hearth;
      const header = await importSales(db, finance, csv("id,sku\nA,B\n"), { partial: true });
      assert.equal(header.applied, false);
      assert.equal(header.refused[0]?.key, "royalties.file.header");
      const quote = await importSales(db, finance, csv(HEADER + 'Q-1,CSV-1,1,"100,EUR,2025-03-01,\n'), { partial: true });
      assert.equal(quote.applied, false);
      assert.equal(quote.refused[0]?.key, "royalties.file.malformed");
    });

    test("a line re-imported with other values is refused, not counted as a duplicate", async () => {
      const { db } = t.app.hearth;
      const line = { externalId: "CH-1", sku: "CSV-1", quantity: 1, netAmountMinor: 500, currency: "EUR", soldAt: "2025-04-01" };
      assert.equal((await importSales(db, finance, batchSource([line]), { partial: false })).imported, 1);
      const changed = await importSales(db, finance, batchSource([{ ...line, netAmountMinor: 600 }]), { partial: false });
      assert.equal(changed.applied, false);
      assert.equal(changed.refused[0]?.key, "royalties.line.changed");
      const same = await importSales(db, finance, batchSource([line]), { partial: false });
      assert.deepEqual([same.imported, same.duplicates], [0, 1]);
    });

    test("an external id repeated in one input with other values is refused, with the line it repeats; the same line again is a duplicate", async () => {
      const { db } = t.app.hearth;
      const before = await ledgerCounts(db);
      const file = HEADER + "D-1,CSV-1,1,700,EUR,2025-06-01,\nD-2,CSV-1,1,800,EUR,2025-06-01,\nD-1,CSV-1,1,701,EUR,2025-06-01,\nD-2,CSV-1,1,800,EUR,2025-06-01,\n";
      const refused = await importSales(db, finance, csv(file), { partial: false });
      assert.equal(refused.applied, false);
      assert.deepEqual(refused.refused.map((line) => `${line.line}:${line.field}:${line.key}:${line.params?.line}`), ["4:externalId:royalties.line.changedInFile:2"]);
      assert.deepEqual(await ledgerCounts(db), before, "nothing applied");

      const partial = await importSales(db, finance, csv(file), { partial: true });
      assert.deepEqual([partial.applied, partial.imported, partial.duplicates, partial.refusedCount], [true, 2, 1, 1]);
      const stored = await sql<{ amount: number }>`select net_amount_minor::int as amount from sales_lines where external_id = 'D-1'`.execute(db);
      assert.deepEqual(stored.rows, [{ amount: 700 }]);

      // The same in an API batch, where lines are numbered from 0.
      const line = { externalId: "D-3", sku: "CSV-1", quantity: 2, netAmountMinor: 900, currency: "EUR", soldAt: "2025-06-02" };
      const batch = await importSales(db, finance, batchSource([line, { ...line }, { ...line, quantity: 3 }]), { partial: false });
      assert.deepEqual(batch.refused.map((refusal) => `${refusal.line}:${refusal.key}`), ["2:royalties.line.changedInFile"]);
      const same = await importSales(db, finance, batchSource([line, { ...line }]), { partial: false });
      assert.deepEqual([same.applied, same.imported, same.duplicates], [true, 1, 1]);
    });

    test("returns may not take back more items than the sale sold, counting imported returns and earlier ones in the input", async () => {
      const { db } = t.app.hearth;
      const sale = HEADER + "Q-1,CSV-1,3,3000,EUR,2025-07-01,\n";
      const ret = (id: string, items: number) => `${id},CSV-1,-${items},-${items * 1000},EUR,2025-07-05,Q-1\n`;
      // Sale and returns in one file: 2 + 2 items of 3 sold.
      const tooMany = await importSales(db, finance, csv(sale + ret("Q-2", 2) + ret("Q-3", 2)), { partial: false });
      assert.equal(tooMany.applied, false);
      assert.deepEqual(tooMany.refused.map((line) => `${line.line}:${line.field}:${line.key}:${line.params?.returned}`), ["4:quantity:royalties.line.refundExceeds:4"]);

      const first = await importSales(db, finance, csv(sale + ret("Q-2", 2)), { partial: false });
      assert.deepEqual([first.applied, first.imported], [true, 2]);
      // Later, against what was imported: one more item is fine, two are not; re-sending the first return counts once.
      const later = await importSales(db, finance, csv(HEADER + ret("Q-2", 2) + ret("Q-4", 2)), { partial: false });
      assert.deepEqual(later.refused.map((line) => `${line.line}:${line.key}:${line.params?.sold}`), ["3:royalties.line.refundExceeds:3"]);
      const last = await importSales(db, finance, batchSource([{ externalId: "Q-2", sku: "CSV-1", quantity: -2, netAmountMinor: -2000, currency: "EUR", soldAt: "2025-07-05", refundOf: "Q-1" }, { externalId: "Q-5", sku: "CSV-1", quantity: -1, netAmountMinor: -1000, currency: "EUR", soldAt: "2025-07-06", refundOf: "Q-1" }, { externalId: "Q-5", sku: "CSV-1", quantity: -1, netAmountMinor: -1000, currency: "EUR", soldAt: "2025-07-06", refundOf: "Q-1" }]), { partial: false });
      assert.deepEqual([last.applied, last.imported, last.duplicates], [true, 1, 2]);
      const none = await importSales(db, finance, csv(HEADER + ret("Q-6", 1)), { partial: false });
      assert.equal(none.refused[0]?.key, "royalties.line.refundExceeds");
    });

    test("a refund later in the same file than its sale is accepted; before it, refused", async () => {
      const { db } = t.app.hearth;
      const ok = await importSales(db, finance, csv(HEADER + "R-1,CSV-1,2,2000,EUR,2025-05-01,\nR-2,CSV-1,-1,-1000,EUR,2025-05-03,R-1\n"), { partial: false });
      assert.deepEqual([ok.applied, ok.imported], [true, 2]);
      const wrongOrder = await importSales(db, finance, csv(HEADER + "R-4,CSV-1,-1,-1000,EUR,2025-05-03,R-3\nR-3,CSV-1,2,2000,EUR,2025-05-01,\n"), { partial: false });
      assert.equal(wrongOrder.applied, false);
      assert.equal(wrongOrder.refused[0]?.line, 2);
    });

    test("only finance imports", async () => {
      const { db } = t.app.hearth;
      const manager = await testActor(db, ["community_manager"]);
      await assert.rejects(importSales(db, manager, batchSource([]), { partial: false }), { code: "forbidden" });
    });

    test("journal rows cannot be changed or deleted", async () => {
      const { db } = t.app.hearth;
      await assert.rejects(sql`update journal_postings set amount_minor = amount_minor + 1`.execute(db), /immutable/);
      await assert.rejects(sql`delete from journal_entries`.execute(db), /immutable/);
    });
  });
}
