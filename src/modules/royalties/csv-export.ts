/** CSV downloads: one statement with its lines (for its creator), and the statements list (for finance). Cells are neutralised. */
import { csvRow } from "../../platform/csv.ts";
import { currencyDigits, minorToDecimal } from "./rules.ts";
import type { StatementLine, StatementRow } from "./statements.ts";

/** One statement: a summary row, then its sales lines. */
export function statementCsv(statement: StatementRow, lines: readonly StatementLine[]): string {
  const digits = currencyDigits(statement.currency);
  let text = csvRow(["statement", "creator", "currency", "period_start", "period_end", "status", "net_sales", "royalty", "paid_at", "payout_reference"]);
  text += csvRow([statement.id, statement.accountName, statement.currency, statement.periodStart, statement.periodEnd, statement.status, minorToDecimal(statement.salesMinor, digits), minorToDecimal(statement.royaltyMinor, digits), statement.paidAt ?? "", statement.payoutReference ?? ""]);
  text += "\r\n" + csvRow(["sold_at", "external_id", "sku", "quantity", "net_amount", "refund_of", "rate_bp", "royalty"]);
  for (const line of lines) {
    text += csvRow([line.soldAt.toISOString(), line.externalId, line.sku, line.quantity, minorToDecimal(line.netAmountMinor, digits), line.refundOf ?? "", line.rateBp, minorToDecimal(line.royaltyMinor, digits)]);
  }
  return text;
}

/** The statements list, with amounts in minor units and as decimals. */
export function statementsCsv(statements: readonly StatementRow[]): string {
  let text = csvRow(["statement", "creator_id", "creator", "currency", "period_start", "period_end", "status", "net_sales_minor", "royalty_minor", "royalty", "paid_at", "payout_reference"]);
  for (const s of statements) {
    text += csvRow([s.id, s.accountId, s.accountName, s.currency, s.periodStart, s.periodEnd, s.status, s.salesMinor, s.royaltyMinor, minorToDecimal(s.royaltyMinor, currencyDigits(s.currency)), s.paidAt ?? "", s.payoutReference ?? ""]);
  }
  return text;
}
