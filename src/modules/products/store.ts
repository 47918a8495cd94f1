/** Reading and changing products: the catalogue list, one product with its creators, and the staff edits. */
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { invalid, notFound, type FieldErrors } from "../../platform/errors.ts";
import type { Hearth } from "../../platform/http/context.ts";
import { removeImages, saveImage, uploadDir } from "../../platform/uploads/images.ts";
import type { ProductImage } from "./index.ts";
import "./policy.ts";

export const PRODUCT_STATUSES = ["planned", "in_development", "launched", "retired"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
const SKU = /^[A-Za-z0-9._-]{1,64}$/;

export interface ProductRow {
  id: number;
  names: Record<string, string>;
  status: ProductStatus;
  ideaId: number | null;
  launchDate: string | null;
  images: ProductImage[];
  skus: string[];
}

export interface ProductDetail extends ProductRow {
  creators: Array<{ id: number; name: string }>;
}

/** A page of products, newest first. */
export async function listProducts(db: Executor, options: { limit: number; offset: number }): Promise<ProductRow[]> {
  const query = db
    .selectFrom("products as p")
    .select(["p.id", "p.names", "p.status", "p.idea_id", "p.images", sql<string | null>`p.launch_date::text`.as("launch_date")])
    .select(sql<string[]>`coalesce((select array_agg(s.sku order by s.sku) from product_skus s where s.product_id = p.id), '{}')`.as("skus"))
    .orderBy("p.id", "desc")
    .limit(options.limit)
    .offset(options.offset);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, names: row.names, status: row.status, ideaId: row.idea_id, launchDate: row.launch_date, images: row.images, skus: row.skus }));
}

/** One product with its SKUs and creators. */
export async function productDetail(db: Executor, id: number): Promise<ProductDetail | undefined> {
  const row = await db
    .selectFrom("products as p")
    .select(["p.id", "p.names", "p.status", "p.idea_id", "p.images", sql<string | null>`p.launch_date::text`.as("launch_date")])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [skus, creators] = await Promise.all([
    db.selectFrom("product_skus").select("sku").where("product_id", "=", id).orderBy("sku").execute(),
    db.selectFrom("product_creators as c").innerJoin("accounts as a", "a.id", "c.account_id").select(["a.id", "a.name"]).where("c.product_id", "=", id).orderBy("a.name").execute(),
  ]);
  return { id: row.id, names: row.names, status: row.status, ideaId: row.idea_id, launchDate: row.launch_date, images: row.images, skus: skus.map((sku) => sku.sku), creators };
}

export interface ProductInput {
  names: { en: string; fa: string; he: string };
  status: ProductStatus;
  launchDate: string | null;
  skus: string[];
}

/** Field errors of a product form: a name in at least one language, well-formed and unique SKUs. */
export function productInputErrors(input: ProductInput): FieldErrors {
  const errors: FieldErrors = {};
  if (!Object.values(input.names).some((name) => name.trim() !== "")) errors["names.en"] = { key: "products.errors.name" };
  const bad = input.skus.find((sku) => !SKU.test(sku));
  if (bad !== undefined) errors.skus = { key: "products.errors.sku", params: { sku: bad.slice(0, 64) } };
  else if (new Set(input.skus).size !== input.skus.length) errors.skus = { key: "products.errors.skuRepeated" };
  return errors;
}

/** Replaces a product's SKUs; a SKU that belongs to another product is refused. */
export async function setProductSkus(db: Executor, productId: number, skus: readonly string[]): Promise<void> {
  const taken = skus.length === 0 ? [] : await db.selectFrom("product_skus").select("sku").where("sku", "in", [...skus]).where("product_id", "<>", productId).execute();
  if (taken[0]) throw invalid("sku_taken", "products.errors.skuTaken", { skus: { key: "products.errors.skuTaken", params: { sku: taken[0].sku } } });
  await db.deleteFrom("product_skus").where("product_id", "=", productId).where("sku", "not in", skus.length > 0 ? [...skus] : [""]).execute();
  if (skus.length > 0) await db.insertInto("product_skus").values(skus.map((sku) => ({ sku, product_id: productId }))).onConflict((oc) => oc.column("sku").doNothing()).execute();
}

function names(input: ProductInput): string {
  return JSON.stringify(Object.fromEntries(Object.entries(input.names).map(([locale, name]) => [locale, name.trim()]).filter(([, name]) => name !== "")));
}

/** Creates a product (staff), audited. */
export async function createProduct(db: Executor, actor: Actor, input: ProductInput, ip: string | null): Promise<number> {
  authorize(actor, "products.manage");
  const errors = productInputErrors(input);
  if (Object.keys(errors).length > 0) throw invalid("validation_failed", "errors.validation", errors);
  return inTransaction(db, async (tx) => {
    const row = await tx.insertInto("products").values({ names: names(input), status: input.status, launch_date: input.launchDate, created_by: actor.id }).returning("id").executeTakeFirstOrThrow();
    await setProductSkus(tx, row.id, input.skus);
    await recordAudit(tx, { actorId: actor.id, action: "products.create", subjectType: "product", subjectId: row.id, details: { ...input }, ip });
    return row.id;
  });
}

/** Changes a product's names, status, launch date and SKUs (staff), audited. */
export async function updateProduct(db: Executor, actor: Actor, id: number, input: ProductInput, ip: string | null): Promise<void> {
  authorize(actor, "products.manage");
  const errors = productInputErrors(input);
  if (Object.keys(errors).length > 0) throw invalid("validation_failed", "errors.validation", errors);
  await inTransaction(db, async (tx) => {
    const found = await tx.selectFrom("products").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
    if (!found) throw notFound("product_not_found", "products.errors.notFound");
    await tx.updateTable("products").set({ names: names(input), status: input.status, launch_date: input.launchDate }).where("id", "=", id).execute();
    await setProductSkus(tx, id, input.skus);
    await recordAudit(tx, { actorId: actor.id, action: "products.update", subjectType: "product", subjectId: id, details: { ...input }, ip });
  });
}

/** The product an idea became, if any. */
export async function productOfIdea(db: Executor, ideaId: number): Promise<number | undefined> {
  const row = await db.selectFrom("products").select("id").where("idea_id", "=", ideaId).executeTakeFirst();
  return row?.id;
}

export const MAX_PRODUCT_IMAGES = 10;

/** Adds an image to a product (staff): checked and re-encoded by the platform, then recorded with its alternative text. Audited. */
export async function addProductImage(hearth: Hearth, actor: Actor, id: number, file: Buffer, alt: string, ip: string | null): Promise<void> {
  authorize(actor, "products.manage");
  const text = alt.trim();
  if (text === "" || text.length > 200) throw invalid("validation_failed", "errors.validation", { alt: { key: "products.errors.alt" } });
  const product = await productDetail(hearth.db, id);
  if (!product) throw notFound("product_not_found", "products.errors.notFound");
  if (product.images.length >= MAX_PRODUCT_IMAGES) throw invalid("too_many_images", "uploads.errors.tooMany", { image: { key: "uploads.errors.tooMany", params: { limit: MAX_PRODUCT_IMAGES } } }, { limit: MAX_PRODUCT_IMAGES });
  const folder = uploadDir(hearth.config.dataDir, "products", String(id));
  const saved = await saveImage(folder, file, "image");
  try {
    await inTransaction(hearth.db, async (tx) => {
      const image: ProductImage = { path: `/uploads/products/${id}/${saved.fileName}`, alt: text };
      await sql`update products set images = images || ${JSON.stringify([image])}::jsonb where id = ${id}`.execute(tx);
      await recordAudit(tx, { actorId: actor.id, action: "products.image.add", subjectType: "product", subjectId: id, details: { ...image }, ip });
    });
  } catch (error) {
    await removeImages(folder, [saved]);
    throw error;
  }
}
