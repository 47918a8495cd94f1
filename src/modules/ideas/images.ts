/** Images on ideas: at most ten per idea, added by the creator while the idea can be edited. */
import type { Actor } from "../../platform/auth/permissions.ts";
import { inTransaction } from "../../platform/db/index.ts";
import { forbidden, invalid, notFound } from "../../platform/errors.ts";
import type { Hearth } from "../../platform/http/context.ts";
import { removeImages, saveImage, uploadDir, type SavedImage } from "../../platform/uploads/images.ts";
import { canEditIdea } from "./policy.ts";

export const MAX_IMAGES_PER_IDEA = 10;

function tooManyImages() {
  return invalid("too_many_images", "uploads.errors.tooMany", { images: { key: "uploads.errors.tooMany", params: { limit: MAX_IMAGES_PER_IDEA } } }, { limit: MAX_IMAGES_PER_IDEA });
}

/** Validates and stores the images, then records them in order; returns how many were added. */
export async function addIdeaImages(hearth: Hearth, actor: Actor, ideaId: number, files: Buffer[]): Promise<number> {
  const { db, config } = hearth;
  if (files.length === 0) throw invalid("no_images", "uploads.errors.notImage", { images: { key: "uploads.errors.notImage" } });
  const idea = await db.selectFrom("ideas").select(["id", "creator_id", "state"]).where("id", "=", ideaId).executeTakeFirst();
  if (!idea) throw notFound("idea_not_found", "ideas.errors.notFound");
  if (!canEditIdea(actor, idea)) throw forbidden("idea_not_editable", "ideas.errors.notEditable");
  const existing = await db.selectFrom("idea_images").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
  if (Number(existing.count) + files.length > MAX_IMAGES_PER_IDEA) {
    throw tooManyImages();
  }
  // Every file is checked and converted before anything is recorded; if one is refused, none is kept.
  const folder = uploadDir(config.dataDir, "ideas", String(ideaId));
  const saved: SavedImage[] = [];
  try {
    for (const file of files) saved.push(await saveImage(folder, file, "images"));
  } catch (error) {
    await removeImages(folder, saved);
    throw error;
  }
  try {
    await recordImages(db, ideaId, saved);
  } catch (error) {
    await removeImages(folder, saved);
    throw error;
  }
  return saved.length;
}

async function recordImages(db: Hearth["db"], ideaId: number, saved: SavedImage[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    // Counted again under the idea's lock, so two uploads at once cannot pass the limit together.
    await tx.selectFrom("ideas").select("id").where("id", "=", ideaId).forUpdate().executeTakeFirst();
    const current = await tx.selectFrom("idea_images").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "=", ideaId).executeTakeFirstOrThrow();
    const start = Number(current.count);
    if (start + saved.length > MAX_IMAGES_PER_IDEA) {
      throw tooManyImages();
    }
    await tx
      .insertInto("idea_images")
      .values(saved.map((image, index) => ({ idea_id: ideaId, position: start + index, file_name: image.fileName, width: image.width, height: image.height, bytes: image.bytes })))
      .execute();
  });
}
