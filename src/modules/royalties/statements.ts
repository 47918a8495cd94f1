/**
 * Statements per creator, currency and period: drafted from the royalty postings not yet on a
 * statement (a late line joins the next open statement), approved by finance, then paid — the payout
 * is a journal entry that clears the creator's payable balance. Approval fixes what is paid: in the statement's
 * currency, or converted into the one its agreements pay in (conversion.ts). Every step is audited.
 */
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, invalid, notFound } from "../../platform/errors.ts";
import { freezeConversion } from "./conversion.ts";
import { nextStatus, periodEnd, type PeriodLength, type StatementStatus } from "./rules.ts";
import { notifyStatement } from "./notifications.ts";
import type { LedgerAccount } from "./tables.ts";
import "./policy.ts";

export interface StatementRow {
  id: number;
  accountId: number;
  accountName: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  status: StatementStatus;
  salesMinor: number;
  royaltyMinor: number;
  approvedAt: Date | null;
  paidAt: string | null;
  payoutReference: string | null;
  /** What it is paid in, fixed at approval (null while a draft). */
  payoutCurrency: string | null;
  payoutMinor: number | null;
}

/**
 * Drafts (or brings up to date) the statements of the period starting on `period`: every royalty
 * posting of that period or earlier that is on no statement yet goes on its creator's statement.
 */
export async function generateStatements(db: Executor, actor: Actor, period: string, length: PeriodLength, ip: string | null = null, onlyCreators: readonly number[] | null = null): Promise<{ statements: number }> {
  authorize(actor, "royalties.manage");
  if (!/^\d{4}-\d{2}-01$/.test(period)) throw invalid("validation_failed", "errors.validation", { period: { key: "royalties.statement.period" } });
  const end = periodEnd(period, length);
  const creators = onlyCreators === null ? null : [...onlyCreators];
  return inTransaction(db, async (tx) => {
    // Fresh statistics after bulk imports, so the planner joins the postings by hash, not row by row.
    await sql`analyze journal_postings`.execute(tx);
    await sql`insert into royalty_statements (account_id, currency, period_start, period_end)
              select distinct creator_id, currency, ${period}::date, ${end}::date from journal_postings
              where account = 'royalties_payable' and statement_id is null and period_start < ${end}::date
                and (${creators}::bigint[] is null or creator_id = any(${creators}::bigint[]))
              on conflict (account_id, currency, period_start) do nothing`.execute(tx);
    const attached = await sql`update journal_postings p set statement_id = s.id
              from royalty_statements s
              where p.account = 'royalties_payable' and p.statement_id is null and p.period_start < ${end}::date
                and s.account_id = p.creator_id and s.currency = p.currency and s.period_start = ${period}::date and s.status = 'draft'`.execute(tx);
    await sql`analyze royalty_statements`.execute(tx);
    const totals = await sql`update royalty_statements s set royalty_minor = t.royalty, sales_minor = t.sales
              from (select p.statement_id, -sum(p.amount_minor) as royalty, sum(l.net_amount_minor) as sales
                    from journal_postings p join sales_lines l on l.id = p.sales_line_id
                    join royalty_statements s2 on s2.id = p.statement_id
                    where p.statement_id is not null and s2.period_start = ${period}::date and s2.status = 'draft'
                    group by p.statement_id) t
              where s.id = t.statement_id`.execute(tx);
    await recordAudit(tx, { actorId: actor.id, action: "royalties.statements.generate", subjectType: "period", subjectId: period, details: { postings: Number(attached.numAffectedRows ?? 0), statements: Number(totals.numAffectedRows ?? 0) }, ip });
    return { statements: Number(totals.numAffectedRows ?? 0) };
  });
}

async function lockStatement(db: Executor, id: number): Promise<{ status: StatementStatus; account_id: number; currency: string; royalty_minor: number; period: string; period_end: string; payout_currency: string | null; payout_minor: number | null }> {
  const row = await db
    .selectFrom("royalty_statements")
    .select(["status", "account_id", "currency", "royalty_minor", "payout_currency", "payout_minor", sql<string>`period_start::text`.as("period"), sql<string>`period_end::text`.as("period_end")])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("statement_not_found", "royalties.statement.notFound");
  return { ...row, currency: row.currency.trim(), payout_currency: row.payout_currency?.trim() ?? null };
}

/** Whether the creator hears of the step (not for history that the demo writes before the site runs). */
export interface StatementStepOptions {
  notifyCreator?: boolean;
}

/** Finance approves a draft statement, fixing what it is paid (converted with the rates kept now, when they cover it). */
export async function approveStatement(db: Executor, actor: Actor, id: number, now: Date, ip: string | null = null, options: StatementStepOptions = {}): Promise<void> {
  authorize(actor, "royalties.manage");
  await inTransaction(db, async (tx) => {
    const statement = await lockStatement(tx, id);
    if (nextStatus(statement.status, "approve") === null) throw conflict("statement_not_draft", "royalties.statement.notDraft");
    const payout = await freezeConversion(tx, { id, currency: statement.currency, periodStart: statement.period, periodEnd: statement.period_end, royaltyMinor: statement.royalty_minor });
    await tx.updateTable("royalty_statements").set({ status: "approved", approved_at: now, approved_by: actor.id }).where("id", "=", id).execute();
    if (options.notifyCreator !== false) await notifyStatement(tx, "approved", { id, account_id: statement.account_id, period: statement.period, currency: payout.currency, royalty_minor: payout.minor });
    await recordAudit(tx, { actorId: actor.id, action: "royalties.statement.approve", subjectType: "royalty_statement", subjectId: id, details: { royaltyMinor: statement.royalty_minor, currency: statement.currency, payoutMinor: payout.minor, payoutCurrency: payout.currency }, ip });
  });
}

/** The agreements of a statement's royalties that its creator has not accepted yet. */
async function unacceptedAgreements(db: Executor, statementId: number): Promise<number[]> {
  const rows = await sql<{ agreement_id: number }>`
    select distinct e.agreement_id from journal_postings p
    join journal_entries e on e.id = p.entry_id
    join royalty_shares s on s.agreement_id = e.agreement_id and s.account_id = p.creator_id
    where p.statement_id = ${statementId} and p.account = 'royalties_payable' and s.accepted_at is null
    order by e.agreement_id`.execute(db);
  return rows.rows.map((row) => row.agreement_id);
}

/**
 * Finance records the payout of an approved statement: a journal entry moves the amount from payable to
 * cash, in the currency and amount fixed at approval; paid in another currency than the statement's, the
 * entry goes through the exchange account (each currency's postings add up to zero). A statement is paid only once its creator has accepted every agreement it falls under; until
 * then the payout is refused and the creator reminded to accept.
 */
export async function payStatement(db: Executor, actor: Actor, id: number, payout: { reference: string; paidOn: string }, ip: string | null = null, options: StatementStepOptions = {}): Promise<void> {
  authorize(actor, "royalties.manage");
  const reference = payout.reference.trim();
  if (reference === "" || reference.length > 100) throw invalid("validation_failed", "errors.validation", { reference: { key: "royalties.statement.reference" } });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(payout.paidOn) || Number.isNaN(Date.parse(payout.paidOn))) throw invalid("validation_failed", "errors.validation", { paidOn: { key: "royalties.statement.paidOn" } });
  const held = await inTransaction(db, async (tx) => {
    const statement = await lockStatement(tx, id);
    if (nextStatus(statement.status, "pay") === null) throw conflict("statement_not_approved", "royalties.statement.notApproved");
    if ((await unacceptedAgreements(tx, id)).length > 0) return statement;
    const entry = await tx
      .insertInto("journal_entries")
      .values({ kind: "payout", statement_id: id, currency: statement.currency, period_start: statement.period, created_by: actor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const paid = { currency: statement.payout_currency ?? statement.currency, minor: statement.payout_minor ?? statement.royalty_minor };
    const posting = (account: LedgerAccount, currency: string, amount: number) => ({ entry_id: entry.id, account, creator_id: account === "royalties_payable" ? statement.account_id : null, currency, amount_minor: amount, period_start: statement.period });
    await tx
      .insertInto("journal_postings")
      .values(
        paid.currency === statement.currency
          ? [posting("royalties_payable", statement.currency, statement.royalty_minor), posting("cash", paid.currency, -paid.minor)]
          : [
              posting("royalties_payable", statement.currency, statement.royalty_minor),
              posting("currency_exchange", statement.currency, -statement.royalty_minor),
              posting("currency_exchange", paid.currency, paid.minor),
              posting("cash", paid.currency, -paid.minor),
            ],
      )
      .execute();
    await tx.updateTable("royalty_statements").set({ status: "paid", paid_at: payout.paidOn, payout_reference: reference, paid_by: actor.id, payout_currency: paid.currency, payout_minor: paid.minor }).where("id", "=", id).execute();
    if (options.notifyCreator !== false) await notifyStatement(tx, "paid", { id, account_id: statement.account_id, period: statement.period, currency: paid.currency, royalty_minor: paid.minor });
    await recordAudit(tx, { actorId: actor.id, action: "royalties.statement.pay", subjectType: "royalty_statement", subjectId: id, details: { reference, paidOn: payout.paidOn, amountMinor: paid.minor, currency: paid.currency, royaltyMinor: statement.royalty_minor, royaltyCurrency: statement.currency }, ip });
    return null;
  });
  if (held) {
    // Told in its own transaction: the refused payout writes nothing else.
    if (options.notifyCreator !== false) await notifyStatement(db, "accept_pending", { ...held, id, currency: held.payout_currency ?? held.currency, royalty_minor: held.payout_minor ?? held.royalty_minor });
    throw conflict("agreement_not_accepted", "royalties.statement.notAccepted");
  }
}

function statementQuery(db: Executor) {
  return db
    .selectFrom("royalty_statements as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .select(["s.id", "s.account_id", "a.name", "s.currency", "s.status", "s.sales_minor", "s.royalty_minor", "s.approved_at", "s.payout_reference", "s.payout_currency", "s.payout_minor"])
    .select([sql<string>`s.period_start::text`.as("period_start"), sql<string>`s.period_end::text`.as("period_end"), sql<string | null>`s.paid_at::text`.as("paid_at")]);
}

type StatementDbRow = Awaited<ReturnType<ReturnType<typeof statementQuery>["execute"]>>[number];

function toStatement(row: StatementDbRow): StatementRow {
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.name,
    currency: row.currency.trim(),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    status: row.status,
    salesMinor: row.sales_minor,
    royaltyMinor: row.royalty_minor,
    approvedAt: row.approved_at,
    paidAt: row.paid_at,
    payoutReference: row.payout_reference,
    payoutCurrency: row.payout_currency?.trim() ?? null,
    payoutMinor: row.payout_minor,
  };
}

/** Statements, newest period first; a creator's own when `accountId` is given. */
export async function listStatements(db: Executor, filter: { accountId?: number; status?: StatementStatus; limit: number; offset: number }): Promise<StatementRow[]> {
  let query = statementQuery(db).orderBy("s.period_start", "desc").orderBy("s.id", "desc").limit(filter.limit).offset(filter.offset);
  if (filter.accountId !== undefined) query = query.where("s.account_id", "=", filter.accountId);
  if (filter.status !== undefined) query = query.where("s.status", "=", filter.status);
  return (await query.execute()).map(toStatement);
}

/** One statement. */
export async function findStatement(db: Executor, id: number): Promise<StatementRow | undefined> {
  const row = await statementQuery(db).where("s.id", "=", id).executeTakeFirst();
  return row ? toStatement(row) : undefined;
}

export interface StatementLine {
  /** The creator's payable posting of the line (a converted line is kept by it). */
  postingId: number;
  externalId: string;
  sku: string;
  quantity: number;
  netAmountMinor: number;
  soldAt: Date;
  refundOf: string | null;
  rateBp: number;
  royaltyMinor: number;
}

/** The sales lines of a statement with the creator's royalty on each. */
export async function statementLines(db: Executor, statementId: number): Promise<StatementLine[]> {
  const rows = await db
    .selectFrom("journal_postings as p")
    .innerJoin("journal_entries as e", "e.id", "p.entry_id")
    .innerJoin("sales_lines as l", "l.id", "p.sales_line_id")
    .innerJoin("royalty_agreements as g", "g.id", "e.agreement_id")
    .select(["p.id", "l.external_id", "l.sku", "l.quantity", "l.net_amount_minor", "l.sold_at", "l.refund_of", "g.rate_bp", "p.amount_minor"])
    .where("p.statement_id", "=", statementId)
    .orderBy("l.sold_at")
    .orderBy("l.id")
    .execute();
  return rows.map((row) => ({ postingId: row.id, externalId: row.external_id, sku: row.sku, quantity: row.quantity, netAmountMinor: row.net_amount_minor, soldAt: new Date(row.sold_at), refundOf: row.refund_of, rateBp: row.rate_bp, royaltyMinor: -row.amount_minor }));
}

export interface CurrencyTotals {
  currency: string;
  salesMinor: number;
  royaltyMinor: number;
  paidMinor: number;
  outstandingMinor: number;
}

/** Totals per currency (of sales, and of payouts made in another): net sales, royalties booked, paid out, and still owed to creators. */
export async function totalsByCurrency(db: Executor): Promise<CurrencyTotals[]> {
  const result = await sql<{ currency: string; sales: string | number; royalty: string | number; paid: string | number; outstanding: string | number }>`
    select c.currency,
      coalesce((select sum(net_amount_minor) from sales_lines where currency = c.currency), 0) as sales,
      coalesce((select sum(amount_minor) from journal_postings where account = 'royalty_expense' and currency = c.currency), 0) as royalty,
      coalesce((select -sum(amount_minor) from journal_postings where account = 'cash' and currency = c.currency), 0) as paid,
      coalesce((select -sum(amount_minor) from journal_postings where account = 'royalties_payable' and currency = c.currency), 0) as outstanding
    from (select distinct currency from sales_lines union select distinct payout_currency from royalty_statements where status = 'paid') c
    order by c.currency`.execute(db);
  return result.rows.map((row) => ({ currency: row.currency.trim(), salesMinor: Number(row.sales), royaltyMinor: Number(row.royalty), paidMinor: Number(row.paid), outstandingMinor: Number(row.outstanding) }));
}

export interface PayoutTotals {
  currency: string;
  /** Approved statements waiting for their payout. */
  approvedMinor: number;
  paidMinor: number;
}

/** What approved statements owe and what was paid out, by the currency creators are paid in. */
export async function totalsByPayoutCurrency(db: Executor): Promise<PayoutTotals[]> {
  const result = await sql<{ currency: string; approved: string | number; paid: string | number }>`
    select payout_currency as currency,
      coalesce(sum(payout_minor) filter (where status = 'approved'), 0) as approved,
      coalesce(sum(payout_minor) filter (where status = 'paid'), 0) as paid
    from royalty_statements where status <> 'draft' group by payout_currency order by payout_currency`.execute(db);
  return result.rows.map((row) => ({ currency: row.currency.trim(), approvedMinor: Number(row.approved), paidMinor: Number(row.paid) }));
}
