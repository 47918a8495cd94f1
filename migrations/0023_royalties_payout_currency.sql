-- What a statement is paid in, fixed when finance approves it: the currency and the amount in its minor
-- units (the statement's own, or converted at the rates kept then). Statements approved before this migration
-- were approved in their own currency.
alter table royalty_statements add column payout_currency char(3);
alter table royalty_statements add column payout_minor bigint;
update royalty_statements set payout_currency = currency, payout_minor = royalty_minor where status <> 'draft';

-- The conversion finance approved, line by line: the rate used (× 10^8), the day it is valid from, and each
-- line's royalty in the payout currency. A rate imported later changes nothing here.
create table royalty_statement_conversions (
  statement_id bigint not null references royalty_statements (id),
  posting_id bigint not null,
  rate_on date not null,
  rate_scaled bigint not null check (rate_scaled > 0),
  amount_minor bigint not null,
  primary key (statement_id, posting_id)
);

-- A payout in another currency goes through an exchange account: the payable is cleared in the statement's
-- currency and cash leaves in the payout currency, each currency balancing on its own.
alter table journal_postings drop constraint journal_postings_account_check;
alter table journal_postings add constraint journal_postings_account_check check (account in ('royalty_expense', 'royalties_payable', 'cash', 'currency_exchange'));
