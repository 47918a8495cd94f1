/**
 * Products: the catalogue entries that approved ideas become. Other modules create and read
 * products only through these functions.
 */
import type { ColumnType, Generated } from "kysely";
import type { Executor } from "../../platform/db/index.ts";

export interface ProductsTable {
  id: Generated<number>;
  names: ColumnType<Record<string, string>, string, string>;
  status: Generated<"planned" | "in_development" | "launched" | "retired">;
  idea_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: number | null;
}

export interface ProductCreatorsTable {
  product_id: number;
  account_id: number;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    products: ProductsTable;
    product_creators: ProductCreatorsTable;
  }
}

export interface ProductFromIdea {
  ideaId: number;
  title: string;
  language: string;
  creatorIds: number[];
  createdBy: number;
}

/** Creates the product record of an approved idea (once: a second call returns the same product). */
export async function createProductFromIdea(db: Executor, input: ProductFromIdea): Promise<number> {
  const existing = await db.selectFrom("products").select("id").where("idea_id", "=", input.ideaId).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("products")
    .values({ names: JSON.stringify({ [input.language]: input.title }), idea_id: input.ideaId, created_by: input.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.creatorIds.length > 0) {
    await db
      .insertInto("product_creators")
      .values(input.creatorIds.map((accountId) => ({ product_id: row.id, account_id: accountId })))
      .execute();
  }
  return row.id;
}

export interface ProductSummary {
  id: number;
  names: Record<string, string>;
  ideaId: number | null;
}

/** A product by id, or undefined: how other modules check a product they are given exists. */
export async function findProduct(db: Executor, id: number): Promise<ProductSummary | undefined> {
  const row = await db.selectFrom("products").select(["id", "names", "idea_id"]).where("id", "=", id).executeTakeFirst();
  return row ? { id: row.id, names: row.names, ideaId: row.idea_id } : undefined;
}
