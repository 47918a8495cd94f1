/**
 * Two imports at once on PostgreSQL, through two connection pools as two servers' processes would:
 * the same sales are never applied twice, and returns never take back more than their sale sold,
 * whichever import the database lets go first.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/helpers/app.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { openDatabase, type Database } from "../../platform/db/index.ts";
import { createAgreement } from "./agreements.ts";
import { importSales } from "./import.ts";
import { bookedRoyalty } from "./rules.ts";
import { batchSource } from "./sources.ts";
import { creatorTotals, testActor, testProduct, unbalancedEntries } from "./test-support.ts";
import "./index.ts";

const sale = (id: string, quantity: number, amount: number, day = 10) => ({ externalId: id, sku: "CC-1", quantity, netAmountMinor: amount, currency: "EUR", soldAt: `2025-02-${String(day).padStart(2, "0")}T12:00:00Z` });
const refund = (id: string, of: string, quantity: number, amount: number) => ({ externalId: id, sku: "CC-1", quantity: -quantity, netAmountMinor: -amount, currency: "EUR", soldAt: "2025-02-20T12:00:00Z", refundOf: of });

describe("two imports at once (postgres)", () => {
  let first: Awaited<ReturnType<typeof openTestDatabase>>;
  let second: Database;
  let finance: Actor;
  let agreementId: number;
  let creatorId: number;

  before(async () => {
    first = await openTestDatabase("postgres");
    second = await openDatabase({ databaseUrl: first.url, poolSize: 4 });
    const { db } = first.database;
    finance = await testActor(db, ["finance"]);
    const creator = await testActor(db);
    creatorId = creator.id;
    const productId = await testProduct(db, ["CC-1"], [creator.id]);
    agreementId = await createAgreement(db, finance, { productId, rateBp: 333, effectiveFrom: "2025-01-01", effectiveTo: null });
  });
  after(async () => {
    await second?.close();
    await first?.dispose();
  });

  const count = async (where: string) => (await sql<{ n: number }>`select count(*)::int as n from sales_lines where ${sql.raw(where)}`.execute(first.database.db)).rows[0]?.n ?? -1;

  test("the same 6,000 sales sent twice at once are imported once, and the creator's royalty is that of the total", async () => {
    const lines = Array.from({ length: 6000 }, (_, index) => sale(`S-${index}`, 1 + (index % 3), 1000 + index * 7, 1 + (index % 28)));
    const results = await Promise.all([
      importSales(first.database.db, finance, batchSource(lines), { partial: false }),
      importSales(second.db, finance, batchSource([...lines].reverse()), { partial: false }),
    ]);
    assert.deepEqual(results.map((result) => result.applied), [true, true]);
    assert.deepEqual(results.map((result) => result.imported).sort(), [0, 6000]);
    assert.deepEqual(results.map((result) => result.duplicates).sort(), [0, 6000]);
    assert.equal(await count("external_id like 'S-%'"), 6000);
    const exact = lines.reduce((sum, line) => sum + BigInt(line.netAmountMinor) * 333n, 0n);
    const totals = await creatorTotals(first.database.db, [agreementId]);
    assert.equal(BigInt(totals.get(`${creatorId}|EUR|2025-01-01`) ?? 0), bookedRoyalty(exact));
    assert.equal(await unbalancedEntries(first.database.db), 0);
  });

  test("two imports each returning both items of a two-item sale: one return is applied, the other refused", async () => {
    const { db } = first.database;
    assert.equal((await importSales(db, finance, batchSource([sale("T-1", 2, 5000)]), { partial: false })).imported, 1);
    const results = await Promise.all([
      importSales(db, finance, batchSource([refund("T-1-A", "T-1", 2, 5000)]), { partial: false }),
      importSales(second.db, finance, batchSource([refund("T-1-B", "T-1", 2, 5000)]), { partial: false }),
    ]);
    assert.deepEqual(results.map((result) => result.applied).sort(), [false, true]);
    const refused = results.find((result) => !result.applied);
    assert.equal(refused?.refused[0]?.key, "royalties.line.refundExceeds");
    const returned = await sql<{ items: number }>`select coalesce(-sum(quantity), 0)::int as items from sales_lines where refund_of = 'T-1'`.execute(db);
    assert.equal(returned.rows[0]?.items, 2);
  });

  test("a return of a sale that the other import is bringing in: applied only once the sale is, never beyond it", async () => {
    const { db } = first.database;
    const big = [...Array.from({ length: 8000 }, (_, index) => sale(`U-${index}`, 1, 2000)), sale("U-SALE", 1, 3000)];
    const results = await Promise.all([
      importSales(db, finance, batchSource(big), { partial: false }),
      importSales(second.db, finance, batchSource([refund("U-RET-1", "U-SALE", 1, 3000), refund("U-RET-2", "U-SALE", 1, 3000)]), { partial: true }),
    ]);
    assert.equal(results[0]?.imported, 8001);
    const returns = results[1];
    // Let go first, the returns name an unknown sale; after the sale, the first return fits and the second is one too many.
    if (returns?.imported === 0) assert.deepEqual(returns.refused.map((line) => line.key), ["royalties.line.refundUnknown", "royalties.line.refundUnknown"]);
    else assert.deepEqual([returns?.imported, returns?.refused.map((line) => line.key)], [1, ["royalties.line.refundExceeds"]]);
    assert.ok((await count("refund_of = 'U-SALE'")) <= 1);
    assert.equal(await count("external_id = 'U-SALE'"), 1);
    assert.equal(await unbalancedEntries(db), 0);
  });
});
