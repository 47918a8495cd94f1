/**
 * Agreements over time on both databases: finance changes the rate from a day on (the agreement ends,
 * a new one starts and is accepted anew), or ends an agreement; each sale is booked under the agreement
 * of its sale date, the boundary instant under the new one, a return under its sale's; what was booked
 * is never rewritten, so a change that would reach booked sales is refused.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { changeAgreement, createAgreement, endAgreement } from "./agreements.ts";
import { importSales } from "./import.ts";
import { batchSource } from "./sources.ts";
import { testActor, testProduct, unbalancedEntries } from "./test-support.ts";
import "./index.ts";

for (const kind of DATABASE_KINDS) {
  describe(`agreements over time (${kind})`, () => {
    let t: TestApp;
    let finance: Actor;

    before(async () => {
      t = await startTestApp(kind);
      finance = await testActor(t.app.hearth.db, ["finance"]);
    });
    after(async () => {
      await t.close();
    });

    /** Royalty credited per sales line, by external id, with the agreement it was booked under. */
    const booked = async () => {
      const rows = await sql<{ external_id: string; agreement_id: number; royalty: number }>`
        select l.external_id, e.agreement_id, -sum(p.amount_minor)::int as royalty
        from journal_postings p join journal_entries e on e.id = p.entry_id join sales_lines l on l.id = p.sales_line_id
        where p.account = 'royalties_payable' group by 1, 2`.execute(t.app.hearth.db);
      return new Map(rows.rows.map((row) => [row.external_id, { agreement: row.agreement_id, royalty: row.royalty }]));
    };

    test("a rate changed from 1 July: the last millisecond of June is booked at the old rate, midnight UTC at the new one, a later return at its sale's", async () => {
      const { db } = t.app.hearth;
      const creator = await testActor(db);
      await testProduct(db, [`AT-${kind}`], [creator.id]);
      const productId = (await db.selectFrom("product_skus").select("product_id").where("sku", "=", `AT-${kind}`).executeTakeFirstOrThrow()).product_id;
      const first = await createAgreement(db, finance, { productId, rateBp: 100, effectiveFrom: "2025-01-01", effectiveTo: null });
      const second = await changeAgreement(db, finance, first, { day: "2025-07-01", rateBp: 500 }, new Date("2025-06-15T09:00:00Z"));
      const agreements = await db.selectFrom("royalty_agreements").select(["id", "rate_bp", sql<string>`effective_from::text`.as("from"), sql<string | null>`effective_to::text`.as("to")]).where("product_id", "=", productId).orderBy("id").execute();
      assert.deepEqual(agreements.map((row) => [row.id, row.rate_bp, row.from, row.to]), [[first, 100, "2025-01-01", "2025-07-01"], [second, 500, "2025-07-01", null]]);
      const shares = await db.selectFrom("royalty_shares").select(["account_id", "share_bp", "accepted_at"]).where("agreement_id", "=", second).execute();
      assert.deepEqual(shares, [{ account_id: creator.id, share_bp: 10_000, accepted_at: null }], "the same shares, to be accepted anew");

      const line = (id: string, soldAt: string, extra: Record<string, unknown> = {}) => ({ externalId: `${kind}-${id}`, sku: `AT-${kind}`, quantity: 1, netAmountMinor: 10_000, currency: "EUR", soldAt, ...extra });
      const result = await importSales(db, finance, batchSource([
        line("june", "2025-06-30T23:59:59.999Z"),
        line("july", "2025-07-01T00:00:00Z"),
        line("zoned", "2025-07-01T01:59:59+02:00"),
        line("return", "2025-07-05T10:00:00Z", { quantity: -1, netAmountMinor: -10_000, refundOf: `${kind}-june` }),
      ]), { partial: false, now: new Date("2025-07-06T00:00:00Z") });
      assert.equal(result.imported, 4, JSON.stringify(result.refused));
      const lines = await booked();
      assert.deepEqual(lines.get(`${kind}-june`), { agreement: first, royalty: 100 });
      assert.deepEqual(lines.get(`${kind}-july`), { agreement: second, royalty: 500 });
      assert.deepEqual(lines.get(`${kind}-zoned`), { agreement: first, royalty: 100 }, "01:59 in UTC+2 is still 30 June in UTC");
      assert.deepEqual(lines.get(`${kind}-return`), { agreement: first, royalty: -100 }, "a return follows its sale's agreement");
      assert.equal(await unbalancedEntries(db), 0);

      // Booked sales keep their terms: no change may reach back over them, nor into the past.
      await assert.rejects(changeAgreement(db, finance, second, { day: "2025-07-01", rateBp: 700 }, new Date("2025-06-20T00:00:00Z")), { code: "validation_failed" });
      await assert.rejects(changeAgreement(db, finance, first, { day: "2025-06-30", rateBp: 700 }, new Date("2025-06-20T00:00:00Z")), { code: "agreement_sales_after" });
      await assert.rejects(changeAgreement(db, finance, second, { day: "2025-08-01", rateBp: 700 }, new Date("2025-08-02T00:00:00Z")), { code: "validation_failed" });
      await assert.rejects(endAgreement(db, await testActor(db, ["community_manager"]), second, "2025-09-01", new Date("2025-08-02T00:00:00Z")), { code: "forbidden" });

      // Ended on 1 September: a sale from that day on is imported without royalty.
      await endAgreement(db, finance, second, "2025-09-01", new Date("2025-08-02T00:00:00Z"));
      const late = await importSales(db, finance, batchSource([line("august", "2025-08-31T23:00:00Z"), line("september", "2025-09-01T00:00:00Z")]), { partial: false, now: new Date("2025-09-02T00:00:00Z") });
      assert.equal(late.imported, 2);
      const after = await booked();
      assert.deepEqual(after.get(`${kind}-august`), { agreement: second, royalty: 500 });
      assert.equal(after.get(`${kind}-september`), undefined);
      assert.deepEqual(after.get(`${kind}-june`), lines.get(`${kind}-june`), "earlier entries unchanged");

      const audit = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "royalty_agreement").where("subject_id", "in", [String(first), String(second)]).orderBy("id").execute();
      assert.deepEqual(audit.map((row) => row.action), ["royalties.agreement.create", "royalties.agreement.create", "royalties.agreement.change", "royalties.agreement.end"]);
    });
  });
}
