/**
 * Photos of the demo's past events, drawn with sharp: a warm room with a table and people around it,
 * in a colour of its own per event. A job draws them after the demo loads (image files live in the
 * data directory, outside the demo's transaction), through the same checks as uploaded photos.
 */
import { defineJob } from "../../platform/jobs/index.ts";
import { saveImage, type SavedImage } from "../../platform/uploads/images.ts";
import { photoFolder } from "./after.ts";

export const DEMO_PHOTOS_JOB = "events.demo_photos";

const WIDTH = 960;
const HEIGHT = 640;

/** One picture: `hue` picks the room's colour, `variant` moves the people around. */
async function drawPhoto(hue: number, variant: number): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  const people = Array.from({ length: 6 + (variant % 4) }, (_, index) => {
    const x = 120 + ((index * 137 + variant * 53) % 720);
    const y = 300 + ((index * 71 + variant * 29) % 160);
    const shade = (hue + index * 40) % 360;
    return `<circle cx="${x}" cy="${y}" r="34" fill="hsl(${shade},45%,70%)"/><rect x="${x - 42}" y="${y + 36}" width="84" height="130" rx="30" fill="hsl(${shade},50%,45%)"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="100%" height="100%" fill="hsl(${hue},35%,88%)"/>
    <rect y="${HEIGHT * 0.62}" width="100%" height="${HEIGHT * 0.38}" fill="hsl(${hue},25%,60%)"/>
    <rect x="${WIDTH * 0.3}" y="${HEIGHT * 0.55}" width="${WIDTH * 0.4}" height="40" rx="8" fill="hsl(${(hue + 30) % 360},30%,35%)"/>
    ${people}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

defineJob(DEMO_PHOTOS_JOB, async (payload, { hearth }) => {
  const eventId = Number(payload.eventId);
  const uploaderIds = Array.isArray(payload.uploaderIds) ? payload.uploaderIds.map(Number) : [];
  const hue = Number(payload.hue ?? 20);
  // Run again after a failure, the job starts over only for an event that has no photos yet.
  const existing = await hearth.db.selectFrom("event_photos").select("id").where("event_id", "=", eventId).executeTakeFirst();
  if (existing) return;
  const folder = photoFolder(hearth.config.dataDir, eventId);
  const saved: Array<SavedImage & { uploaderId: number }> = [];
  for (const [index, uploaderId] of uploaderIds.entries()) saved.push({ ...(await saveImage(folder, await drawPhoto(hue, eventId + index), "photos")), uploaderId });
  if (saved.length === 0) return;
  await hearth.db
    .insertInto("event_photos")
    .values(saved.map((image) => ({ event_id: eventId, uploader_id: image.uploaderId, file_name: image.fileName, width: image.width, height: image.height, bytes: image.bytes })))
    .execute();
});
