/**
 * Exchange rates: finance imports them as CSV (currency, to_currency, rate with up to 8 decimal places,
 * valid_on), kept as integers. A statement whose lines all fall under agreements paid in one other
 * currency, and whose period the rates cover, is shown converted: line by line at the rate valid on the
 * sale's day, rounding carried, so the converted total is the sum of the converted lines.
 */
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { convertLines, currencyDigits, isCurrency, parseRate, utcDay, type LineError } from "./rules.ts";
import { findStatement, statementLines } from "./statements.ts";
import type { RefusedLine } from "./import.ts";
import "./policy.ts";

const RATE_COLUMNS = ["currency", "to_currency", "rate", "valid_on"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface RateLine {
  currency: string;
  toCurrency: string;
  rateScaled: bigint;
  validOn: string;
}

/** One CSV record as a rate, or what is wrong with it. */
function parseRateLine(record: readonly string[]): RateLine | LineError {
  const [currency = "", toCurrency = "", rate = "", validOn = ""] = record.map((value) => value.trim());
  if (!isCurrency(currency) || !/^[A-Z]{3}$/.test(currency)) return { field: "line", key: "royalties.rates.currency", params: { currency: currency.slice(0, 10) } };
  if (!isCurrency(toCurrency) || !/^[A-Z]{3}$/.test(toCurrency) || toCurrency === currency) return { field: "line", key: "royalties.rates.currency", params: { currency: toCurrency.slice(0, 10) } };
  const rateScaled = parseRate(rate);
  if (rateScaled === null) return { field: "line", key: "royalties.rates.rate" };
  if (!DAY.test(validOn) || utcDay(new Date(`${validOn}T00:00:00Z`)) !== validOn) return { field: "line", key: "royalties.rates.validOn" };
  return { currency, toCurrency, rateScaled, validOn };
}

/**
 * Imports a rates CSV (finance), all or nothing: a bad line, or a rate already kept for the same pair
 * and day with another value, refuses the file; the same rate again is left as it is. Audited.
 */
export async function importRates(db: Executor, actor: Actor, text: string, ip: string | null = null): Promise<{ applied: boolean; imported: number; refused: RefusedLine[] }> {
  authorize(actor, "royalties.manage");
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    return { applied: false, imported: 0, refused: [{ line: 0, field: "line", key: "royalties.file.malformed" }] };
  }
  const header = (records[0] ?? []).map((column) => column.trim().toLowerCase());
  if (header.join(",") !== RATE_COLUMNS.join(",")) return { applied: false, imported: 0, refused: [{ line: 1, field: "line", key: "royalties.file.header", params: { columns: RATE_COLUMNS.join(", ") } }] };
  const refused: RefusedLine[] = [];
  const rates: RateLine[] = [];
  records.slice(1).forEach((record, index) => {
    const parsed = record.length === RATE_COLUMNS.length ? parseRateLine(record) : { field: "line" as const, key: "royalties.line.columns", params: { expected: RATE_COLUMNS.length, found: record.length } };
    if ("key" in parsed) refused.push({ line: index + 2, ...parsed });
    else rates.push(parsed);
  });
  return inTransaction(db, async (tx) => {
    const kept = new Map<string, { rate: bigint; line: number }>();
    const existing = rates.length === 0 ? [] : await tx.selectFrom("exchange_rates").select(["currency", "to_currency", sql<string>`valid_on::text`.as("valid_on"), "rate_scaled"]).where("currency", "in", [...new Set(rates.map((rate) => rate.currency))]).execute();
    for (const row of existing) kept.set(`${row.currency.trim()}|${row.to_currency.trim()}|${row.valid_on}`, { rate: BigInt(row.rate_scaled), line: -1 });
    const fresh: RateLine[] = [];
    rates.forEach((rate, index) => {
      const key = `${rate.currency}|${rate.toCurrency}|${rate.validOn}`;
      const before = kept.get(key);
      if (before && before.rate !== rate.rateScaled) refused.push({ line: index + 2, field: "line", key: "royalties.rates.changed", params: { day: rate.validOn } });
      else if (!before) {
        kept.set(key, { rate: rate.rateScaled, line: index + 2 });
        fresh.push(rate);
      }
    });
    if (refused.length > 0) return { applied: false, imported: 0, refused: refused.sort((a, b) => a.line - b.line) };
    if (fresh.length > 0) {
      await tx
        .insertInto("exchange_rates")
        .values(fresh.map((rate) => ({ currency: rate.currency, to_currency: rate.toCurrency, valid_on: rate.validOn, rate_scaled: String(rate.rateScaled), created_by: actor.id })))
        .execute();
    }
    await recordAudit(tx, { actorId: actor.id, action: "royalties.rates.import", subjectType: "exchange_rates", details: { imported: fresh.length }, ip });
    return { applied: true, imported: fresh.length, refused: [] };
  });
}

export interface ConvertedStatement {
  currency: string;
  /** Each line's royalty in the paid currency, in the statement's line order. */
  lines: bigint[];
  totalMinor: bigint;
}

/**
 * The statement in the currency its agreements pay in, or null when it stays in its own: its lines'
 * agreements name no currency, or several, or its own; or a line has no rate valid on its sale's day
 * within the statement's period.
 */
export async function convertedStatement(db: Executor, statementId: number): Promise<ConvertedStatement | null> {
  const statement = await findStatement(db, statementId);
  if (!statement) return null;
  const paidIn = await sql<{ currency: string | null }>`
    select distinct g.currency from journal_postings p join journal_entries e on e.id = p.entry_id join royalty_agreements g on g.id = e.agreement_id
    where p.statement_id = ${statementId} and p.account = 'royalties_payable'`.execute(db);
  const target = paidIn.rows.length === 1 ? paidIn.rows[0]?.currency?.trim() : undefined;
  if (!target || target === statement.currency) return null;
  const rates = await db
    .selectFrom("exchange_rates")
    .select([sql<string>`valid_on::text`.as("valid_on"), "rate_scaled"])
    .where("currency", "=", statement.currency)
    .where("to_currency", "=", target)
    .where("valid_on", ">=", statement.periodStart)
    .where("valid_on", "<", statement.periodEnd)
    .orderBy("valid_on")
    .execute();
  const lines = await statementLines(db, statementId);
  // The rate of a line: the latest of the period on or before its sale's day.
  const rated: Array<{ amount: bigint; rate: bigint }> = [];
  for (const line of lines) {
    const day = utcDay(line.soldAt);
    const rate = rates.filter((row) => row.valid_on <= day).at(-1);
    if (!rate) return null;
    rated.push({ amount: BigInt(line.royaltyMinor), rate: BigInt(rate.rate_scaled) });
  }
  const converted = convertLines(rated, currencyDigits(statement.currency), currencyDigits(target));
  return { currency: target, lines: converted, totalMinor: converted.reduce((sum, amount) => sum + amount, 0n) };
}
