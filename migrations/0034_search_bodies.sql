-- The plain-text bodies move beside the index: a search reads every matching row of search_documents to
-- rank it, and only the page's bodies (for snippets). Narrower rows mean fewer pages read per search.
create table search_bodies (
  doc_type text not null,
  doc_id bigint not null,
  body text not null,
  primary key (doc_type, doc_id),
  foreign key (doc_type, doc_id) references search_documents (doc_type, doc_id) on delete cascade
);
insert into search_bodies (doc_type, doc_id, body) select doc_type, doc_id, body from search_documents;
alter table search_documents drop column body;
