/**
 * The creations gallery: members share what they made (text, images, tags, a product, an optional
 * GPX route), others like it, say "I made this too" and gather creations into collections; staff
 * feature the best.
 */
import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { recordActivity, retractActivity } from "../../../../platform/activity/index.ts";
import { recordAudit } from "../../../../platform/audit/index.ts";
import { authorize, can, type Actor } from "../../../../platform/auth/permissions.ts";
import { inTransaction, sql, type Executor } from "../../../../platform/db/index.ts";
import { forbidden, invalid, notFound } from "../../../../platform/errors.ts";
import type { Hearth } from "../../../../platform/http/context.ts";
import { removeImages, saveImage, uploadDir, type SavedImage } from "../../../../platform/uploads/images.ts";
import { findProduct } from "../../../products/index.ts";
import { awaitApproval, indexDocuments, keepRevision, mentionMembers, mustWaitForApproval, type SearchDocument } from "../hooks.ts";
import { parseGpx, simplifyTo } from "../rules/gpx.ts";
import { normalizeTags, requireText } from "../rules/text.ts";
import type { Language } from "../tables.ts";

export const CREATION_TITLE_MAX = 120;
export const CREATION_MAX = 20_000;
export const MAX_IMAGES_PER_CREATION = 6;
export const COLLECTION_NAME_MAX = 80;

export const creationUrl = (id: number) => `/creations/${id}`;
export const creationImageUrl = (id: number, fileName: string) => `/uploads/creations/${id}/${fileName}`;

export interface CreationInput {
  title: string;
  body: string;
  language: Language;
  tags?: string | readonly string[];
  productId?: number | null;
  /** A GPX document (file contents or text). */
  gpx?: string | Buffer | null;
}

/** The search documents of creations, with their tags and product. */
export async function creationDocuments(db: Executor, ids: readonly number[], now: Date): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("creations").select(["id", "title", "body", "language", "product_id", "tags", "hidden_at"]).where("id", "in", [...ids]).execute();
  return rows.map((row) => ({ type: "creation", id: row.id, title: row.title, body: row.body, language: row.language, url: creationUrl(row.id), productId: row.product_id, tags: row.tags, visible: row.hidden_at === null, updatedAt: now }));
}

async function indexCreation(tx: Executor, id: number, now: Date): Promise<void> {
  await indexDocuments(tx, await creationDocuments(tx, [id], now));
}

/**
 * A member shares a creation. Images are checked and converted before anything is recorded; if the
 * text, route or an image is refused, nothing is kept.
 */
export async function createCreation(hearth: Pick<Hearth, "db" | "config">, actor: Actor, input: CreationInput, images: readonly Buffer[] = [], now = new Date()): Promise<{ id: number; pending: boolean }> {
  const title = requireText("title", input.title, CREATION_TITLE_MAX);
  const body = requireText("body", input.body, CREATION_MAX);
  const tags = normalizeTags(input.tags ?? []);
  const route = input.gpx && input.gpx.length > 0 ? parseGpx(input.gpx) : null;
  if (images.length > MAX_IMAGES_PER_CREATION) throw invalid("too_many_images", "uploads.errors.tooMany", { images: { key: "uploads.errors.tooMany", params: { limit: MAX_IMAGES_PER_CREATION } } });
  const { db, config } = hearth;
  if (input.productId != null && !(await findProduct(db, input.productId))) throw invalid("product_not_found", "community.errors.productNotFound", { productId: { key: "community.errors.productNotFound" } });
  const staging = uploadDir(config.dataDir, "creations", "staging");
  const saved: SavedImage[] = [];
  try {
    for (const image of images) saved.push(await saveImage(staging, image, "images"));
    const created = await inTransaction(db, async (tx) => {
      const pending = await mustWaitForApproval(tx, actor, body, "creation", now);
      const row = await tx
        .insertInto("creations")
        .values({
          author_id: actor.id,
          title,
          body,
          language: input.language,
          product_id: input.productId ?? null,
          tags,
          route: route ? JSON.stringify(simplifyTo(route.points)) : null,
          route_name: route ? route.name : null,
          route_meters: route ? route.distanceMeters : null,
          created_at: now,
          updated_at: now,
          hidden_at: pending ? now : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (saved.length > 0) {
        await tx.insertInto("creation_images").values(saved.map((image, position) => ({ creation_id: row.id, position, file_name: image.fileName, width: image.width, height: image.height }))).execute();
      }
      await recordActivity(tx, { actorId: actor.id, type: "creation.shared", subjectType: "creation", subjectId: row.id, occurredAt: now });
      await indexCreation(tx, row.id, now);
      if (pending) await awaitApproval(tx, "creation", row.id, actor.id, now);
      else await mentionMembers(tx, actor, body, { url: creationUrl(row.id), title });
      return { id: row.id, pending };
    });
    // The files move into the creation's folder once its rows are committed.
    await moveImages(staging, uploadDir(config.dataDir, "creations", String(created.id)), saved);
    return created;
  } catch (error) {
    await removeImages(staging, saved);
    throw error;
  }
}

async function moveImages(from: string, to: string, images: readonly SavedImage[]): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const image of images) {
    const thumb = image.fileName.replace(/\.webp$/, ".thumb.webp");
    await rename(join(from, image.fileName), join(to, image.fileName));
    await rename(join(from, thumb), join(to, thumb));
  }
}

/** The author edits a creation's text and tags; the text before is kept as a revision. */
export async function editCreation(db: Executor, actor: Actor, id: number, input: { title: string; body: string; tags?: string | readonly string[] }, now = new Date()): Promise<void> {
  const title = requireText("title", input.title, CREATION_TITLE_MAX);
  const body = requireText("body", input.body, CREATION_MAX);
  await inTransaction(db, async (tx) => {
    const row = await tx.selectFrom("creations").select(["id", "author_id", "title", "body"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) throw notFound("creation_not_found", "community.errors.creationNotFound");
    if (row.author_id !== actor.id) throw forbidden("not_author", "community.errors.notAuthor");
    await keepRevision(tx, { subjectType: "creation", subjectId: id, editorId: actor.id, title: row.title, body: row.body }, now);
    await tx.updateTable("creations").set({ title, body, tags: normalizeTags(input.tags ?? []), updated_at: now }).where("id", "=", id).execute();
    await indexCreation(tx, id, now);
  });
}

async function visibleCreation(db: Executor, actor: Actor | null, id: number) {
  const row = await db.selectFrom("creations").select(["id", "author_id", "hidden_at"]).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("creation_not_found", "community.errors.creationNotFound");
  if (row.hidden_at !== null && actor?.id !== row.author_id && !can(actor, "creations.feature")) throw notFound("creation_not_found", "community.errors.creationNotFound");
  return row;
}

/** Likes a creation (idempotent); returns the like count. */
export async function likeCreation(db: Executor, actor: Actor, id: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const creation = await visibleCreation(tx, actor, id);
    const added = await tx.insertInto("creation_likes").values({ creation_id: id, member_id: actor.id, created_at: now }).onConflict((oc) => oc.doNothing()).returning("creation_id").executeTakeFirst();
    if (!added) return (await tx.selectFrom("creations").select("like_count").where("id", "=", id).executeTakeFirstOrThrow()).like_count;
    await recordActivity(tx, { actorId: actor.id, type: "creation.liked", subjectType: "creation", subjectId: id, targetId: creation.author_id, occurredAt: now });
    return (await tx.updateTable("creations").set({ like_count: sql`like_count + 1` }).where("id", "=", id).returning("like_count").executeTakeFirstOrThrow()).like_count;
  });
}

/** Takes a like back (idempotent); returns the like count. */
export async function unlikeCreation(db: Executor, actor: Actor, id: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    await visibleCreation(tx, actor, id);
    const removed = await tx.deleteFrom("creation_likes").where("creation_id", "=", id).where("member_id", "=", actor.id).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return (await tx.selectFrom("creations").select("like_count").where("id", "=", id).executeTakeFirstOrThrow()).like_count;
    await retractActivity(tx, { actorId: actor.id, type: "creation.liked", subjectType: "creation", subjectId: id });
    return (await tx.updateTable("creations").set({ like_count: sql`like_count - 1` }).where("id", "=", id).returning("like_count").executeTakeFirstOrThrow()).like_count;
  });
}

/** "I made this too" (idempotent; not on one's own creation); returns the count. */
export async function madeThisToo(db: Executor, actor: Actor, id: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const creation = await visibleCreation(tx, actor, id);
    if (creation.author_id === actor.id) throw forbidden("own_creation", "community.errors.ownCreation");
    const added = await tx.insertInto("creation_made_too").values({ creation_id: id, member_id: actor.id, created_at: now }).onConflict((oc) => oc.doNothing()).returning("creation_id").executeTakeFirst();
    const change = added ? sql<number>`made_too_count + 1` : sql<number>`made_too_count`;
    return (await tx.updateTable("creations").set({ made_too_count: change }).where("id", "=", id).returning("made_too_count").executeTakeFirstOrThrow()).made_too_count;
  });
}

/** Staff feature a creation in the gallery (or stop featuring it); audited. */
export async function featureCreation(db: Executor, actor: Actor, id: number, featured: boolean, context: { ip?: string } = {}, now = new Date()): Promise<void> {
  authorize(actor, "creations.feature");
  await inTransaction(db, async (tx) => {
    const updated = await tx.updateTable("creations").set({ featured_at: featured ? now : null, featured_by: featured ? actor.id : null }).where("id", "=", id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("creation_not_found", "community.errors.creationNotFound");
    await recordAudit(tx, { actorId: actor.id, action: featured ? "creations.feature" : "creations.unfeature", subjectType: "creation", subjectId: id, ip: context.ip ?? null });
  });
}

/** Adds a creation to one of the member's collections, making the collection when given a new name. */
export async function collectCreation(db: Executor, actor: Actor, id: number, target: { collectionId?: number; name?: string }, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    await visibleCreation(tx, actor, id);
    let collectionId = target.collectionId;
    if (collectionId !== undefined) {
      const owned = await tx.selectFrom("collections").select("id").where("id", "=", collectionId).where("owner_id", "=", actor.id).executeTakeFirst();
      if (!owned) throw notFound("collection_not_found", "community.errors.collectionNotFound");
    } else {
      const name = requireText("name", target.name ?? "", COLLECTION_NAME_MAX);
      collectionId = (await tx.insertInto("collections").values({ owner_id: actor.id, name, created_at: now }).returning("id").executeTakeFirstOrThrow()).id;
    }
    await tx.insertInto("collection_items").values({ collection_id: collectionId, creation_id: id, added_at: now }).onConflict((oc) => oc.doNothing()).execute();
    return collectionId;
  });
}

/** Hides or shows a creation (moderation), keeping the index true. */
export async function setCreationHidden(db: Executor, id: number, hidden: boolean, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.updateTable("creations").set({ hidden_at: hidden ? now : null }).where("id", "=", id).execute();
    await indexCreation(tx, id, now);
  });
}

