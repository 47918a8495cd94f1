/** Test fixtures of the community: established members, staff, a product, a category. */
import type { TestApp } from "../../../../test/helpers/app.ts";
import { createAccount, grantRole } from "../../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../../platform/auth/permissions.ts";

let serial = 0;
const MONTH = 30 * 86_400_000;

/** A verified member who joined a month ago (past the new-account limits), with the given roles. */
export async function communityMember(t: TestApp, options: { roles?: Role[]; name?: string } = {}): Promise<Actor> {
  serial += 1;
  const createdAt = new Date(Date.now() - MONTH);
  const name = options.name ?? `Member ${serial}`;
  const email = `community${serial}-${Date.now()}@example.test`;
  const id = await createAccount(t.app.hearth.db, { email, name, verified: true, createdAt });
  for (const role of options.roles ?? []) await grantRole(t.app.hearth.db, id, role);
  return { id, email, name, emailVerified: true, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...(options.roles ?? []).map((role) => ({ role, scope: "*" }))] };
}

export async function aProduct(t: TestApp, name = "Trail bottle"): Promise<number> {
  const row = await t.app.hearth.db.insertInto("products").values({ names: JSON.stringify({ en: name, fa: "قمقمه", he: "בקבוק" }) }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function aCategory(t: TestApp, slug = "general"): Promise<number> {
  const names = JSON.stringify({ en: "General", fa: "عمومی", he: "כללי" });
  const row = await t.app.hearth.db.insertInto("discussion_categories").values({ slug, names }).onConflict((oc) => oc.column("slug").doUpdateSet({ names })).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A small GPX track with the given name (already escaped as XML text). */
export function gpxTrack(name: string, points: Array<[number, number]> = [[48.8, 9.1], [48.81, 9.12], [48.83, 9.15], [48.85, 9.13]]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test"><metadata><name>${name}</name></metadata><trk><trkseg>${points.map(([lat, lon]) => `<trkpt lat="${lat}" lon="${lon}"/>`).join("")}</trkseg></trk></gpx>`;
}

