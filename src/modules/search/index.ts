/**
 * Search over all content. Modules that own content keep one search document per item up to date by
 * calling `indexDocument` / `removeDocument` in the transaction that changed it; the search page and
 * API read only this table. Ideas are the exception: they are copied in by a periodic job
 * (`search.ideas`, see jobs.ts), so the ideas module needs no change.
 */
import { sql, type Executor } from "../../platform/db/index.ts";
import { markdownToText } from "../../platform/markdown/index.ts";
import { normalizeText } from "../../platform/search/normalize.ts";
import { BODY_LIMIT, searchForm, textSearchConfig } from "./rules.ts";
import "./tables.ts";

export type SearchType = "question" | "answer" | "topic" | "post" | "review" | "creation" | "critique" | "idea";
export const SEARCH_TYPES: readonly SearchType[] = ["question", "answer", "topic", "post", "review", "creation", "critique", "idea"];

export interface SearchDocument {
  type: SearchType;
  id: number;
  title: string;
  /** Markdown source; the index keeps its plain text. */
  body: string;
  language: "en" | "fa" | "he";
  /** The public page, e.g. /questions/12#answer-40. */
  url: string;
  productId?: number | null;
  tags?: string[];
  answered?: boolean | null;
  /** false keeps the document out of results (hidden, pending approval). */
  visible: boolean;
  updatedAt: Date;
}

/** Adds or replaces a document; call it in the transaction that changed the content. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  await indexDocuments(db, [doc]);
}

const BATCH = 2000;

/**
 * Adds or replaces many documents. Each batch is one statement over arrays (one parameter per column, not
 * per value), which keeps large backfills and the demo load fast on the embedded database too.
 */
export async function indexDocuments(db: Executor, docs: readonly SearchDocument[]): Promise<void> {
  for (let start = 0; start < docs.length; start += BATCH) {
    const batch = docs.slice(start, start + BATCH);
    const bodies = batch.map((doc) => markdownToText(doc.body).slice(0, BODY_LIMIT));
    const column = <T>(value: (doc: SearchDocument, index: number) => T) => batch.map(value);
    await sql`
      insert into search_documents (doc_type, doc_id, title, language, url, product_id, tags, answered, visible, updated_at, search_title, tsv)
      select d.doc_type, d.doc_id, d.title, d.language, d.url, d.product_id,
             array(select jsonb_array_elements_text(d.tags::jsonb)), d.answered, d.visible, d.updated_at, d.search_title,
             setweight(to_tsvector(d.config::regconfig, d.search_title), 'A') || setweight(to_tsvector(d.config::regconfig, d.search_body), 'B')
      from unnest(${column((doc) => doc.type)}::text[], ${column((doc) => doc.id)}::bigint[], ${column((doc) => doc.title)}::text[],
                  ${column((doc) => doc.language)}::text[], ${column((doc) => doc.url)}::text[], ${column((doc) => doc.productId ?? null)}::bigint[],
                  ${column((doc) => JSON.stringify(doc.tags ?? []))}::text[], ${column((doc) => doc.answered ?? null)}::boolean[], ${column((doc) => doc.visible)}::boolean[],
                  ${column((doc) => doc.updatedAt.toISOString())}::timestamptz[], ${column((doc) => searchForm(doc.title, normalizeText))}::text[],
                  ${bodies.map((body) => searchForm(body, normalizeText))}::text[], ${column((doc) => textSearchConfig(doc.language))}::text[])
           as d(doc_type, doc_id, title, language, url, product_id, tags, answered, visible, updated_at, search_title, search_body, config)
      on conflict (doc_type, doc_id) do update set
        title = excluded.title, language = excluded.language, url = excluded.url,
        product_id = excluded.product_id, tags = excluded.tags, answered = excluded.answered, visible = excluded.visible,
        updated_at = excluded.updated_at, search_title = excluded.search_title, tsv = excluded.tsv`.execute(db);
    await sql`
      insert into search_bodies (doc_type, doc_id, body)
      select * from unnest(${column((doc) => doc.type)}::text[], ${column((doc) => doc.id)}::bigint[], ${bodies}::text[])
      on conflict (doc_type, doc_id) do update set body = excluded.body`.execute(db);
  }
}

/** Removes a document (deleted content). */
export async function removeDocument(db: Executor, type: SearchType, id: number): Promise<void> {
  await db.deleteFrom("search_documents").where("doc_type", "=", type).where("doc_id", "=", id).execute();
}

export { searchDocuments, suggestTitles, type SearchQuery, type SearchHit } from "./store.ts";
