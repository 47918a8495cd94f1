-- Products grow a catalogue entry: SKUs, a launch date and images.
alter table products add column launch_date date;
alter table products add column images jsonb not null default '[]';

create table product_skus (
  sku text primary key check (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
  product_id bigint not null references products (id) on delete cascade
);
create index product_skus_product on product_skus (product_id);

-- A royalty agreement: a rate in basis points of net sales, from a date to an optional end date.
create table royalty_agreements (
  id bigserial primary key,
  product_id bigint not null references products (id),
  rate_bp integer not null default 100 check (rate_bp between 0 and 10000),
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null default now(),
  created_by bigint references accounts (id) on delete set null,
  check (effective_to is null or effective_to > effective_from)
);
create index royalty_agreements_product on royalty_agreements (product_id, effective_from);

-- Each co-creator's share of an agreement's royalty (shares of one agreement add up to 10,000),
-- and their signed acceptance: when, and the digest of the terms they accepted.
create table royalty_shares (
  agreement_id bigint not null references royalty_agreements (id),
  account_id bigint not null references accounts (id),
  share_bp integer not null check (share_bp between 1 and 10000),
  position integer not null,
  accepted_at timestamptz,
  accepted_terms text,
  primary key (agreement_id, account_id)
);
create index royalty_shares_account on royalty_shares (account_id);

-- One file or API batch.
create table sales_imports (
  id bigserial primary key,
  source text not null check (source in ('csv', 'api')),
  filename text,
  created_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  lines_imported integer not null default 0,
  lines_duplicate integer not null default 0,
  lines_refused integer not null default 0
);

-- Sales lines, idempotent by their external id. A return is a negative line naming the sale it refunds.
-- The bulk tables (sales lines, journal entries and postings) carry no foreign keys: the import writes
-- them together, in one transaction per chunk, from rows it has just read or inserted. Their eight
-- per-row key checks made the set-based import about a quarter slower (measured side by side on
-- 200,000 lines: 5,100 against 3,800 lines/s on a loaded machine); the import's speed is a goal,
-- see bench/royalties.ts.
create table sales_lines (
  id bigserial primary key,
  external_id text not null unique,
  product_id bigint not null,
  sku text not null,
  quantity integer not null,
  net_amount_minor bigint not null,
  currency char(3) not null,
  sold_at timestamptz not null,
  refund_of text,
  import_id bigint
);
-- Checking a return reads the items already returned of its sale (returns are a few percent of lines).
create index sales_lines_refund_of on sales_lines (refund_of) where refund_of is not null;

-- Royalty accrued so far per agreement, currency and period, as the exact sum of net × rate
-- (in 1/10,000 of a minor unit). What is booked is this sum rounded, so per-line rounding never drifts.
create table royalty_accruals (
  agreement_id bigint not null references royalty_agreements (id),
  currency char(3) not null,
  period_start date not null,
  exact_sum numeric(40, 0) not null default 0,
  primary key (agreement_id, currency, period_start)
);

-- The double-entry ledger. An entry's postings add up to zero (debits positive, credits negative).
create table journal_entries (
  id bigserial primary key,
  kind text not null check (kind in ('royalty', 'payout')),
  sales_line_id bigint,
  agreement_id bigint,
  statement_id bigint,
  currency char(3) not null,
  period_start date not null,
  created_at timestamptz not null default now(),
  created_by bigint references accounts (id) on delete set null,
  unique (sales_line_id, agreement_id)
);

create table journal_postings (
  id bigserial primary key,
  entry_id bigint not null,
  account text not null check (account in ('royalty_expense', 'royalties_payable', 'cash')),
  creator_id bigint,
  currency char(3) not null,
  amount_minor bigint not null,
  period_start date not null,
  statement_id bigint
);
-- Imports write postings in bulk, so they carry one index, and only for postings on a statement (attached
-- later, so free at import time). Drafting statements reads the postings not yet on one in a single scan.
create index journal_postings_statement on journal_postings (statement_id) where statement_id is not null;

-- Statements: one per creator, currency and period; draft → approved → paid.
create table royalty_statements (
  id bigserial primary key,
  account_id bigint not null references accounts (id),
  currency char(3) not null,
  period_start date not null,
  period_end date not null,
  status text not null default 'draft' check (status in ('draft', 'approved', 'paid')),
  sales_minor bigint not null default 0,
  royalty_minor bigint not null default 0,
  created_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by bigint references accounts (id) on delete set null,
  paid_at date,
  payout_reference text,
  paid_by bigint references accounts (id) on delete set null,
  unique (account_id, currency, period_start)
);
create index royalty_statements_status on royalty_statements (status, period_start);

-- Entries are immutable: corrections are new entries. A posting may only be attached, once, to a statement.
create function journal_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'journal rows are immutable';
  end if;
  if tg_table_name = 'journal_postings'
     and old.statement_id is null and new.statement_id is not null
     and (new.entry_id, new.account, new.creator_id, new.currency, new.amount_minor, new.period_start)
         is not distinct from (old.entry_id, old.account, old.creator_id, old.currency, old.amount_minor, old.period_start) then
    return new;
  end if;
  raise exception 'journal rows are immutable';
end $$;

create trigger journal_entries_immutable before update or delete on journal_entries
  for each row execute function journal_immutable();
create trigger journal_postings_immutable before update or delete on journal_postings
  for each row execute function journal_immutable();
