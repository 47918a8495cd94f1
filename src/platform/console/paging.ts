/** Page-by-page lists: the query string's page number and "is there a next page". */
import { Type } from "typebox";

export const PAGE_SIZE = 50;

/** The `page` query parameter: 1 or more. */
export const PageQuery = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });

export interface Page<T> {
  rows: T[];
  page: number;
  hasNext: boolean;
}

/** Loads one page; asks for one row more than it shows, to know whether another page follows. */
export async function fetchPage<T>(page: number, load: (limit: number, offset: number) => Promise<T[]>, perPage = PAGE_SIZE): Promise<Page<T>> {
  const rows = await load(perPage + 1, (page - 1) * perPage);
  return { rows: rows.slice(0, perPage), page, hasNext: rows.length > perPage };
}

/** A page's address: the current filters plus the page number. */
export function pageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) query.set(key, value);
  }
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A LIKE pattern that matches the text literally (its %, _ and \ escaped). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
