/** Row types of the search index (migrations/0030_search.sql, 0034_search_bodies.sql). */
import type { ColumnType } from "kysely";

export interface SearchDocumentsTable {
  doc_type: string;
  doc_id: number;
  title: string;
  language: "en" | "fa" | "he";
  url: string;
  product_id: number | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  answered: boolean | null;
  visible: boolean;
  updated_at: ColumnType<Date, Date | string, Date | string>;
  search_title: string;
  tsv: ColumnType<string, never, never>;
}

/** The plain text of a document's body (migrations/0034_search_bodies.sql), read only for snippets. */
export interface SearchBodiesTable {
  doc_type: string;
  doc_id: number;
  body: string;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    search_documents: SearchDocumentsTable;
    search_bodies: SearchBodiesTable;
  }
}
