/**
 * A member's photo: stored like every upload (decoded, EXIF stripped, re-encoded by
 * platform/uploads/images.ts) under uploads/avatars/<account id>/, one at a time; the profile shows
 * its thumbnail, or the name's initial when there is none.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Executor } from "../../platform/db/index.ts";
import { saveImage, uploadDir } from "../../platform/uploads/images.ts";

function folderOf(dataDir: string, accountId: number): string {
  return uploadDir(dataDir, "avatars", String(accountId));
}

async function removeFile(folder: string, fileName: string): Promise<void> {
  await rm(join(folder, fileName), { force: true });
  await rm(join(folder, fileName.replace(/\.webp$/, ".thumb.webp")), { force: true });
}

/** Where the photo's thumbnail is served, or null for none. */
export function avatarUrl(accountId: number, fileName: string | null | undefined): string | null {
  return fileName ? `/uploads/avatars/${accountId}/${fileName.replace(/\.webp$/, ".thumb.webp")}` : null;
}

/** Stores a new photo for the member and removes the one it replaces; a file that is not an image is refused with a field error. */
export async function setAvatar(db: Executor, dataDir: string, accountId: number, file: Buffer, now = new Date()): Promise<void> {
  const folder = folderOf(dataDir, accountId);
  const saved = await saveImage(folder, file, "avatar");
  const previous = await db.selectFrom("member_profiles").select("avatar").where("account_id", "=", accountId).executeTakeFirst();
  await db
    .insertInto("member_profiles")
    .values({ account_id: accountId, avatar: saved.fileName, updated_at: now })
    .onConflict((oc) => oc.column("account_id").doUpdateSet({ avatar: saved.fileName, updated_at: now }))
    .execute();
  if (previous?.avatar) await removeFile(folder, previous.avatar);
}

/** Goes back to the initial: the photo's files are removed. */
export async function removeAvatar(db: Executor, dataDir: string, accountId: number, now = new Date()): Promise<void> {
  const previous = await db.selectFrom("member_profiles").select("avatar").where("account_id", "=", accountId).executeTakeFirst();
  if (!previous?.avatar) return;
  await db.updateTable("member_profiles").set({ avatar: null, updated_at: now }).where("account_id", "=", accountId).execute();
  await removeFile(folderOf(dataDir, accountId), previous.avatar);
}

/** Every photo file of a deleted account. */
export async function removeAvatarFiles(dataDir: string, accountId: number): Promise<void> {
  await rm(folderOf(dataDir, accountId), { recursive: true, force: true });
}
