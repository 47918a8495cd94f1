-- The currency a creator is paid in under an agreement (null: statements stay in each sales currency).
alter table royalty_agreements add column currency char(3);

-- Exchange rates that finance imports: one unit of `currency` is `rate_scaled` / 10^8 units of
-- `to_currency`, from `valid_on` until the next rate (an integer: no float ever holds money).
create table exchange_rates (
  currency char(3) not null,
  to_currency char(3) not null,
  valid_on date not null,
  rate_scaled bigint not null check (rate_scaled > 0),
  created_by bigint references accounts (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (currency, to_currency, valid_on),
  check (currency <> to_currency)
);
