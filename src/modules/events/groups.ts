/**
 * Local groups: staff create them and appoint organisers; organisers edit their group (name, city,
 * description per language) and add or remove co-organisers; members join and leave. Every change
 * by organisers or staff is audited. A group keeps at least one organiser.
 */
import { recordAudit } from "../../platform/audit/index.ts";
import { authorize, can, type Actor } from "../../platform/auth/permissions.ts";
import { normalizeEmail } from "../../platform/auth/accounts.ts";
import { inTransaction, type Executor, type Tx } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.ts";
import { GROUP_SLUG, mayRemoveOrganiser } from "./rules.ts";
import type { Meta } from "./service.ts";

export interface GroupDetails {
  name: string;
  city: string;
  /** Description per language; empty ones are dropped. */
  descriptions: Record<string, string>;
}

function cleanDetails(details: GroupDetails) {
  const fields: Record<string, { key: string }> = {};
  const name = details.name.trim();
  const city = details.city.trim();
  if (name === "") fields.name = { key: "errors.field.required" };
  if (city === "") fields.city = { key: "errors.field.required" };
  if (Object.keys(fields).length > 0) throw invalid("validation_failed", "errors.validation", fields);
  const descriptions = Object.fromEntries(Object.entries(details.descriptions).map(([locale, text]) => [locale, text.trim()]).filter(([, text]) => text !== ""));
  return { name, city, descriptions: JSON.stringify(descriptions) };
}

async function lockGroup(tx: Tx, groupId: number) {
  const group = await tx.selectFrom("event_groups").select(["id", "slug"]).where("id", "=", groupId).forUpdate().executeTakeFirst();
  if (!group) throw notFound("group_not_found", "events.errors.groupNotFound");
  return group;
}

/** True for the group's organisers and for staff who manage events. */
export async function canManageGroup(db: Executor, actor: Actor | null, groupId: number): Promise<boolean> {
  if (!actor) return false;
  if (can(actor, "events.manage")) return true;
  const row = await db.selectFrom("event_group_members").select("role").where("group_id", "=", groupId).where("account_id", "=", actor.id).executeTakeFirst();
  return row?.role === "organiser";
}

async function assertManages(tx: Tx, actor: Actor, groupId: number): Promise<void> {
  if (!(await canManageGroup(tx, actor, groupId))) throw forbidden("not_group_organiser", "events.errors.notGroupOrganiser");
}

async function accountByEmail(tx: Tx, email: string): Promise<number> {
  const row = await tx.selectFrom("accounts").select("id").where("email", "=", normalizeEmail(email)).where("deleted_at", "is", null).executeTakeFirst();
  if (!row) throw invalid("unknown_member", "events.errors.unknownMember", { email: { key: "events.errors.unknownMember" } });
  return row.id;
}

async function groupMember(tx: Tx, groupId: number, accountId: number): Promise<number> {
  const row = await tx.selectFrom("event_group_members").select("account_id").where("group_id", "=", groupId).where("account_id", "=", accountId).executeTakeFirst();
  if (!row) throw notFound("member_not_found");
  return row.account_id;
}

/** Staff create a group with its first organiser (named by email). */
export async function createGroup(db: Executor, actor: Actor, input: GroupDetails & { slug: string; organiserEmail: string }, meta: Meta = {}, now = new Date()): Promise<{ id: number; slug: string }> {
  authorize(actor, "events.manage");
  const slug = input.slug.trim().toLowerCase();
  if (!GROUP_SLUG.test(slug)) throw invalid("invalid_slug", "events.errors.slug", { slug: { key: "events.errors.slug" } });
  const details = cleanDetails(input);
  return inTransaction(db, async (tx) => {
    const organiserId = await accountByEmail(tx, input.organiserEmail);
    const taken = await tx.selectFrom("event_groups").select("id").where("slug", "=", slug).executeTakeFirst();
    if (taken) throw invalid("slug_taken", "events.errors.slugTaken", { slug: { key: "events.errors.slugTaken" } });
    const group = await tx.insertInto("event_groups").values({ slug, ...details, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("event_group_members").values({ group_id: group.id, account_id: organiserId, role: "organiser", joined_at: now }).execute();
    await recordAudit(tx, { actorId: actor.id, action: "events.group.create", subjectType: "event_group", subjectId: group.id, details: { slug, organiserId }, ip: meta.ip ?? null });
    return { id: group.id, slug };
  });
}

/** Organisers (or staff) change the group's name, city and descriptions. */
export async function editGroup(db: Executor, actor: Actor, groupId: number, input: GroupDetails, meta: Meta = {}): Promise<void> {
  const details = cleanDetails(input);
  await inTransaction(db, async (tx) => {
    await lockGroup(tx, groupId);
    await assertManages(tx, actor, groupId);
    await tx.updateTable("event_groups").set(details).where("id", "=", groupId).execute();
    await recordAudit(tx, { actorId: actor.id, action: "events.group.edit", subjectType: "event_group", subjectId: groupId, details: { name: details.name, city: details.city }, ip: meta.ip ?? null });
  });
}

/** Who to appoint: any member by email, or one of the group's members by id. */
export type Appointee = { email: string } | { memberId: number };

/** Organisers (or staff) make a member a co-organiser; someone named by email joins the group if they had not. */
export async function appointOrganiser(db: Executor, actor: Actor, groupId: number, who: Appointee, meta: Meta = {}, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    await lockGroup(tx, groupId);
    await assertManages(tx, actor, groupId);
    const accountId = "email" in who ? await accountByEmail(tx, who.email) : await groupMember(tx, groupId, who.memberId);
    await tx
      .insertInto("event_group_members")
      .values({ group_id: groupId, account_id: accountId, role: "organiser", joined_at: now })
      .onConflict((oc) => oc.columns(["group_id", "account_id"]).doUpdateSet({ role: "organiser" }))
      .execute();
    await recordAudit(tx, { actorId: actor.id, action: "events.group.appoint", subjectType: "event_group", subjectId: groupId, details: { accountId }, ip: meta.ip ?? null });
    return accountId;
  });
}

async function organiserCount(tx: Tx, groupId: number): Promise<number> {
  const row = await tx.selectFrom("event_group_members").select((eb) => eb.fn.countAll<number>().as("count")).where("group_id", "=", groupId).where("role", "=", "organiser").executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Organisers (or staff) make a co-organiser an ordinary member again; never the last organiser. */
export async function removeOrganiser(db: Executor, actor: Actor, groupId: number, accountId: number, meta: Meta = {}): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockGroup(tx, groupId);
    await assertManages(tx, actor, groupId);
    const row = await tx.selectFrom("event_group_members").select("role").where("group_id", "=", groupId).where("account_id", "=", accountId).executeTakeFirst();
    if (row?.role !== "organiser") throw notFound("organiser_not_found", "events.errors.organiserNotFound");
    if (!mayRemoveOrganiser(await organiserCount(tx, groupId))) throw conflict("last_organiser", "events.errors.lastOrganiser");
    await tx.updateTable("event_group_members").set({ role: "member" }).where("group_id", "=", groupId).where("account_id", "=", accountId).execute();
    await recordAudit(tx, { actorId: actor.id, action: "events.group.remove_organiser", subjectType: "event_group", subjectId: groupId, details: { accountId }, ip: meta.ip ?? null });
  });
}

/** A member joins (idempotent); answers the group's member count after it. */
export async function joinGroup(db: Executor, actor: Actor, groupId: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    await lockGroup(tx, groupId);
    await tx.insertInto("event_group_members").values({ group_id: groupId, account_id: actor.id, joined_at: now }).onConflict((oc) => oc.columns(["group_id", "account_id"]).doNothing()).execute();
    return memberCount(tx, groupId);
  });
}

/** A member leaves (idempotent); the last organiser must hand over first. Answers the member count after it. */
export async function leaveGroup(db: Executor, actor: Actor, groupId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    await lockGroup(tx, groupId);
    const row = await tx.selectFrom("event_group_members").select("role").where("group_id", "=", groupId).where("account_id", "=", actor.id).executeTakeFirst();
    if (row?.role === "organiser" && !mayRemoveOrganiser(await organiserCount(tx, groupId))) throw conflict("last_organiser", "events.errors.lastOrganiser");
    if (row) await tx.deleteFrom("event_group_members").where("group_id", "=", groupId).where("account_id", "=", actor.id).execute();
    return memberCount(tx, groupId);
  });
}

// ---- reading groups (pages and API) -------------------------------------------------------------

/** One group by id or address, or a 404. */
export async function findGroup(db: Executor, by: { id: number } | { slug: string }) {
  const query = db.selectFrom("event_groups").select(["id", "slug", "name", "city", "descriptions"]);
  const group = await ("id" in by ? query.where("id", "=", by.id) : query.where("slug", "=", by.slug)).executeTakeFirst();
  if (!group) throw notFound("group_not_found", "events.errors.groupNotFound");
  return group;
}

export async function memberCount(db: Executor, groupId: number): Promise<number> {
  const row = await db.selectFrom("event_group_members").select((eb) => eb.fn.countAll<number>().as("count")).where("group_id", "=", groupId).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Who is in a group: how many members, its organisers by name, and whether the viewer is one of the members. */
export async function groupPeople(db: Executor, groupId: number, viewerId: number | null): Promise<{ members: number; organisers: Array<{ id: number; name: string }>; isMember: boolean }> {
  const organisers = await db
    .selectFrom("event_group_members")
    .innerJoin("accounts", "accounts.id", "event_group_members.account_id")
    .select(["accounts.id", "accounts.name"])
    .where("event_group_members.group_id", "=", groupId)
    .where("event_group_members.role", "=", "organiser")
    .orderBy("accounts.name")
    .orderBy("accounts.id")
    .execute();
  const mine = viewerId === null ? undefined : await db.selectFrom("event_group_members").select("account_id").where("group_id", "=", groupId).where("account_id", "=", viewerId).executeTakeFirst();
  return { members: await memberCount(db, groupId), organisers, isMember: mine !== undefined };
}

/** Where a page of groups starts: after this (city, id). */
export interface GroupsAfter {
  city: string;
  id: number;
}

/** Groups by city (then id) with their member counts; a page of `limit` after `after`, or all. */
export async function listGroups(db: Executor, page: { after?: GroupsAfter | undefined; limit?: number | undefined } = {}) {
  let query = db
    .selectFrom("event_groups")
    .leftJoin("event_group_members", "event_group_members.group_id", "event_groups.id")
    .select((eb) => ["event_groups.id", "event_groups.slug", "event_groups.name", "event_groups.city", eb.fn.count<number>("event_group_members.account_id").as("members")])
    .groupBy(["event_groups.id", "event_groups.slug", "event_groups.name", "event_groups.city"])
    .orderBy("event_groups.city")
    .orderBy("event_groups.id");
  const after = page.after;
  if (after) query = query.where((eb) => eb.or([eb("event_groups.city", ">", after.city), eb.and([eb("event_groups.city", "=", after.city), eb("event_groups.id", ">", after.id)])]));
  if (page.limit !== undefined) query = query.limit(page.limit);
  return (await query.execute()).map((group) => ({ ...group, members: Number(group.members) }));
}
