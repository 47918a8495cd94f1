/** Reading the creations gallery: the list (newest, most liked, featured; by tag) and one creation. */
import type { Actor } from "../../../../platform/auth/permissions.ts";
import { can } from "../../../../platform/auth/permissions.ts";
import type { Executor } from "../../../../platform/db/index.ts";
import { notFound } from "../../../../platform/errors.ts";
import type { Language } from "../tables.ts";

export const CREATION_SORTS = ["recent", "popular", "featured"] as const;
export type CreationSort = (typeof CREATION_SORTS)[number];

export interface CreationRow {
  id: number;
  author_id: number;
  author_name: string;
  title: string;
  body: string;
  language: Language;
  product_id: number | null;
  tags: string[];
  route: Array<[number, number]> | null;
  route_name: string | null;
  route_meters: number | null;
  like_count: number;
  made_too_count: number;
  featured_at: Date | null;
  created_at: Date;
  hidden_at: Date | null;
  cover: string | null;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom("creations")
    .innerJoin("accounts", "accounts.id", "creations.author_id")
    .select([
      "creations.id",
      "creations.author_id",
      "accounts.name as author_name",
      "creations.title",
      "creations.body",
      "creations.language",
      "creations.product_id",
      "creations.tags",
      "creations.route",
      "creations.route_name",
      "creations.route_meters",
      "creations.like_count",
      "creations.made_too_count",
      "creations.featured_at",
      "creations.created_at",
      "creations.hidden_at",
      (eb) => eb.selectFrom("creation_images").select("file_name").whereRef("creation_images.creation_id", "=", "creations.id").orderBy("position").limit(1).as("cover"),
    ]);
}

export async function listCreations(db: Executor, filter: { sort: CreationSort; tag?: string | undefined; productId?: number | undefined }, offset: number, limit: number): Promise<{ rows: CreationRow[]; hasNext: boolean }> {
  let query = baseQuery(db).where("creations.hidden_at", "is", null);
  if (filter.tag) query = query.where("creations.tags", "@>", [filter.tag]);
  if (filter.productId !== undefined) query = query.where("creations.product_id", "=", filter.productId);
  if (filter.sort === "featured") query = query.where("creations.featured_at", "is not", null).orderBy("creations.featured_at", "desc");
  if (filter.sort === "popular") query = query.orderBy("creations.like_count", "desc");
  const rows = await query.orderBy("creations.created_at", "desc").orderBy("creations.id", "desc").offset(offset).limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
}

export interface CreationDetail extends CreationRow {
  images: Array<{ file_name: string; width: number; height: number }>;
  product: { id: number; names: Record<string, string> } | null;
  liked: boolean;
  madeToo: boolean;
  collections: Array<{ id: number; name: string }>;
}

/** One creation; hidden ones only for their author and staff who feature. */
export async function loadCreation(db: Executor, id: number, viewer: Actor | null): Promise<CreationDetail> {
  const row = await baseQuery(db).where("creations.id", "=", id).executeTakeFirst();
  if (!row || (row.hidden_at !== null && viewer?.id !== row.author_id && !can(viewer, "creations.feature"))) throw notFound("creation_not_found", "community.errors.creationNotFound");
  const images = await db.selectFrom("creation_images").select(["file_name", "width", "height"]).where("creation_id", "=", id).orderBy("position").execute();
  const product = row.product_id === null ? undefined : await db.selectFrom("products").select(["id", "names"]).where("id", "=", row.product_id).executeTakeFirst();
  const liked = viewer ? (await db.selectFrom("creation_likes").select("member_id").where("creation_id", "=", id).where("member_id", "=", viewer.id).executeTakeFirst()) !== undefined : false;
  const madeToo = viewer ? (await db.selectFrom("creation_made_too").select("member_id").where("creation_id", "=", id).where("member_id", "=", viewer.id).executeTakeFirst()) !== undefined : false;
  const collections = viewer ? await db.selectFrom("collections").select(["id", "name"]).where("owner_id", "=", viewer.id).orderBy("name").execute() : [];
  return { ...row, images, product: product ?? null, liked, madeToo, collections };
}

/** Products to choose from in the creation form (newest first). */
export async function productChoices(db: Executor, limit = 200): Promise<Array<{ id: number; names: Record<string, string> }>> {
  return db.selectFrom("products").select(["id", "names"]).orderBy("id", "desc").limit(limit).execute();
}

export interface CollectionView {
  id: number;
  name: string;
  owner_name: string;
  creations: CreationRow[];
}

/** A collection with its visible creations, most recently added first. */
export async function loadCollection(db: Executor, id: number): Promise<CollectionView> {
  const collection = await db.selectFrom("collections").innerJoin("accounts", "accounts.id", "collections.owner_id").select(["collections.id", "collections.name", "accounts.name as owner_name"]).where("collections.id", "=", id).executeTakeFirst();
  if (!collection) throw notFound("collection_not_found", "community.errors.collectionNotFound");
  const creations = await baseQuery(db)
    .innerJoin("collection_items", "collection_items.creation_id", "creations.id")
    .where("collection_items.collection_id", "=", id)
    .where("creations.hidden_at", "is", null)
    .orderBy("collection_items.added_at", "desc")
    .limit(200)
    .execute();
  return { ...collection, creations };
}
