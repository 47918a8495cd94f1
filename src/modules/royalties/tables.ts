/** Row types of the royalties tables (migrations/0020_royalties.sql). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read as `YYYY-MM-DD` text (see DATE_AS_TEXT in store.ts). */
type Day = ColumnType<string, string, string>;

export interface RoyaltyAgreementsTable {
  id: Generated<number>;
  product_id: number;
  rate_bp: Generated<number>;
  effective_from: Day;
  effective_to: Day | null;
  created_at: Timestamp;
  created_by: number | null;
  /** The currency its creators are paid in (migrations/0022); null: each sales currency. */
  currency: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ExchangeRatesTable {
  currency: string;
  to_currency: string;
  valid_on: Day;
  /** The rate × 10^8. */
  rate_scaled: ColumnType<string, string, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RoyaltySharesTable {
  agreement_id: number;
  account_id: number;
  share_bp: number;
  position: number;
  accepted_at: Date | null;
  accepted_terms: string | null;
}

export interface SalesImportsTable {
  id: Generated<number>;
  source: "csv" | "api";
  filename: string | null;
  created_by: number | null;
  created_at: Timestamp;
  lines_imported: Generated<number>;
  lines_duplicate: Generated<number>;
  lines_refused: Generated<number>;
}

export interface SalesLinesTable {
  id: Generated<number>;
  external_id: string;
  product_id: number;
  sku: string;
  quantity: number;
  net_amount_minor: number;
  currency: string;
  sold_at: ColumnType<Date, Date | string, Date | string>;
  refund_of: string | null;
  import_id: number | null;
}

export interface RoyaltyAccrualsTable {
  agreement_id: number;
  currency: string;
  period_start: Day;
  /** numeric: read as text, handled as bigint. */
  exact_sum: ColumnType<string, string | undefined, string>;
}

export interface JournalEntriesTable {
  id: Generated<number>;
  kind: "royalty" | "payout";
  sales_line_id: number | null;
  agreement_id: number | null;
  statement_id: number | null;
  currency: string;
  period_start: Day;
  created_at: Timestamp;
  created_by: number | null;
}

/** `currency_exchange` carries a payout made in another currency than its statement's (migrations/0023). */
export type LedgerAccount = "royalty_expense" | "royalties_payable" | "cash" | "currency_exchange";

export interface JournalPostingsTable {
  id: Generated<number>;
  entry_id: number;
  account: LedgerAccount;
  creator_id: number | null;
  currency: string;
  amount_minor: number;
  period_start: Day;
  statement_id: number | null;
  /** The sales line of a creator's payable posting (migrations/0021). */
  sales_line_id: number | null;
}

export interface RoyaltyStatementsTable {
  id: Generated<number>;
  account_id: number;
  currency: string;
  period_start: Day;
  period_end: Day;
  status: Generated<"draft" | "approved" | "paid">;
  sales_minor: Generated<number>;
  royalty_minor: Generated<number>;
  created_at: Timestamp;
  approved_at: Date | null;
  approved_by: number | null;
  paid_at: Day | null;
  payout_reference: string | null;
  paid_by: number | null;
  /** What it is paid in, fixed at approval (migrations/0023): its own currency, or the converted one. */
  payout_currency: ColumnType<string | null, string | null | undefined, string | null>;
  payout_minor: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The conversion approved with a statement, per payable posting (migrations/0023). */
export interface RoyaltyStatementConversionsTable {
  statement_id: number;
  posting_id: number;
  rate_on: Day;
  /** The rate × 10^8. */
  rate_scaled: ColumnType<string, string, string>;
  amount_minor: number;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    royalty_agreements: RoyaltyAgreementsTable;
    royalty_shares: RoyaltySharesTable;
    sales_imports: SalesImportsTable;
    sales_lines: SalesLinesTable;
    royalty_accruals: RoyaltyAccrualsTable;
    journal_entries: JournalEntriesTable;
    journal_postings: JournalPostingsTable;
    royalty_statements: RoyaltyStatementsTable;
    exchange_rates: ExchangeRatesTable;
    royalty_statement_conversions: RoyaltyStatementConversionsTable;
  }
}
