/**
 * Royalty rules as pure functions: sales-line validation, the exact royalty arithmetic (bigint, no
 * floats), splitting between co-creators, accounting periods, statement transitions and CSV cells.
 */

/** Basis points in a whole: a rate of 100 bp is 1%, shares of one agreement add up to 10,000 bp. */
export const WHOLE_BP = 10_000;
const WHOLE = BigInt(WHOLE_BP);

/** Largest net amount of one line in minor units (ten billion in major units of a two-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
export const MAX_QUANTITY = 1_000_000;

/** Floor division for bigints (JavaScript's `/` truncates towards zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** a / b rounded half up (towards +∞ on a tie), b > 0. The one rounding rule of the ledger. */
export function roundHalfUp(a: bigint, b: bigint): bigint {
  return floorDiv(2n * a + b, 2n * b);
}

/**
 * Splits `total` minor units by shares (basis points adding up to 10,000) with the cumulative-floor
 * method: creator k gets floor(total × S_k) − floor(total × S_{k−1}) where S is the running share,
 * so the parts always add up to `total` exactly and the rounding favours no one systematically.
 */
export function splitByShares(total: bigint, sharesBp: readonly number[]): bigint[] {
  // A sole creator gets it all (the common case, and the import's hot path).
  if (sharesBp.length === 1 && sharesBp[0] === WHOLE_BP) return [total];
  let previous = 0n;
  let running = 0n;
  return sharesBp.map((share) => {
    running += BigInt(share);
    const upTo = floorDiv(total * running, WHOLE);
    const part = upTo - previous;
    previous = upTo;
    return part;
  });
}

/** The booked royalty of an accrual: its exact sum (in 1/10,000 minor units) rounded half up. */
export function bookedRoyalty(exactSum: bigint): bigint {
  return roundHalfUp(exactSum, WHOLE);
}

export interface Accrual {
  /** Σ net × rate so far, in 1/10,000 of a minor unit. */
  exactSum: bigint;
  /** bookedRoyalty(exactSum), when the caller carries it from the line before. */
  booked?: bigint;
}

export interface LineRoyalty {
  /** The new accrual state. */
  exactSum: bigint;
  /** Royalty booked so far: bookedRoyalty(exactSum). */
  booked: bigint;
  /** Royalty booked for this line (may be negative for a return). */
  royalty: bigint;
  /** Each creator's part of it, in share order; adds up to `royalty`. */
  parts: bigint[];
}

/**
 * The royalty of one sales line under one agreement. Rounding is carried: the line gets the change
 * in the rounded running total, so however lines are ordered, a period's royalty is the rounded
 * royalty of its total, and each creator's running total is the split of that rounded total.
 */
export function royaltyForLine(accrual: Accrual, netAmountMinor: number, rateBp: number, sharesBp: readonly number[]): LineRoyalty {
  const before = accrual.booked ?? bookedRoyalty(accrual.exactSum);
  const exactSum = accrual.exactSum + BigInt(netAmountMinor) * BigInt(rateBp);
  const after = bookedRoyalty(exactSum);
  const partsBefore = splitByShares(before, sharesBp);
  const partsAfter = splitByShares(after, sharesBp);
  return { exactSum, booked: after, royalty: after - before, parts: partsAfter.map((part, index) => part - (partsBefore[index] ?? 0n)) };
}

/** Shares must be whole basis points, each at least 1, adding up to 10,000, one per creator. */
export function validShares(shares: ReadonlyArray<{ accountId: number; shareBp: number }>): boolean {
  if (shares.length === 0) return false;
  if (new Set(shares.map((share) => share.accountId)).size !== shares.length) return false;
  if (!shares.every((share) => Number.isInteger(share.shareBp) && share.shareBp >= 1)) return false;
  return shares.reduce((sum, share) => sum + share.shareBp, 0) === WHOLE_BP;
}

/** Equal shares for n co-creators (the first ones get the odd basis points). */
export function equalShares(count: number): number[] {
  const base = Math.floor(WHOLE_BP / count);
  return Array.from({ length: count }, (_, index) => base + (index < WHOLE_BP - base * count ? 1 : 0));
}

// ---------------------------------------------------------------- periods

export type PeriodLength = "monthly" | "quarterly";

/** First day (UTC, `YYYY-MM-DD`) of the period containing the instant. */
export function periodStart(at: Date, length: PeriodLength): string {
  const month = at.getUTCMonth();
  const first = length === "monthly" ? month : month - (month % 3);
  return `${at.getUTCFullYear()}-${String(first + 1).padStart(2, "0")}-01`;
}

/** First day of the next period (the exclusive end of the period that starts on `start`). */
export function periodEnd(start: string, length: PeriodLength): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  const next = new Date(Date.UTC(year, month - 1 + (length === "monthly" ? 1 : 3), 1));
  return next.toISOString().slice(0, 10);
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * True when an agreement (dates `YYYY-MM-DD`, end exclusive) covers the UTC day: an agreement ending on
 * a day and the one starting that day meet at midnight UTC, the instant belonging to the one starting.
 */
export function agreementCovers(agreement: { effectiveFrom: string; effectiveTo: string | null }, day: string): boolean {
  return day >= agreement.effectiveFrom && (agreement.effectiveTo === null || day < agreement.effectiveTo);
}

/**
 * Why an agreement cannot end (or change terms) on `day`, or null when it can: the day must fall inside
 * it after its first day, and not before `today` (changes go forward; what was booked keeps its terms).
 */
export function changeDayProblem(agreement: { effectiveFrom: string; effectiveTo: string | null }, day: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !realDay(day)) return "royalties.agreement.changeDay";
  if (day < today) return "royalties.agreement.changePast";
  if (day <= agreement.effectiveFrom || (agreement.effectiveTo !== null && day >= agreement.effectiveTo)) return "royalties.agreement.changeOutside";
  return null;
}

/** Two date ranges (end exclusive, null = open) overlap. */
export function rangesOverlap(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
}

// ---------------------------------------------------------------- statements

export type StatementStatus = "draft" | "approved" | "paid";

/** draft → approved → paid, and nothing else. */
export function nextStatus(current: StatementStatus, action: "approve" | "pay"): StatementStatus | null {
  if (action === "approve") return current === "draft" ? "approved" : null;
  return current === "approved" ? "paid" : null;
}

// ---------------------------------------------------------------- sales lines

export const LINE_FIELDS = ["externalId", "sku", "quantity", "netAmountMinor", "currency", "soldAt", "refundOf"] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** CSV column of each field. */
export const CSV_COLUMNS: Record<LineField, string> = {
  externalId: "external_id",
  sku: "sku",
  quantity: "quantity",
  netAmountMinor: "net_amount_minor",
  currency: "currency",
  soldAt: "sold_at",
  refundOf: "refund_of",
};

/** A line as it arrives: CSV text, or JSON values. */
export type RawLine = Partial<Record<LineField, unknown>>;

export interface SalesLine {
  externalId: string;
  sku: string;
  quantity: number;
  netAmountMinor: number;
  currency: string;
  soldAt: Date;
  refundOf: string | null;
}

export interface LineError {
  field: LineField | "line";
  key: string;
  params?: Record<string, string | number>;
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));
const EXTERNAL_ID = /^[!-~]{1,100}$/;
const INTEGER_TEXT = /^-?(0|[1-9][0-9]{0,14})$/;
const SOLD_AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const EARLIEST = Date.UTC(2000, 0, 1);

/** True for an ISO 4217 currency code. */
export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/** A whole number from JSON (a safe integer) or CSV text (digits only: no `1,5`, `1e3`, `NaN`, spaces). */
function integerOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : null;
  if (typeof value === "string" && INTEGER_TEXT.test(value)) return Number(value);
  return null;
}

function textOf(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * Checks one sales line on its own (its catalogue and refund references are checked by the import
 * against the database). `now` bounds sale dates: a sale a day or more in the future is refused.
 */
export function parseSalesLine(raw: RawLine, isKnownSku: (sku: string) => boolean, now: Date): { line: SalesLine } | { errors: LineError[] } {
  const errors: LineError[] = [];
  const externalId = textOf(raw.externalId);
  if (externalId === null || !EXTERNAL_ID.test(externalId)) errors.push({ field: "externalId", key: "royalties.line.externalId" });
  const sku = textOf(raw.sku);
  if (sku === null || sku === "") errors.push({ field: "sku", key: "royalties.line.skuMissing" });
  else if (!isKnownSku(sku)) errors.push({ field: "sku", key: "royalties.line.skuUnknown", params: { sku: sku.slice(0, 64) } });
  const quantity = integerOf(raw.quantity);
  const amount = integerOf(raw.netAmountMinor);
  const refundText = raw.refundOf === undefined || raw.refundOf === null || raw.refundOf === "" ? null : textOf(raw.refundOf);
  const refundOf = refundText;
  if (refundOf === null && raw.refundOf !== undefined && raw.refundOf !== null && raw.refundOf !== "") errors.push({ field: "refundOf", key: "royalties.line.refundOf" });
  else if (refundOf !== null && (!EXTERNAL_ID.test(refundOf) || refundOf === externalId)) errors.push({ field: "refundOf", key: "royalties.line.refundOf" });
  if (quantity === null || quantity === 0 || Math.abs(quantity) > MAX_QUANTITY) errors.push({ field: "quantity", key: "royalties.line.quantity", params: { max: MAX_QUANTITY } });
  else if (quantity < 0 && refundOf === null) errors.push({ field: "quantity", key: "royalties.line.negativeWithoutRefund" });
  else if (quantity > 0 && refundOf !== null) errors.push({ field: "quantity", key: "royalties.line.refundPositive" });
  if (amount === null || Math.abs(amount) > MAX_AMOUNT_MINOR) errors.push({ field: "netAmountMinor", key: "royalties.line.amount" });
  else if (refundOf === null ? amount < 0 : amount > 0) errors.push({ field: "netAmountMinor", key: refundOf === null ? "royalties.line.amountNegative" : "royalties.line.refundAmount" });
  const currency = textOf(raw.currency);
  if (currency === null || !/^[A-Z]{3}$/.test(currency) || !isCurrency(currency)) errors.push({ field: "currency", key: "royalties.line.currency", params: { currency: String(currency ?? "").slice(0, 10) } });
  const soldAtText = textOf(raw.soldAt);
  const soldAt = soldAtText !== null && SOLD_AT.test(soldAtText) ? new Date(soldAtText.length === 10 ? `${soldAtText}T00:00:00Z` : soldAtText) : null;
  if (soldAt === null || soldAtText === null || !realDay(soldAtText) || Number.isNaN(soldAt.getTime()) || soldAt.getTime() < EARLIEST || soldAt.getTime() > now.getTime() + 86_400_000) {
    errors.push({ field: "soldAt", key: "royalties.line.soldAt" });
  }
  if (errors.length > 0 || externalId === null || sku === null || quantity === null || amount === null || currency === null || soldAt === null) return { errors };
  return { line: { externalId, sku, quantity, netAmountMinor: amount, currency, soldAt, refundOf } };
}

/** Refuses days that Date would roll over (2025-02-30 → 2025-03-02). The text matched SOLD_AT: digits in place. */
function realDay(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** A refund must name a sale (not another refund) of the same SKU and currency. */
export function refundMatches(refund: { sku: string; currency: string }, original: { sku: string; currency: string; refundOf: string | null }): LineError | null {
  if (original.refundOf !== null) return { field: "refundOf", key: "royalties.line.refundOfRefund" };
  if (original.sku !== refund.sku || original.currency !== refund.currency) return { field: "refundOf", key: "royalties.line.refundMismatch" };
  return null;
}

/**
 * A return may not take back more items than its sale sold: `returnedBefore` items of the sale were
 * returned already (imported, or earlier in the same input), this return takes back `-quantity` more.
 */
export function refundExceeds(sale: { externalId: string; quantity: number }, returnedBefore: number, quantity: number): LineError | null {
  const returned = returnedBefore - quantity;
  if (returned <= sale.quantity) return null;
  return { field: "quantity", key: "royalties.line.refundExceeds", params: { id: sale.externalId.slice(0, 100), sold: sale.quantity, returned } };
}

/** A line already imported under the same external id must be the same line to count as a duplicate. */
export function sameLine(a: SalesLine, b: SalesLine): boolean {
  return a.sku === b.sku && a.quantity === b.quantity && a.netAmountMinor === b.netAmountMinor && a.currency === b.currency && a.soldAt.getTime() === b.soldAt.getTime() && a.refundOf === b.refundOf;
}

/** Minor units as a decimal amount text for display in CSV (no floats: string arithmetic). */
export function minorToDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${negative ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The number of minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

// ---------------------------------------------------------------- exchange rates

/** Rates are kept as integers: the rate × 10^8 (up to 8 decimal places, as finance writes them). */
export const RATE_SCALE = 100_000_000n;
const RATE_TEXT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,8})?$/;

/** A rate written as a decimal ("0.92", "151.23456789") as rate × 10^8, or null when it is not one or is zero. */
export function parseRate(text: string): bigint | null {
  if (!RATE_TEXT.test(text)) return null;
  const [whole = "0", fraction = ""] = text.split(".");
  const scaled = BigInt(whole) * RATE_SCALE + BigInt(fraction.padEnd(8, "0"));
  return scaled > 0n ? scaled : null;
}

/**
 * Converts amounts (minor units of one currency), each at its rate, to minor units of another, line by
 * line with the rounding carried as in the ledger: each line gets the change in the rounded running
 * total, so the converted lines add up exactly to the converted total, rounded half up once.
 */
export function convertLines(lines: ReadonlyArray<{ amount: bigint; rate: bigint }>, fromDigits: number, toDigits: number): bigint[] {
  const scale = 10n ** BigInt(toDigits);
  const denominator = RATE_SCALE * 10n ** BigInt(fromDigits);
  let exact = 0n;
  let booked = 0n;
  return lines.map(({ amount, rate }) => {
    exact += amount * rate * scale;
    const next = roundHalfUp(exact, denominator);
    const line = next - booked;
    booked = next;
    return line;
  });
}

/** A rate kept as rate × 10^8 written back as the decimal finance wrote ("0.9", "151.23456789"). */
export function rateToDecimal(scaled: bigint): string {
  const whole = scaled / RATE_SCALE;
  const fraction = String(scaled % RATE_SCALE).padStart(8, "0").replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/** The rate in force on a day: the latest of `rates` (sorted by day) valid on or before it, if any. */
export function rateBefore<T extends { day: string }>(rates: readonly T[], day: string): T | undefined {
  let low = 0;
  let high = rates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rates[middle]?.day ?? "") <= day) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : rates[low - 1];
}
