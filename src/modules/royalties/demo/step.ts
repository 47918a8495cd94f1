/**
 * Products and royalties of the demo community: the products that approved ideas became get SKUs, a
 * launch date and a 1% agreement with their creators (most already accepted); a year of sales in euros
 * and dollars with some returns goes through the real import; then statements of three quarters:
 * the oldest paid (where the creator accepted the agreement), the next approved, the last a draft.
 * The first product's creators are paid in euros: a year of daily dollar-to-euro rates converts their
 * dollar statements.
 */
import type { DemoStep } from "../../../demo/index.ts";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { createAgreement } from "../agreements.ts";
import { importSales } from "../import.ts";
import { importRates } from "../rates.ts";
import { periodStart } from "../rules.ts";
import { batchSource } from "../sources.ts";
import { approveStatement, generateStatements, payStatement } from "../statements.ts";
import { creatorsOfProducts, setProductSkus } from "../../products/index.ts";

const DAY = 86_400_000;
/** The demo writes history before the site runs: no one is notified of it. */
const HISTORY = { notifyCreator: false };

export const royaltiesDemoStep: DemoStep = {
  name: "products and royalties",
  async run(db: Tx, rng, context) {
    const finance = context.staff.finance;
    if (!finance) return undefined;
    const actor = { id: finance.id, email: finance.email, name: finance.name, emailVerified: true, locale: "en", createdAt: finance.joinedAt, roles: [{ role: "finance" as const, scope: "*" }] };
    // The products that this load's approved ideas became (a forced load leaves existing products alone).
    const products = await db
      .selectFrom("products")
      .select(["id"])
      .where("idea_id", "is not", null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("royalty_agreements").select("royalty_agreements.id").whereRef("royalty_agreements.product_id", "=", "products.id"))))
      .orderBy("id")
      .execute();
    if (products.length === 0) return undefined;
    const yearAgo = new Date(context.now.getTime() - 365 * DAY);
    const agreementStart = yearAgo.toISOString().slice(0, 10);
    const launched: Array<{ id: number; sku: string; price: number; popularity: number }> = [];
    // The first product's creators are paid in euros, under all their agreements (so their statements convert whole).
    const creatorsOf = await creatorsOfProducts(db, products.map((product) => product.id));
    const paidInEuros = new Set(creatorsOf.get(products[0]?.id ?? 0) ?? []);
    for (const [index, product] of products.entries()) {
      // The newest is still being made; the others are on sale.
      const onSale = index < products.length - 1 || products.length === 1;
      const sku = `HRT-${String(product.id).padStart(4, "0")}`;
      await db
        .updateTable("products")
        .set({ status: onSale ? "launched" : "in_development", launch_date: onSale ? agreementStart : new Date(context.now.getTime() + 90 * DAY).toISOString().slice(0, 10) })
        .where("id", "=", product.id)
        .execute();
      await setProductSkus(db, product.id, [sku]);
      const currency = (creatorsOf.get(product.id) ?? []).some((creator) => paidInEuros.has(creator)) ? "EUR" : null;
      const agreementId = await createAgreement(db, actor, { productId: product.id, rateBp: 100, effectiveFrom: agreementStart, effectiveTo: null, currency });
      if (rng.chance(0.8)) await db.updateTable("royalty_shares").set({ accepted_at: new Date(yearAgo.getTime() + 3 * DAY), accepted_terms: "accepted in the demo" }).where("agreement_id", "=", agreementId).execute();
      if (onSale) launched.push({ id: product.id, sku, price: 1_999 + rng.int(0, 30) * 500, popularity: rng.int(4, 12) });
    }

    // A year of sales: a few lines a week per product, in euros or dollars; about one in twenty-five comes back.
    const lines: Array<Record<string, unknown>> = [];
    const firstDay = Math.ceil(yearAgo.getTime() / DAY) + 1;
    for (const product of launched) {
      const sold: Array<{ id: string; currency: string; amount: number; day: number }> = [];
      for (let week = 0; week < 52; week += 1) {
        for (let n = rng.int(0, product.popularity); n > 0; n -= 1) {
          const day = firstDay + week * 7 + rng.int(0, 6);
          if (day * DAY >= context.now.getTime()) continue;
          const currency = rng.chance(0.65) ? "EUR" : "USD";
          const quantity = rng.int(1, 3);
          const id = `DEMO-${product.id}-${lines.length}`;
          const amount = quantity * product.price;
          lines.push({ externalId: id, sku: product.sku, quantity, netAmountMinor: amount, currency, soldAt: new Date(day * DAY + rng.int(8, 20) * 3_600_000).toISOString() });
          sold.push({ id, currency, amount: product.price, day });
          // A sale is returned at most once, one item: returns never exceed what was sold.
          const earlier = sold.length > 3 && rng.chance(0.04) ? sold.splice(rng.int(0, sold.length - 2), 1)[0] : undefined;
          const returnDay = earlier ? earlier.day + rng.int(3, 20) : 0;
          if (earlier && returnDay * DAY < context.now.getTime()) {
            lines.push({ externalId: `${id}-R`, sku: product.sku, quantity: -1, netAmountMinor: -earlier.amount, currency: earlier.currency, soldAt: new Date(returnDay * DAY + 12 * 3_600_000).toISOString(), refundOf: earlier.id });
          }
        }
      }
    }
    const creators = [...new Set([...creatorsOf.values()].flat())];
    if (creators.length === 0) return undefined;
    const imported = await importSales(db, actor, batchSource(lines), { partial: false, now: context.now, filename: "demo-sales.csv" });
    if (!imported.applied) throw new Error(`demo sales were refused: ${JSON.stringify(imported.refused.slice(0, 3))}`);

    // A dollar-to-euro rate for every day of the year (a gentle random walk around 0.92, four decimals).
    const rates: Array<{ line: number; raw: Record<string, string> }> = [];
    let rate = 9_200;
    for (let day = firstDay - 1; day * DAY < context.now.getTime(); day += 1) {
      rate = Math.min(9_800, Math.max(8_600, rate + rng.int(-20, 20)));
      rates.push({ line: rates.length, raw: { currency: "USD", toCurrency: "EUR", rate: `0.${String(rate).padStart(4, "0")}`, validOn: new Date(day * DAY).toISOString().slice(0, 10) } });
    }
    const ratesImported = await importRates(db, actor, rates);
    if (!ratesImported.applied) throw new Error(`demo exchange rates were refused: ${JSON.stringify(ratesImported.refused.slice(0, 3))}`);

    // Statements of the last three complete quarters: paid, approved, draft.
    const [year, month] = periodStart(context.now, "quarterly").split("-").map(Number) as [number, number];
    const quarters = [3, 2, 1].map((back) => new Date(Date.UTC(year, month - 1 - 3 * back, 1)).toISOString().slice(0, 10));
    const counts: Record<string, number> = { paid: 0, approved: 0, draft: 0 };
    for (const [index, quarter] of quarters.entries()) {
      await generateStatements(db, actor, quarter, "quarterly", null, creators);
      if (index === quarters.length - 1) {
        counts.draft = (await db.selectFrom("royalty_statements").select("id").where("status", "=", "draft").where("account_id", "in", creators).execute()).length;
        continue;
      }
      const drafts = await db.selectFrom("royalty_statements").select("id").where("status", "=", "draft").where("period_start", "=", quarter).where("account_id", "in", creators).execute();
      for (const statement of drafts) {
        await approveStatement(db, actor, statement.id, context.now, null, HISTORY);
        counts.approved = (counts.approved ?? 0) + 1;
        if (index !== 0) continue;
        try {
          await payStatement(db, actor, statement.id, { reference: `SEPA-${quarter.slice(0, 7)}-${String(statement.id).padStart(4, "0")}`, paidOn: new Date(context.now.getTime() - 60 * DAY).toISOString().slice(0, 10) }, null, HISTORY);
          counts.paid = (counts.paid ?? 0) + 1;
          counts.approved -= 1;
        } catch (error) {
          // A creator who has not accepted their agreement is not paid: their statement stays approved.
          if (!(error instanceof AppError && error.code === "agreement_not_accepted")) throw error;
        }
      }
    }
    return `${products.length} products, ${imported.imported} sales lines, ${ratesImported.imported} exchange rates, statements: ${counts.paid} paid, ${counts.approved} approved, ${counts.draft} draft`;
  },
};
