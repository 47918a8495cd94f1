/**
 * Statements in the currency their creators are paid in. A statement whose lines all fall under agreements
 * paid in one other currency is converted line by line at the latest rate on or before each sale's day within
 * the sale's accounting period (a late sale on a later statement takes a rate of its own period), rounding carried (`convertLines`), so its total is the sum of its converted lines. A draft is
 * converted with the rates kept now; approval fixes the conversion (`freezeConversion`), so a rate imported
 * later never changes an approved statement.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { numberArray, textArray } from "./pg-array.ts";
import { convertLines, currencyDigits, rateBefore, utcDay } from "./rules.ts";
import type { StatementRow } from "./statements.ts";

export interface ConvertedLine {
  postingId: number;
  /** The day the rate used is valid from. */
  rateOn: string;
  /** The rate × 10^8. */
  rateScaled: bigint;
  /** The line's royalty in the payout currency. */
  amountMinor: number;
}

/**
 * How a statement is paid: converted (its lines and total in `currency`), or in its own currency although its
 * agreements pay in `currency` because no rate of its period covers a sale of `day` (`uncovered`), or its
 * agreements pay in several currencies (`mixed`), or it was approved before rates covered it (`kept`).
 * Absent: its agreements pay in its own currency.
 */
export type Conversion =
  | { kind: "converted"; currency: string; lines: ConvertedLine[]; totalMinor: number; approved: boolean }
  | { kind: "uncovered"; currency: string; day: string }
  | { kind: "mixed" }
  | { kind: "kept" };

/** What a conversion needs of a statement. */
export interface StatementKey {
  id: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
}

/** The currency each statement's agreements pay in: one target, its own (absent from the map), or several. */
async function payoutTargets(db: Executor, statements: readonly StatementKey[]): Promise<Map<number, string | "mixed">> {
  if (statements.length === 0) return new Map();
  const rows = await sql<{ statement_id: number; currency: string }>`
    select distinct p.statement_id, coalesce(g.currency, p.currency) as currency
    from journal_postings p join journal_entries e on e.id = p.entry_id join royalty_agreements g on g.id = e.agreement_id
    where p.statement_id = any(${statements.map((statement) => statement.id)}::bigint[]) and p.account = 'royalties_payable'`.execute(db);
  const currencies = new Map<number, Set<string>>();
  for (const row of rows.rows) currencies.set(row.statement_id, (currencies.get(row.statement_id) ?? new Set()).add(row.currency.trim()));
  const targets = new Map<number, string | "mixed">();
  for (const statement of statements) {
    const set = currencies.get(statement.id);
    if (!set) continue;
    if (set.size > 1) targets.set(statement.id, "mixed");
    else {
      const [only] = set;
      if (only && only !== statement.currency) targets.set(statement.id, only);
    }
  }
  return targets;
}

/** Draft statements converted with the rates kept now (see Conversion); statements without one are absent. */
export async function liveConversions(db: Executor, statements: readonly StatementKey[]): Promise<Map<number, Conversion>> {
  const targets = await payoutTargets(db, statements);
  const result = new Map<number, Conversion>();
  const converting = statements.filter((statement) => {
    const target = targets.get(statement.id);
    if (target === "mixed") result.set(statement.id, { kind: "mixed" });
    return target !== undefined && target !== "mixed";
  });
  if (converting.length === 0) return result;
  const lines = await sql<{ id: number; statement_id: number; sold_at: Date | string; amount_minor: number; period_start: string }>`
    select p.id, p.statement_id, l.sold_at, p.amount_minor, p.period_start::text as period_start
    from journal_postings p join sales_lines l on l.id = p.sales_line_id
    where p.statement_id = any(${converting.map((statement) => statement.id)}::bigint[]) and p.account = 'royalties_payable'
    order by p.statement_id, l.sold_at, l.id`.execute(db);
  const linesOf = new Map<number, typeof lines.rows>();
  for (const line of lines.rows) {
    const of = linesOf.get(line.statement_id);
    if (of) of.push(line);
    else linesOf.set(line.statement_id, [line]);
  }
  // One read of the rates per pair of currencies, from the earliest period of the lines converting with it.
  const ratesOf = new Map<string, Array<{ day: string; rate: bigint }>>();
  for (const statement of converting) {
    const pair = `${statement.currency}|${targets.get(statement.id)}`;
    if (ratesOf.has(pair)) continue;
    const sharing = converting.filter((other) => `${other.currency}|${targets.get(other.id)}` === pair);
    const from = sharing.flatMap((other) => (linesOf.get(other.id) ?? []).map((line) => line.period_start)).sort()[0] ?? statement.periodStart;
    const rows = await db
      .selectFrom("exchange_rates")
      .select([sql<string>`valid_on::text`.as("day"), sql<string>`rate_scaled::text`.as("rate")])
      .where("currency", "=", statement.currency)
      .where("to_currency", "=", targets.get(statement.id) ?? "")
      .where("valid_on", ">=", from)
      .where("valid_on", "<", sharing.map((other) => other.periodEnd).sort().at(-1) ?? statement.periodEnd)
      .orderBy("valid_on")
      .execute();
    ratesOf.set(pair, rows.map((row) => ({ day: row.day, rate: BigInt(row.rate) })));
  }
  for (const statement of converting) {
    const target = targets.get(statement.id) ?? "";
    const rates = ratesOf.get(`${statement.currency}|${target}`) ?? [];
    const rated: Array<{ postingId: number; amount: bigint; rate: { day: string; rate: bigint } }> = [];
    let uncovered: string | null = null;
    for (const line of linesOf.get(statement.id) ?? []) {
      const day = utcDay(new Date(line.sold_at));
      const rate = rateBefore(rates, day);
      // A rate from before the sale's own period does not cover it.
      if (!rate || rate.day < line.period_start) {
        uncovered = day;
        break;
      }
      rated.push({ postingId: line.id, amount: BigInt(-line.amount_minor), rate });
    }
    if (uncovered !== null) {
      result.set(statement.id, { kind: "uncovered", currency: target, day: uncovered });
      continue;
    }
    const amounts = convertLines(rated.map((line) => ({ amount: line.amount, rate: line.rate.rate })), currencyDigits(statement.currency), currencyDigits(target));
    const converted = rated.map((line, index) => ({ postingId: line.postingId, rateOn: line.rate.day, rateScaled: line.rate.rate, amountMinor: Number(amounts[index] ?? 0n) }));
    result.set(statement.id, { kind: "converted", currency: target, lines: converted, totalMinor: converted.reduce((sum, line) => sum + line.amountMinor, 0), approved: false });
  }
  return result;
}

/** Drafts among the statements converted with the rates kept now (approved ones carry what they are paid). */
export function draftConversions(db: Executor, statements: ReadonlyArray<StatementKey & { status: string }>): Promise<Map<number, Conversion>> {
  return liveConversions(db, statements.filter((statement) => statement.status === "draft"));
}

/** The conversion approved with a statement, its lines in the statement's order. */
export async function approvedConversion(db: Executor, statement: { id: number; payoutCurrency: string; payoutMinor: number }): Promise<Conversion> {
  const rows = await db
    .selectFrom("royalty_statement_conversions as c")
    .innerJoin("journal_postings as p", "p.id", "c.posting_id")
    .innerJoin("sales_lines as l", "l.id", "p.sales_line_id")
    .select(["c.posting_id", "c.amount_minor", sql<string>`c.rate_on::text`.as("rate_on"), sql<string>`c.rate_scaled::text`.as("rate_scaled")])
    .where("c.statement_id", "=", statement.id)
    .orderBy("l.sold_at")
    .orderBy("l.id")
    .execute();
  const lines = rows.map((row) => ({ postingId: row.posting_id, rateOn: row.rate_on, rateScaled: BigInt(row.rate_scaled), amountMinor: row.amount_minor }));
  return { kind: "converted", currency: statement.payoutCurrency, lines, totalMinor: statement.payoutMinor, approved: true };
}

/**
 * Fixes, inside the approval's transaction, what a statement will be paid: converted with the rates kept
 * now when it can be, else in its own currency. Returns the payout currency and amount.
 */
export async function freezeConversion(db: Executor, statement: StatementKey & { royaltyMinor: number }): Promise<{ currency: string; minor: number }> {
  const conversion = (await liveConversions(db, [statement])).get(statement.id);
  const payout = conversion?.kind === "converted" ? { currency: conversion.currency, minor: conversion.totalMinor } : { currency: statement.currency, minor: statement.royaltyMinor };
  if (conversion?.kind === "converted" && conversion.lines.length > 0) {
    // One statement of arrays, however many lines (a statement may hold more lines than a query has parameters).
    const lines = conversion.lines;
    await sql`insert into royalty_statement_conversions (statement_id, posting_id, rate_on, rate_scaled, amount_minor)
      select ${statement.id}, k.posting, k.day, k.rate, k.amount
      from unnest(${numberArray(lines.map((line) => line.postingId))}::bigint[], ${textArray(lines.map((line) => line.rateOn))}::date[],
                  ${numberArray(lines.map((line) => line.rateScaled))}::bigint[], ${numberArray(lines.map((line) => line.amountMinor))}::bigint[]) as k(posting, day, rate, amount)`.execute(db);
  }
  await db.updateTable("royalty_statements").set({ payout_currency: payout.currency, payout_minor: payout.minor }).where("id", "=", statement.id).execute();
  return payout;
}

/** The conversion of one statement for its page: the approved one, a draft's with the rates kept now, or none. */
export async function statementConversion(db: Executor, statement: StatementKey & { status: string; payoutCurrency: string | null; payoutMinor: number | null }): Promise<Conversion | undefined> {
  if (statement.payoutCurrency !== null && statement.payoutMinor !== null && statement.payoutCurrency !== statement.currency) {
    return approvedConversion(db, { id: statement.id, payoutCurrency: statement.payoutCurrency, payoutMinor: statement.payoutMinor });
  }
  const live = (await liveConversions(db, [statement])).get(statement.id);
  return live && statement.status !== "draft" ? { kind: "kept" } : live;
}

/** What a statement is paid: fixed at approval, else its draft's conversion, else its own royalty. */
export function payoutOf(statement: StatementRow, conversion: Conversion | undefined): { currency: string; minor: number } {
  if (statement.payoutCurrency !== null && statement.payoutMinor !== null) return { currency: statement.payoutCurrency, minor: statement.payoutMinor };
  if (conversion?.kind === "converted") return { currency: conversion.currency, minor: conversion.totalMinor };
  return { currency: statement.currency, minor: statement.royaltyMinor };
}
