-- A royalty entry covers the lines of one import chunk under one agreement, currency and period: one
-- expense posting for their royalty, and each creator's payable posting per line, which names its sales
-- line. Per line one posting per creator instead of an entry and two postings; the entries and expense
-- postings grow with the agreements a chunk touches (few when many lines share products).
alter table journal_postings add column sales_line_id bigint;

-- Entries written before name their line on the entry: their postings take it over (the one change the
-- immutable journal allows here, made with its guard lifted for the statement).
alter table journal_postings disable trigger journal_postings_immutable;
update journal_postings p set sales_line_id = e.sales_line_id
from journal_entries e
where e.id = p.entry_id and e.sales_line_id is not null and p.account = 'royalties_payable';
alter table journal_postings enable trigger journal_postings_immutable;
