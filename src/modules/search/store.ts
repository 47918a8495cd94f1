/** Reading the search index: ranked full-text search with filters, and title suggestions. */
import type { RawBuilder } from "kysely";
import { sql, type Executor } from "../../platform/db/index.ts";
import { normalizeText } from "../../platform/search/normalize.ts";
import type { SearchType } from "./index.ts";
import { cutSnippet, queryConfigs, queryLexemes, searchForm, type SnippetPart } from "./rules.ts";

export interface SearchQuery {
  q: string;
  type?: SearchType | undefined;
  productId?: number | undefined;
  tag?: string | undefined;
  language?: "en" | "fa" | "he" | undefined;
  answered?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface SearchHit {
  type: SearchType;
  id: number;
  title: string;
  url: string;
  language: "en" | "fa" | "he";
  updatedAt: Date;
  snippet: SnippetPart[];
  titleParts: SnippetPart[];
}

/** The tsquery of a normalised query: one websearch_to_tsquery per configuration its script needs. */
function tsqueryOf(needle: string): RawBuilder<unknown> {
  const parts = queryConfigs(needle).map((config) => sql`websearch_to_tsquery(${config}::regconfig, ${needle})`);
  return sql`(${sql.join(parts, sql` || `)})`;
}

/**
 * How many matches are ranked at most: the newest this many. A word in a fifth of all posts would otherwise
 * have every one of them ranked for each query; the newest few thousand hold what a reader pages through.
 */
export const RANKED_MATCHES = 2000;

/**
 * Full-text search on normalised text (English stemmed, Persian and Hebrew word for word). The newest
 * RANKED_MATCHES matches are ranked by text rank (title weight A above body B), then recency. When nothing
 * matches, titles within trigram distance are offered instead (typos), best first.
 */
export async function searchDocuments(db: Executor, query: SearchQuery): Promise<{ hits: SearchHit[]; hasNext: boolean }> {
  const needle = searchForm(query.q, normalizeText);
  if (needle === "") return { hits: [], hasNext: false };
  const tsquery = tsqueryOf(needle);
  const filtered = () => {
    let builder = db.selectFrom("search_documents").where("search_documents.visible", "=", true);
    if (query.type) builder = builder.where("search_documents.doc_type", "=", query.type);
    if (query.productId !== undefined) builder = builder.where("search_documents.product_id", "=", query.productId);
    if (query.language) builder = builder.where("search_documents.language", "=", query.language);
    if (query.tag) builder = builder.where(sql<boolean>`${query.tag} = any(search_documents.tags)`);
    if (query.answered !== undefined) builder = builder.where("search_documents.answered", "=", query.answered);
    return builder;
  };
  const columns = ["doc_type", "doc_id", "title", "url", "language", "updated_at"] as const;
  const candidates = filtered()
    .select([...columns, "tsv"])
    .where(sql<boolean>`tsv @@ ${tsquery}`)
    .orderBy("updated_at", "desc")
    .orderBy("doc_id", "desc")
    .limit(Math.max(RANKED_MATCHES, query.offset + query.limit + 1));
  // Rank the candidates, keep the page, and only then read the page's bodies (for snippets).
  const ranked = db
    .selectFrom(candidates.as("c"))
    .select(["c.doc_type", "c.doc_id", "c.title", "c.url", "c.language", "c.updated_at", sql<number>`ts_rank(c.tsv, ${tsquery})`.as("rank")])
    .orderBy("rank", "desc")
    .orderBy("c.updated_at", "desc")
    .orderBy("c.doc_id", "desc")
    .limit(query.limit + 1)
    .offset(query.offset);
  let rows = await db
    .selectFrom(ranked.as("r"))
    .innerJoin("search_bodies as d", (join) => join.onRef("d.doc_type", "=", "r.doc_type").onRef("d.doc_id", "=", "r.doc_id"))
    .select(["r.doc_type", "r.doc_id", "r.title", "r.url", "r.language", "r.updated_at", sql<string>`left(d.body, 4000)`.as("body")])
    .orderBy("r.rank", "desc")
    .orderBy("r.updated_at", "desc")
    .orderBy("r.doc_id", "desc")
    .execute();
  if (rows.length === 0 && query.offset === 0) {
    rows = await filtered()
      .innerJoin("search_bodies", (join) => join.onRef("search_bodies.doc_type", "=", "search_documents.doc_type").onRef("search_bodies.doc_id", "=", "search_documents.doc_id"))
      .select(["search_documents.doc_type", "search_documents.doc_id", "title", "url", "language", "updated_at", sql<string>`left(search_bodies.body, 4000)`.as("body")])
      .where(sql<boolean>`${needle} <% search_title`)
      .orderBy(sql`word_similarity(${needle}, search_title)`, "desc")
      .orderBy("search_documents.doc_id", "desc")
      .limit(query.limit)
      .execute();
  }
  const lexemes = await lexemesOf(db, needle);
  const hits = rows.slice(0, query.limit).map((row) => ({
    type: row.doc_type as SearchType,
    id: row.doc_id,
    title: row.title,
    url: row.url,
    language: row.language,
    updatedAt: row.updated_at,
    snippet: cutSnippet(row.body, lexemes, normalizeText),
    titleParts: cutSnippet(row.title, lexemes, normalizeText, 400),
  }));
  return { hits, hasNext: rows.length > query.limit };
}

/** The words a query looks for, as its configurations parse them, to highlight them in results. */
async function lexemesOf(db: Executor, needle: string): Promise<string[]> {
  const { rows } = await sql<{ query: string }>`select ${tsqueryOf(needle)}::text as query`.execute(db);
  return queryLexemes(rows[0]?.query ?? "");
}

/** Titles for instant suggestions as a query is typed: the title contains the text, or nearly (trigrams). */
export async function suggestTitles(db: Executor, q: string, limit = 8): Promise<Array<{ type: SearchType; id: number; title: string; url: string }>> {
  const needle = searchForm(q, normalizeText);
  if (needle.length < 2) return [];
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom("search_documents")
    .select(["doc_type", "doc_id", "title", "url"])
    .where("visible", "=", true)
    .where((eb) => eb.or([eb("search_title", "like", pattern), sql<boolean>`${needle} <% search_title`]))
    .orderBy(sql`word_similarity(${needle}, search_title)`, "desc")
    .orderBy("doc_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ type: row.doc_type as SearchType, id: row.doc_id, title: row.title, url: row.url }));
}
