/**
 * Products: the catalogue entries that approved ideas become. Other modules create and read
 * products only through these functions.
 */
import type { FastifyInstance } from "fastify";
import type { ColumnType, Generated } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { productsApiRoutes } from "./api-routes.ts";
import { productsConsoleRoutes } from "./console-routes.tsx";
import { productsPageRoutes } from "./page-routes.tsx";

export interface ProductsTable {
  id: Generated<number>;
  names: ColumnType<Record<string, string>, string, string>;
  status: Generated<"planned" | "in_development" | "launched" | "retired">;
  idea_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: number | null;
  launch_date: ColumnType<string | null, string | null | undefined, string | null>;
  images: ColumnType<ProductImage[], string | undefined, string>;
}

/** An image of a product: its path under /uploads and its alternative text. */
export interface ProductImage {
  path: string;
  alt: string;
}

export interface ProductSkusTable {
  sku: string;
  product_id: number;
}

export interface ProductCreatorsTable {
  product_id: number;
  account_id: number;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    products: ProductsTable;
    product_creators: ProductCreatorsTable;
    product_skus: ProductSkusTable;
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


/** The address that leads from an approved idea to the product it became. */
/** Products to choose from in a form (not retired), newest first. */
export async function productChoices(db: Executor): Promise<Array<{ id: number; names: Record<string, string> }>> {
  return db.selectFrom("products").select(["id", "names"]).where("status", "<>", "retired").orderBy("id", "desc").limit(500).execute();
}

export function productOfIdeaHref(ideaId: number): string {
  return `/products/idea/${ideaId}`;
}

/** Every SKU with its product: how a sales import recognises what was sold. */
export async function skuCatalogue(db: Executor): Promise<Map<string, number>> {
  const rows = await db.selectFrom("product_skus").select(["sku", "product_id"]).execute();
  return new Map(rows.map((row) => [row.sku, row.product_id]));
}

/** The creators of products, by product id (the default parties of a royalty agreement). */
export async function creatorsOfProducts(db: Executor, productIds: readonly number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (productIds.length === 0) return result;
  const rows = await db.selectFrom("product_creators").select(["product_id", "account_id"]).where("product_id", "in", [...productIds]).orderBy("account_id").execute();
  for (const row of rows) result.set(row.product_id, [...(result.get(row.product_id) ?? []), row.account_id]);
  return result;
}

/** Names of products by id. */
export async function productNames(db: Executor, ids: readonly number[]): Promise<Map<number, Record<string, string>>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("products").select(["id", "names"]).where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.names]));
}

/** A product's name in the reader's language, else in any language it has. */
export function productName(names: Record<string, string>, locale: string): string {
  return names[locale] ?? Object.values(names)[0] ?? "";
}

export { productOfIdea, setProductSkus } from "./store.ts";

/** Every route of the products module. */
export async function productsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(productsApiRoutes);
  await app.register(productsPageRoutes);
  await app.register(productsConsoleRoutes);
}
