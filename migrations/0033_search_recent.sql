-- Search ranks among the most recent matches of a common word (see modules/search/store.ts): this index lets
-- PostgreSQL read matches newest first and stop, instead of ranking every one of tens of thousands.
create index search_documents_recent_idx on search_documents (updated_at desc, doc_id desc) where visible;
