/** Queries for reading ideas: lists with their sorts and filters, details, similar titles, supporters' survey. */
import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { normalizeText } from "../../platform/search/normalize.ts";
import type { MilestoneRules, IdeaState } from "./rules.ts";

export const SORTS = ["trending", "newest", "closest", "expiring", "in_review", "approved"] as const;
export type IdeaSort = (typeof SORTS)[number];

/** States anyone may see. */
export const PUBLIC_STATES: IdeaState[] = ["open", "expired", "in_review", "approved", "not_approved", "on_hold"];

export interface ListQuery {
  sort: IdeaSort;
  state?: IdeaState | undefined;
  categoryId?: number | undefined;
  language?: string | undefined;
  creatorId?: number | undefined;
  offset: number;
  limit: number;
  now: Date;
}

/** The SQL of the next milestone's deadline for a row of `ideas`, mirroring rules.ts (for sorting and filtering). */
export function deadlineSql(rules: MilestoneRules): RawBuilder<Date | null> {
  const cases = rules.steps.map((step, index) => {
    const start = index === 0 ? sql`ideas.published_at` : sql`ideas.milestones_reached_at[${sql.lit(index)}]`;
    const window = step.unit === "days" ? sql`make_interval(hours => ${sql.lit(step.window * 24)})` : sql`make_interval(months => ${sql.lit(step.window)})`;
    return sql`when ${sql.lit(index)} then ${start} + ${window}`;
  });
  return sql<Date | null>`(case cardinality(ideas.milestones_reached_at) ${sql.join(cases, sql` `)} else null end)`;
}

/** The SQL of the share of the way to the next milestone (0–1), for "closest to the next milestone". */
function progressSql(rules: MilestoneRules): RawBuilder<number> {
  const cases = rules.steps.map((step, index) => {
    const previous = index === 0 ? 0 : (rules.steps[index - 1]?.target ?? 0);
    return sql`when ${sql.lit(index)} then (ideas.verified_supporters - ${sql.lit(previous)})::float / ${sql.lit(step.target - previous)}`;
  });
  return sql<number>`(case cardinality(ideas.milestones_reached_at) ${sql.join(cases, sql` `)} else 1 end)`;
}

export const LIST_COLUMNS = [
  "ideas.id",
  "ideas.creator_id",
  "ideas.title",
  "ideas.body",
  "ideas.language",
  "ideas.category_id",
  "ideas.state",
  "ideas.status_id",
  "ideas.created_at",
  "ideas.published_at",
  "ideas.milestones_reached_at",
  "ideas.verified_supporters",
  "ideas.pending_supporters",
  "ideas.merged_into",
  "ideas.review_period",
  "ideas.decided_at",
  "ideas.decision_public_note",
  "ideas.product_id",
  "ideas.resubmission_of",
  "ideas.moderation_note",
  "accounts.name as creator_name",
] as const;

/** One page of ideas (one more row than asked for tells whether there is a next page). */
export async function listIdeas(db: Executor, rules: MilestoneRules, query: ListQuery) {
  const deadline = deadlineSql(rules);
  let select = db
    .selectFrom("ideas")
    .innerJoin("accounts", "accounts.id", "ideas.creator_id")
    .select(LIST_COLUMNS)
    .$if(query.categoryId !== undefined, (q) => q.where("ideas.category_id", "=", query.categoryId ?? 0))
    .$if(query.language !== undefined, (q) => q.where("ideas.language", "=", (query.language ?? "en") as "en"))
    .$if(query.creatorId !== undefined, (q) => q.where("ideas.creator_id", "=", query.creatorId ?? 0));

  const openNow = sql<boolean>`ideas.state = 'open' and ${deadline} > ${query.now}`;
  if (query.state === "open") select = select.where(openNow);
  else if (query.state === "expired") select = select.where(sql<boolean>`(ideas.state = 'expired' or (ideas.state = 'open' and ${deadline} <= ${query.now}))`);
  else if (query.state !== undefined) select = select.where("ideas.state", "=", query.state);
  else select = select.where("ideas.state", "in", PUBLIC_STATES);

  switch (query.sort) {
    case "trending":
      select = select.where(openNow).orderBy("ideas.recent_supports", "desc").orderBy("ideas.verified_supporters", "desc").orderBy("ideas.id", "desc");
      break;
    case "newest":
      select = select.orderBy("ideas.published_at", (ob) => ob.desc().nullsLast()).orderBy("ideas.id", "desc");
      break;
    case "closest":
      select = select.where(openNow).orderBy(progressSql(rules), "desc").orderBy("ideas.id", "desc");
      break;
    case "expiring":
      select = select.where(openNow).orderBy(deadline, "asc").orderBy("ideas.id", "asc");
      break;
    case "in_review":
      select = select.where("ideas.state", "in", ["in_review", "on_hold"]).orderBy("ideas.review_period", "asc").orderBy("ideas.id", "asc");
      break;
    case "approved":
      select = select.where("ideas.state", "=", "approved").orderBy("ideas.decided_at", "desc").orderBy("ideas.id", "desc");
      break;
  }
  const rows = await select.offset(query.offset).limit(query.limit + 1).execute();
  return { rows: rows.slice(0, query.limit), hasNext: rows.length > query.limit };
}

export type IdeaListRow = Awaited<ReturnType<typeof listIdeas>>["rows"][number];

/** One idea with its creator's name, or undefined. */
export async function findIdea(db: Executor, id: number) {
  return db.selectFrom("ideas").innerJoin("accounts", "accounts.id", "ideas.creator_id").select(LIST_COLUMNS).select(["ideas.body", "ideas.licence_accepted_at"]).where("ideas.id", "=", id).executeTakeFirst();
}

/** Public ideas whose title and text look like the given title (trigram similarity on normalised text). */
export async function similarIdeas(db: Executor, title: string, limit = 5, excludeId?: number) {
  const needle = normalizeText(title);
  if (needle.length < 3) return [];
  return db
    .selectFrom("ideas")
    .select(["id", "title", "state", "verified_supporters", sql<number>`word_similarity(${needle}, search_text)`.as("score")])
    .where("state", "in", PUBLIC_STATES)
    .where(sql<boolean>`${needle} <% search_text`)
    .$if(excludeId !== undefined, (q) => q.where("id", "<>", excludeId ?? 0))
    .orderBy("score", "desc")
    .orderBy("verified_supporters", "desc")
    .limit(limit)
    .execute();
}

/** Categories in display order. */
export async function listCategories(db: Executor) {
  return db.selectFrom("idea_categories").select(["id", "slug", "names"]).orderBy("position").orderBy("id").execute();
}

/** Display statuses in order. */
export async function listStatuses(db: Executor) {
  return db.selectFrom("idea_statuses").select(["id", "slug", "names", "tone"]).orderBy("position").orderBy("id").execute();
}

/** The member's support of an idea, if any. */
export async function supportOf(db: Executor, ideaId: number, memberId: number) {
  return db.selectFrom("idea_supports").select(["status", "created_at"]).where("idea_id", "=", ideaId).where("member_id", "=", memberId).executeTakeFirst();
}

/** Whether the member follows the idea. */
export async function follows(db: Executor, ideaId: number, memberId: number): Promise<boolean> {
  const row = await db.selectFrom("idea_follows").select("idea_id").where("idea_id", "=", ideaId).where("member_id", "=", memberId).executeTakeFirst();
  return row !== undefined;
}

/** The supporters' survey, aggregated for reviewers. */
export async function surveySummary(db: Executor, ideaId: number) {
  const rows = await sql<{ question: string; answer: string; count: number }>`
    select 'wouldBuy' as question, would_buy as answer, count(*)::int as count from idea_supports where idea_id = ${ideaId} and would_buy is not null group by would_buy
    union all
    select 'priceBand', price_band, count(*)::int from idea_supports where idea_id = ${ideaId} and price_band is not null group by price_band
    union all
    select 'quantity', 'total', coalesce(sum(quantity), 0)::int from idea_supports where idea_id = ${ideaId} and quantity is not null`.execute(db);
  return rows.rows;
}

/** Images of an idea in order. */
export async function imagesOf(db: Executor, ideaId: number) {
  return db.selectFrom("idea_images").select(["id", "file_name", "width", "height", "alt", "position"]).where("idea_id", "=", ideaId).orderBy("position").execute();
}

/** Comments and updates of an idea, oldest first. */
export async function discussionOf(db: Executor, ideaId: number) {
  const [comments, updates] = await Promise.all([
    db
      .selectFrom("idea_comments")
      .innerJoin("accounts", "accounts.id", "idea_comments.author_id")
      .select(["idea_comments.id", "idea_comments.body", "idea_comments.created_at", "accounts.name as author_name", "idea_comments.author_id"])
      .where("idea_id", "=", ideaId)
      .where("hidden_at", "is", null)
      .orderBy("idea_comments.created_at")
      .limit(500)
      .execute(),
    db.selectFrom("idea_updates").select(["id", "title", "body", "created_at"]).where("idea_id", "=", ideaId).orderBy("created_at", "desc").execute(),
  ]);
  return { comments, updates };
}
