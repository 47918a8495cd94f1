/** Reading and writing badges: the list with holder counts, one badge, its recent holders, a member's badges, and the console's edits. */
import { sql } from "kysely";
import type { Executor } from "../../../platform/db/index.ts";
import { DEFAULT_LOCALE, type Locale } from "../../../platform/i18n/index.ts";
import type { BadgeIcon, BadgeKind, BadgeRule } from "./rules.ts";
import type { PerLanguage } from "./tables.ts";

export interface BadgeRow {
  id: number;
  slug: string;
  names: PerLanguage;
  descriptions: PerLanguage;
  icon: BadgeIcon;
  kind: BadgeKind;
  rule: BadgeRule | null;
  position: number;
}

export interface BadgeWithHolders extends BadgeRow {
  holders: number;
}

const BADGE_COLUMNS = ["b.id", "b.slug", "b.names", "b.descriptions", "b.icon", "b.kind", "b.rule", "b.position"] as const;

/** The text in the reader's language, else English. */
export function inLanguage(texts: PerLanguage, locale: Locale): string {
  return texts[locale] || texts[DEFAULT_LOCALE] || "";
}

/** Every badge with how many current members hold it, in the team's order. */
export async function listBadges(db: Executor): Promise<BadgeWithHolders[]> {
  const counts = await holderCounts(db);
  const rows = await db.selectFrom("badges as b").select(BADGE_COLUMNS).orderBy("b.position").orderBy("b.id").execute();
  return rows.map((row) => ({ ...row, holders: counts.get(row.id) ?? 0 }));
}

interface Counts {
  at: number;
  holders: Map<number, number>;
  active: number;
}
/** Holder counts and the active members change slowly (the award job runs hourly): each process reads them at most once a minute. */
const COUNTS_TTL_MS = 60_000;
const countsCache = new WeakMap<object, Counts>();

async function counts(db: Executor): Promise<Counts> {
  const cached = countsCache.get(db);
  if (cached && Date.now() - cached.at < COUNTS_TTL_MS) return cached;
  const rows = await db
    .selectFrom("member_badges as mb")
    .innerJoin("accounts as a", "a.id", "mb.account_id")
    .where("a.deleted_at", "is", null)
    .select(["mb.badge_id", (e) => e.fn.countAll<number>().as("holders")])
    .groupBy("mb.badge_id")
    .execute();
  const active = await sql<{ n: number }>`
    select count(*)::int as n from member_scores s join accounts a on a.id = s.account_id
    where a.deleted_at is null and coalesce((s.metrics ->> 'recentContributions')::numeric, 0) > 0`.execute(db);
  const fresh = { at: Date.now(), holders: new Map(rows.map((row) => [row.badge_id, Number(row.holders)])), active: Number(active.rows[0]?.n ?? 0) };
  countsCache.set(db, fresh);
  return fresh;
}

/** Forgets the cached counts (after an award or revocation, so staff see their change). */
export function forgetCounts(db: Executor): void {
  countsCache.delete(db);
}

async function holderCounts(db: Executor): Promise<Map<number, number>> {
  return (await counts(db)).holders;
}

export async function findBadge(db: Executor, slug: string): Promise<BadgeWithHolders | undefined> {
  const row = await db.selectFrom("badges as b").select(BADGE_COLUMNS).where("b.slug", "=", slug).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, holders: (await holderCounts(db)).get(row.id) ?? 0 };
}

/**
 * Community members active lately (a contribution in the ladder's recent window, as the members
 * recompute stored it): the base of rarity.
 */
export async function activeMemberCount(db: Executor): Promise<number> {
  return (await counts(db)).active;
}

export interface Holder {
  id: number;
  name: string;
  awarded_at: Date;
  reason: string;
}

/** The latest holders of a badge: for everyone, only members who list themselves in the directory; for staff (`unlisted`), all. */
export async function recentHolders(db: Executor, badgeId: number, limit: number, options: { unlisted?: boolean } = {}): Promise<Holder[]> {
  let query = db
    .selectFrom("member_badges as mb")
    .innerJoin("accounts as a", "a.id", "mb.account_id")
    .leftJoin("member_profiles as p", "p.account_id", "mb.account_id")
    .select(["a.id", "a.name", "mb.awarded_at", "mb.reason"])
    .where("mb.badge_id", "=", badgeId)
    .where("a.deleted_at", "is", null);
  if (!options.unlisted) query = query.where((eb) => eb.or([eb("p.listed", "is", null), eb("p.listed", "=", true)]));
  return query
    .orderBy("mb.awarded_at", "desc")
    .orderBy("a.id")
    .limit(limit)
    .execute();
}

export interface HeldBadge extends BadgeRow {
  awarded_at: Date;
  reason: string;
}

/** The badges a member holds, newest first. */
export async function badgesOf(db: Executor, accountId: number): Promise<HeldBadge[]> {
  return (await db
    .selectFrom("member_badges as mb")
    .innerJoin("badges as b", "b.id", "mb.badge_id")
    .select([...BADGE_COLUMNS, "mb.awarded_at", "mb.reason"])
    .where("mb.account_id", "=", accountId)
    .orderBy("mb.awarded_at", "desc")
    .orderBy("b.position")
    .execute()) as HeldBadge[];
}

/** A badge as staff write it: everything but its id. */
export type BadgeInput = Omit<BadgeRow, "id">;

function columns(input: BadgeInput) {
  return {
    slug: input.slug,
    names: JSON.stringify(input.names),
    descriptions: JSON.stringify(input.descriptions),
    icon: input.icon,
    kind: input.kind,
    rule: input.rule ? JSON.stringify(input.rule) : null,
    position: input.position,
  };
}

/** Adds a badge; undefined when the slug is taken. */
export async function insertBadge(db: Executor, input: BadgeInput, now: Date): Promise<number | undefined> {
  const row = await db
    .insertInto("badges")
    .values({ ...columns(input), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Changes a badge; false when the new slug belongs to another badge. */
export async function updateBadge(db: Executor, id: number, input: BadgeInput, now: Date): Promise<boolean> {
  const taken = await db.selectFrom("badges").select("id").where("slug", "=", input.slug).where("id", "<>", id).executeTakeFirst();
  if (taken) return false;
  await db.updateTable("badges").set({ ...columns(input), updated_at: now }).where("id", "=", id).execute();
  return true;
}
