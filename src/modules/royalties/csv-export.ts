/** CSV downloads: one statement with its lines (for its creator), and the statements list (for finance). Cells are neutralised. */
import { csvRow } from "../../platform/csv.ts";
import { payoutOf, type Conversion } from "./conversion.ts";
import { currencyDigits, minorToDecimal, rateToDecimal } from "./rules.ts";
import type { StatementLine, StatementRow } from "./statements.ts";

/** One statement: a summary row, then its sales lines, each with the rate and amount in the payout currency when converted. */
export function statementCsv(statement: StatementRow, lines: readonly StatementLine[], conversion?: Conversion): string {
  const digits = currencyDigits(statement.currency);
  const payout = payoutOf(statement, conversion);
  const payoutDigits = currencyDigits(payout.currency);
  let text = csvRow(["statement", "creator", "currency", "period_start", "period_end", "status", "net_sales", "royalty", "payout_currency", "payout", "paid_at", "payout_reference"]);
  text += csvRow([statement.id, statement.accountName, statement.currency, statement.periodStart, statement.periodEnd, statement.status, minorToDecimal(statement.salesMinor, digits), minorToDecimal(statement.royaltyMinor, digits), payout.currency, minorToDecimal(payout.minor, payoutDigits), statement.paidAt ?? "", statement.payoutReference ?? ""]);
  const converted = new Map(conversion?.kind === "converted" ? conversion.lines.map((line) => [line.postingId, line]) : []);
  text += "\r\n" + csvRow(["sold_at", "external_id", "sku", "quantity", "net_amount", "refund_of", "rate_bp", "royalty", "exchange_rate", "exchange_rate_valid_on", "payout_currency", "payout"]);
  for (const line of lines) {
    const rate = converted.get(line.postingId);
    const paid = rate ? [rateToDecimal(rate.rateScaled), rate.rateOn, payout.currency, minorToDecimal(rate.amountMinor, payoutDigits)] : ["", "", statement.currency, minorToDecimal(line.royaltyMinor, digits)];
    text += csvRow([line.soldAt.toISOString(), line.externalId, line.sku, line.quantity, minorToDecimal(line.netAmountMinor, digits), line.refundOf ?? "", line.rateBp, minorToDecimal(line.royaltyMinor, digits), ...paid]);
  }
  return text;
}

/** The statements list, with amounts in minor units and as decimals, and what each is paid in. */
export function statementsCsv(statements: readonly StatementRow[], conversions: ReadonlyMap<number, Conversion>): string {
  let text = csvRow(["statement", "creator_id", "creator", "currency", "period_start", "period_end", "status", "net_sales_minor", "royalty_minor", "royalty", "payout_currency", "payout_minor", "payout", "paid_at", "payout_reference"]);
  for (const s of statements) {
    const payout = payoutOf(s, conversions.get(s.id));
    text += csvRow([s.id, s.accountId, s.accountName, s.currency, s.periodStart, s.periodEnd, s.status, s.salesMinor, s.royaltyMinor, minorToDecimal(s.royaltyMinor, currencyDigits(s.currency)), payout.currency, payout.minor, minorToDecimal(payout.minor, currencyDigits(payout.currency)), s.paidAt ?? "", s.payoutReference ?? ""]);
  }
  return text;
}
