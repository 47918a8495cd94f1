/**
 * Member-uploaded images: decoded with sharp (so a file that only claims to be an image is refused),
 * turned upright, re-encoded as WebP without metadata (EXIF, GPS and camera data are stripped),
 * bounded in size, and saved with a thumbnail under the data directory.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Metadata } from "sharp";
import { invalid } from "../errors.ts";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_INPUT_PIXELS = 40_000_000;
const FULL_WIDTH = 1600;
const THUMB_WIDTH = 480;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif"]);

export interface SavedImage {
  fileName: string;
  width: number;
  height: number;
  bytes: number;
}

/** The folder where uploads of a kind live, e.g. `<data>/uploads/ideas/12`. */
export function uploadDir(dataDir: string, ...segments: string[]): string {
  return join(dataDir, "uploads", ...segments);
}

/** Validates and stores one image; `field` names the form field for the error message. */
export async function saveImage(folder: string, input: Buffer, field: string): Promise<SavedImage> {
  if (input.length > MAX_IMAGE_BYTES) {
    throw invalid("image_too_large", "uploads.errors.tooLarge", { [field]: { key: "uploads.errors.tooLarge", params: { megabytes: MAX_IMAGE_BYTES / 1024 / 1024 } } });
  }
  // sharp (and the image library it loads) is brought in with the first upload, not at start-up: it is large.
  const { default: sharp } = await import("sharp");
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw invalid("not_an_image", "uploads.errors.notImage", { [field]: { key: "uploads.errors.notImage" } });
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) {
    throw invalid("not_an_image", "uploads.errors.notImage", { [field]: { key: "uploads.errors.notImage" } });
  }
  const base = randomBytes(12).toString("base64url");
  await mkdir(folder, { recursive: true });
  try {
    const full = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: FULL_WIDTH, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    const thumb = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    await writeFile(join(folder, `${base}.webp`), full.data);
    await writeFile(join(folder, `${base}.thumb.webp`), thumb);
    return { fileName: `${base}.webp`, width: full.info.width, height: full.info.height, bytes: full.data.length };
  } catch {
    throw invalid("not_an_image", "uploads.errors.notImage", { [field]: { key: "uploads.errors.notImage" } });
  }
}

/** Deletes stored images and their thumbnails (when a batch they belonged to was refused). */
export async function removeImages(folder: string, images: readonly SavedImage[]): Promise<void> {
  for (const image of images) {
    await rm(join(folder, image.fileName), { force: true });
    await rm(join(folder, image.fileName.replace(/\.webp$/, ".thumb.webp")), { force: true });
  }
}
