-- Search over every kind of content: one document per (type, id), written by the module that owns the content
-- in the transaction that changed it. Text is stored normalised (platform/search/normalize.ts) so Persian
-- written with Arabic letters, ZWNJ variants and Hebrew with niqqud match; English uses the english stemmer.
create table search_documents (
  doc_type text not null,
  doc_id bigint not null,
  title text not null,
  -- Plain text of the body (markup stripped), as written: snippets are cut from it.
  body text not null,
  language text not null check (language in ('en', 'fa', 'he')),
  url text not null,
  product_id bigint,
  tags text[] not null default '{}',
  answered boolean,
  visible boolean not null,
  updated_at timestamptz not null,
  search_title text not null,
  tsv tsvector not null,
  primary key (doc_type, doc_id)
);

create index search_documents_tsv_idx on search_documents using gin (tsv) where visible;
create index search_documents_title_trgm_idx on search_documents using gin (search_title gin_trgm_ops) where visible;
