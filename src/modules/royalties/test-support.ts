/** What the royalties tests share: accounts with roles, a product with SKUs and creators, and ledger sums. */
import { sql } from "kysely";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";
import { setProductSkus } from "../products/index.ts";

let serial = 0;

/** A new verified account with the roles, as an Actor. */
export async function testActor(db: Executor, roles: Role[] = []): Promise<Actor> {
  serial += 1;
  const email = `royalties${serial}-${Date.now()}@example.test`;
  const createdAt = new Date(Date.now() - 86_400_000);
  const id = await createAccount(db, { email, name: `Person ${serial}`, verified: true, createdAt });
  for (const role of roles) await grantRole(db, id, role);
  return { id, email, name: `Person ${serial}`, emailVerified: true, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...roles.map((role) => ({ role, scope: "*" }))] };
}

/** A product with SKUs and creators (no idea behind it). */
export async function testProduct(db: Executor, skus: string[], creatorIds: number[]): Promise<number> {
  const row = await db.insertInto("products").values({ names: JSON.stringify({ en: `Product ${skus[0] ?? ""}` }), status: "launched" }).returning("id").executeTakeFirstOrThrow();
  await setProductSkus(db, row.id, skus);
  if (creatorIds.length > 0) await db.insertInto("product_creators").values(creatorIds.map((account_id) => ({ product_id: row.id, account_id }))).execute();
  return row.id;
}

/** Royalty credited to each creator per currency and period, for some agreements. */
export async function creatorTotals(db: Executor, agreementIds: number[]): Promise<Map<string, number>> {
  const rows = await sql<{ key: string; total: number }>`
    select p.creator_id || '|' || p.currency || '|' || p.period_start::text as key, -sum(p.amount_minor)::bigint as total
    from journal_postings p join journal_entries e on e.id = p.entry_id
    where p.account = 'royalties_payable' and e.kind = 'royalty' and e.agreement_id = any(${agreementIds}::bigint[])
    group by 1 order by 1`.execute(db);
  return new Map(rows.rows.map((row) => [row.key, Number(row.total)]));
}

/** Entries whose postings do not add up to zero (there must be none). */
export async function unbalancedEntries(db: Executor): Promise<number> {
  const rows = await sql<{ count: number }>`select count(*)::int as count from (select entry_id from journal_postings group by entry_id having sum(amount_minor) <> 0) t`.execute(db);
  return rows.rows[0]?.count ?? -1;
}

/** Counts of sales lines, entries and postings (re-importing must leave them as they are). */
export async function ledgerCounts(db: Executor): Promise<{ lines: number; entries: number; postings: number }> {
  const rows = await sql<{ lines: number; entries: number; postings: number }>`
    select (select count(*)::int from sales_lines) as lines, (select count(*)::int from journal_entries) as entries, (select count(*)::int from journal_postings) as postings`.execute(db);
  return rows.rows[0] ?? { lines: -1, entries: -1, postings: -1 };
}
