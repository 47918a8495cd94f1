/**
 * Exchange rates: finance imports them as CSV or through the API (currency, to_currency, rate with up to 8
 * decimal places, valid_on), all or nothing, kept as integers (rate × 10^8). How statements are converted
 * with them is in conversion.ts.
 */
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { numberArray, textArray } from "./pg-array.ts";
import { isCurrency, parseRate, utcDay } from "./rules.ts";
import "./policy.ts";

/** The fields of a rate, and their CSV columns. */
export const RATE_COLUMNS = { currency: "currency", toCurrency: "to_currency", rate: "rate", validOn: "valid_on" } as const;
export type RateField = keyof typeof RATE_COLUMNS;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A rate as it arrives: CSV text, or JSON values (the rate a decimal string, never a float). */
export type RawRate = Partial<Record<RateField, unknown>>;

interface RateLine {
  currency: string;
  toCurrency: string;
  rateScaled: bigint;
  validOn: string;
}

export interface RatesImport {
  applied: boolean;
  imported: number;
  refused: RefusedRate[];
}

/** A refused rate: its line (CSV line number, or index in an API batch), the field and why. */
export interface RefusedRate {
  line: number;
  field: RateField | "line";
  key: string;
  params?: Record<string, string | number>;
}

const textOf = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/** One rate, or what is wrong with each of its fields. */
function parseRateLine(raw: RawRate, line: number): RateLine | RefusedRate[] {
  const errors: RefusedRate[] = [];
  const code = (field: "currency" | "toCurrency") => {
    const value = textOf(raw[field]);
    if (!/^[A-Z]{3}$/.test(value) || !isCurrency(value)) errors.push({ line, field, key: "royalties.rates.currency", params: { currency: value.slice(0, 10) } });
    return value;
  };
  const currency = code("currency");
  const toCurrency = code("toCurrency");
  if (errors.length === 0 && currency === toCurrency) errors.push({ line, field: "toCurrency", key: "royalties.rates.currency", params: { currency: toCurrency } });
  const rateScaled = parseRate(textOf(raw.rate));
  if (rateScaled === null) errors.push({ line, field: "rate", key: "royalties.rates.rate" });
  const validOn = textOf(raw.validOn);
  if (!DAY.test(validOn) || Number.isNaN(Date.parse(validOn)) || utcDay(new Date(`${validOn}T00:00:00Z`)) !== validOn) errors.push({ line, field: "validOn", key: "royalties.rates.validOn" });
  return errors.length > 0 || rateScaled === null ? errors : { currency, toCurrency, rateScaled, validOn };
}

/** A rates CSV as raw rates numbered by their line in the file, and the lines that cannot be read. */
function ratesFromCsv(text: string): { rates: Array<{ line: number; raw: RawRate }>; refused: RefusedRate[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    return { rates: [], refused: [{ line: 0, field: "line", key: "royalties.file.malformed" }] };
  }
  const columns = Object.values(RATE_COLUMNS);
  const header = (records[0] ?? []).map((column) => column.trim().toLowerCase());
  if (header.join(",") !== columns.join(",")) return { rates: [], refused: [{ line: 1, field: "line", key: "royalties.file.header", params: { columns: columns.join(", ") } }] };
  const refused: RefusedRate[] = [];
  const rates: Array<{ line: number; raw: RawRate }> = [];
  records.slice(1).forEach((record, index) => {
    if (record.length !== columns.length) refused.push({ line: index + 2, field: "line", key: "royalties.line.columns", params: { expected: columns.length, found: record.length } });
    else rates.push({ line: index + 2, raw: { currency: record[0], toCurrency: record[1], rate: record[2], validOn: record[3] } });
  });
  return { rates, refused };
}

/**
 * Imports rates (finance), all or nothing: a bad line, or a rate already kept for the same pair and day with
 * another value, refuses them all; the same rate again is left as it is. Audited.
 */
export async function importRates(db: Executor, actor: Actor, input: ReadonlyArray<{ line: number; raw: RawRate }>, ip: string | null = null, refusedBefore: readonly RefusedRate[] = []): Promise<RatesImport> {
  authorize(actor, "royalties.manage");
  const refused: RefusedRate[] = [...refusedBefore];
  const rates: Array<RateLine & { line: number }> = [];
  for (const { line, raw } of input) {
    const parsed = parseRateLine(raw, line);
    if (Array.isArray(parsed)) refused.push(...parsed);
    else rates.push({ ...parsed, line });
  }
  return inTransaction(db, async (tx) => {
    const kept = new Map<string, bigint>();
    const existing = rates.length === 0 ? [] : await tx.selectFrom("exchange_rates").select(["currency", "to_currency", sql<string>`valid_on::text`.as("valid_on"), sql<string>`rate_scaled::text`.as("rate_scaled")]).where("currency", "in", [...new Set(rates.map((rate) => rate.currency))]).execute();
    for (const row of existing) kept.set(`${row.currency.trim()}|${row.to_currency.trim()}|${row.valid_on}`, BigInt(row.rate_scaled));
    const fresh: RateLine[] = [];
    for (const rate of rates) {
      const key = `${rate.currency}|${rate.toCurrency}|${rate.validOn}`;
      const before = kept.get(key);
      if (before !== undefined && before !== rate.rateScaled) refused.push({ line: rate.line, field: "rate", key: "royalties.rates.changed", params: { day: rate.validOn } });
      else if (before === undefined) {
        kept.set(key, rate.rateScaled);
        fresh.push(rate);
      }
    }
    if (refused.length > 0) return { applied: false, imported: 0, refused: refused.sort((a, b) => a.line - b.line) };
    if (fresh.length > 0) {
      // One statement of arrays, however many rates (a file may hold more than a query has parameters).
      await sql`insert into exchange_rates (currency, to_currency, valid_on, rate_scaled, created_by)
        select k.c, k.t, k.d, k.r, ${actor.id}
        from unnest(${textArray(fresh.map((rate) => rate.currency))}::text[], ${textArray(fresh.map((rate) => rate.toCurrency))}::text[],
                    ${textArray(fresh.map((rate) => rate.validOn))}::date[], ${numberArray(fresh.map((rate) => rate.rateScaled))}::bigint[]) as k(c, t, d, r)`.execute(tx);
    }
    await recordAudit(tx, { actorId: actor.id, action: "royalties.rates.import", subjectType: "exchange_rates", details: { imported: fresh.length }, ip });
    return { applied: true, imported: fresh.length, refused: [] };
  });
}

/** Imports a rates CSV file (see importRates): a line that cannot be read refuses the file with the others. */
export function importRatesCsv(db: Executor, actor: Actor, text: string, ip: string | null = null): Promise<RatesImport> {
  const read = ratesFromCsv(text);
  return importRates(db, actor, read.rates, ip, read.refused);
}

export interface KeptRate {
  currency: string;
  toCurrency: string;
  validOn: string;
  /** The rate × 10^8. */
  rateScaled: bigint;
}

/** Kept rates by pair, newest day first; of one pair when `currency` and `toCurrency` are given. */
export async function listRates(db: Executor, filter: { currency?: string; toCurrency?: string; limit: number; offset: number }): Promise<KeptRate[]> {
  let query = db
    .selectFrom("exchange_rates")
    .select(["currency", "to_currency", sql<string>`valid_on::text`.as("valid_on"), sql<string>`rate_scaled::text`.as("rate_scaled")])
    .orderBy("currency")
    .orderBy("to_currency")
    .orderBy("valid_on", "desc")
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.currency !== undefined) query = query.where("currency", "=", filter.currency);
  if (filter.toCurrency !== undefined) query = query.where("to_currency", "=", filter.toCurrency);
  return (await query.execute()).map((row) => ({ currency: row.currency.trim(), toCurrency: row.to_currency.trim(), validOn: row.valid_on, rateScaled: BigInt(row.rate_scaled) }));
}
