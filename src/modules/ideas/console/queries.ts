/** What the staff pages of the ideas module read: the moderation and review queues, merge candidates, and usage of categories and statuses. */
import { sql } from "kysely";
import { fetchPage, likeEscape } from "../../../platform/console/index.ts";
import type { Executor } from "../../../platform/db/index.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import { similarIdeas } from "../store.ts";
import type { Taxonomy, Tone } from "./taxonomy.ts";

/** Ideas per page of the moderation and review queues (each is a large block with its own form). */
export const QUEUE_PAGE_SIZE = 20;

/** Submitted ideas waiting for a moderator, oldest first. */
export async function moderationQueue(db: Executor, page: number) {
  return fetchPage(
    page,
    (limit, offset) =>
      db
        .selectFrom("ideas")
        .innerJoin("accounts", "accounts.id", "ideas.creator_id")
        .select([
          "ideas.id",
          "ideas.title",
          "ideas.body",
          "ideas.language",
          "ideas.category_id",
          "ideas.submitted_at",
          "ideas.created_at",
          "ideas.resubmission_of",
          "ideas.moderation_note",
          "ideas.creator_id",
          "accounts.name as creator_name",
        ])
        .where("ideas.state", "=", "in_moderation")
        .orderBy("ideas.submitted_at", (ob) => ob.asc().nullsFirst())
        .orderBy("ideas.id")
        .limit(limit)
        .offset(offset)
        .execute(),
    QUEUE_PAGE_SIZE,
  );
}

/** How many ideas are in a state (the size of a queue). */
export async function countInState(db: Executor, states: Array<"in_moderation" | "in_review" | "on_hold">): Promise<number> {
  const row = await db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("count")).where("state", "in", states).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export type ModerationRow = Awaited<ReturnType<typeof moderationQueue>>["rows"][number];

/** The images of several ideas in one query, by idea id, each list in display order. */
export async function imagesByIdea(db: Executor, ideaIds: number[]) {
  const byIdea = new Map<number, Array<{ file_name: string; width: number; height: number; alt: string }>>();
  if (ideaIds.length === 0) return byIdea;
  const rows = await db
    .selectFrom("idea_images")
    .select(["idea_id", "file_name", "width", "height", "alt"])
    .where("idea_id", "in", ideaIds)
    .orderBy("idea_id")
    .orderBy("position")
    .execute();
  for (const row of rows) {
    const list = byIdea.get(row.idea_id) ?? [];
    list.push(row);
    byIdea.set(row.idea_id, list);
  }
  return byIdea;
}

/** Ideas waiting for a review decision (in review or on hold), by review period, then in the order they qualified. */
export async function reviewQueue(db: Executor, page: number) {
  return fetchPage(
    page,
    (limit, offset) =>
      db
        .selectFrom("ideas")
        .innerJoin("accounts", "accounts.id", "ideas.creator_id")
        .select([
          "ideas.id",
          "ideas.title",
          "ideas.language",
          "ideas.state",
          "ideas.category_id",
          "ideas.verified_supporters",
          "ideas.pending_supporters",
          "ideas.review_period",
          "ideas.qualified_at",
          "ideas.decision_public_note",
          "ideas.decision_private_note",
          "ideas.creator_id",
          "accounts.name as creator_name",
        ])
        .where("ideas.state", "in", ["in_review", "on_hold"])
        .orderBy("ideas.review_period", (ob) => ob.asc().nullsLast())
        .orderBy("ideas.qualified_at", (ob) => ob.asc().nullsLast())
        .orderBy("ideas.id")
        .limit(limit)
        .offset(offset)
        .execute(),
    QUEUE_PAGE_SIZE,
  );
}

export type ReviewRow = Awaited<ReturnType<typeof reviewQueue>>["rows"][number];

/** The latest approvals and refusals, with the product an approval created. */
export async function recentDecisions(db: Executor, limit = 10) {
  return db
    .selectFrom("ideas")
    .leftJoin("accounts", "accounts.id", "ideas.decided_by")
    .select(["ideas.id", "ideas.title", "ideas.language", "ideas.state", "ideas.decided_at", "ideas.product_id", "accounts.name as decided_by_name"])
    .where("ideas.state", "in", ["approved", "not_approved"])
    .where("ideas.decided_at", "is not", null)
    .orderBy("ideas.decided_at", "desc")
    .orderBy("ideas.id", "desc")
    .limit(limit)
    .execute();
}

export type DecisionRow = Awaited<ReturnType<typeof recentDecisions>>[number];

/** One idea as the merge and review pages show it, or undefined. */
export async function ideaSummary(db: Executor, id: number) {
  return db
    .selectFrom("ideas")
    .innerJoin("accounts", "accounts.id", "ideas.creator_id")
    .select(["ideas.id", "ideas.title", "ideas.state", "ideas.language", "ideas.verified_supporters", "ideas.pending_supporters", "ideas.merged_into", "ideas.product_id", "accounts.name as creator_name"])
    .where("ideas.id", "=", id)
    .executeTakeFirst();
}

export type IdeaSummary = NonNullable<Awaited<ReturnType<typeof ideaSummary>>>;

const MERGEABLE = ["in_moderation", "open", "expired", "in_review", "on_hold", "approved", "not_approved"] as const;

/**
 * Ideas that could be merged, for the merge page's search: "#12" or "12" finds that idea; words
 * match the normalised title and text literally, then by trigram similarity (so a differently
 * spelled Persian or Hebrew title is still found).
 */
export async function searchIdeas(db: Executor, query: string, limit = 20): Promise<IdeaSummary[]> {
  const text = query.trim();
  const byId = /^#?(\d{1,15})$/.exec(text);
  if (byId?.[1]) {
    const found = await ideaSummary(db, Number(byId[1]));
    return found ? [found] : [];
  }
  const needle = normalizeText(text);
  if (needle === "") return [];
  const literal = await db
    .selectFrom("ideas")
    .innerJoin("accounts", "accounts.id", "ideas.creator_id")
    .select(["ideas.id", "ideas.title", "ideas.state", "ideas.language", "ideas.verified_supporters", "ideas.pending_supporters", "ideas.merged_into", "ideas.product_id", "accounts.name as creator_name"])
    .where("ideas.state", "in", MERGEABLE)
    .where(sql<boolean>`ideas.search_text ilike ${`%${likeEscape(needle)}%`}`)
    .orderBy("ideas.verified_supporters", "desc")
    .orderBy("ideas.id")
    .limit(limit)
    .execute();
  const seen = new Set(literal.map((row) => row.id));
  const similar = (await similarIdeas(db, text, limit)).filter((row) => !seen.has(row.id));
  const extra = await Promise.all(similar.map((row) => ideaSummary(db, row.id)));
  return [...literal, ...extra.filter((row): row is IdeaSummary => row !== undefined)].slice(0, limit);
}

/** How many members support both ideas (they will count once after a merge). */
export async function sharedSupporters(db: Executor, firstId: number, secondId: number): Promise<number> {
  const row = await db
    .selectFrom("idea_supports as a")
    .innerJoin("idea_supports as b", "b.member_id", "a.member_id")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("a.idea_id", "=", firstId)
    .where("b.idea_id", "=", secondId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** A category or a display status as its settings pages show it (categories have no tone). */
export interface TermRow {
  id: number;
  slug: string;
  names: Record<string, string>;
  position: number;
  tone: Tone | null;
}

/** The categories or the display statuses, in their order. */
export async function listTerms(db: Executor, taxonomy: Taxonomy): Promise<TermRow[]> {
  if (taxonomy === "statuses") {
    return db.selectFrom("idea_statuses").select(["id", "slug", "names", "position", "tone"]).orderBy("position").orderBy("id").execute();
  }
  const rows = await db.selectFrom("idea_categories").select(["id", "slug", "names", "position"]).orderBy("position").orderBy("id").execute();
  return rows.map((row) => ({ ...row, tone: null }));
}

/** How many ideas use each category or status, by its id. */
export async function termUsage(db: Executor, taxonomy: Taxonomy): Promise<Map<number, number>> {
  const column = taxonomy === "categories" ? "category_id" : "status_id";
  const rows = await db
    .selectFrom("ideas")
    .select([column, (eb) => eb.fn.countAll<number>().as("count")])
    .where(column, "is not", null)
    .groupBy(column)
    .execute();
  return new Map(rows.map((row) => [Number(row[column]), Number(row.count)]));
}
