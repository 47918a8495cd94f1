/** Reading discussions: categories, topic lists, and one topic with its thread, reactions and poll. */
import type { Actor } from "../../../../platform/auth/permissions.ts";
import { can } from "../../../../platform/auth/permissions.ts";
import type { Executor } from "../../../../platform/db/index.ts";
import { notFound } from "../../../../platform/errors.ts";
import { memberHasAbility } from "../../../members/index.ts";
import { pollResults, type OptionResult } from "../rules/polls.ts";
import { buildThread, type Threaded } from "../rules/threads.ts";
import { REACTIONS, type Language, type Reaction } from "../tables.ts";
import "./wiki.ts";

export interface CategoryRow {
  id: number;
  slug: string;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  topics: number;
}

export async function listCategories(db: Executor): Promise<CategoryRow[]> {
  const rows = await db
    .selectFrom("discussion_categories")
    .leftJoin("topics", (join) => join.onRef("topics.category_id", "=", "discussion_categories.id").on("topics.hidden_at", "is", null).on("topics.merged_into", "is", null))
    .select(["discussion_categories.id", "discussion_categories.slug", "discussion_categories.names", "discussion_categories.descriptions", (eb) => eb.fn.count<number>("topics.id").as("topics")])
    .groupBy("discussion_categories.id")
    .orderBy("discussion_categories.position")
    .orderBy("discussion_categories.id")
    .execute();
  return rows.map((row) => ({ ...row, topics: Number(row.topics) }));
}

export async function findCategory(db: Executor, slug: string): Promise<CategoryRow | undefined> {
  return (await listCategories(db)).find((category) => category.slug === slug);
}

export interface TopicListRow {
  id: number;
  title: string;
  language: Language;
  author_name: string;
  category_id: number;
  reply_count: number;
  created_at: Date;
  last_posted_at: Date;
  pinned_at: Date | null;
  locked_at: Date | null;
  closed_at: Date | null;
}

/** Visible topics, pinned first within a category, then by latest activity. */
export async function listTopics(db: Executor, filter: { categoryId?: number; language?: Language }, offset: number, limit: number): Promise<{ rows: TopicListRow[]; hasNext: boolean }> {
  let query = db
    .selectFrom("topics")
    .innerJoin("accounts", "accounts.id", "topics.author_id")
    .select(["topics.id", "topics.title", "topics.language", "accounts.name as author_name", "topics.category_id", "topics.reply_count", "topics.created_at", "topics.last_posted_at", "topics.pinned_at", "topics.locked_at", "topics.closed_at"])
    .where("topics.hidden_at", "is", null)
    .where("topics.merged_into", "is", null);
  if (filter.categoryId !== undefined) query = query.where("topics.category_id", "=", filter.categoryId).orderBy("topics.pinned_at", (ob) => ob.desc().nullsLast());
  if (filter.language !== undefined) query = query.where("topics.language", "=", filter.language);
  const rows = await query.orderBy("topics.last_posted_at", "desc").orderBy("topics.id", "desc").offset(offset).limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
}

export interface PostView {
  id: number;
  author_id: number;
  author_name: string;
  body: string;
  quote: string | null;
  quote_of_id: number | null;
  quote_author: string | null;
  reply_to_id: number | null;
  is_opening: boolean;
  created_at: Date;
  edited_at: Date | null;
  hidden: boolean;
  reactions: Array<{ reaction: Reaction; count: number; mine: boolean }>;
}

export interface PollView {
  id: number;
  question: string;
  multiple: boolean;
  voters: number;
  options: OptionResult[];
  /** The options the viewer chose; null when the viewer has not voted (or is signed out). */
  myChoices: number[] | null;
}

export interface TopicView {
  id: number;
  title: string;
  language: Language;
  category: { id: number; slug: string; names: Record<string, string> };
  author_id: number;
  created_at: Date;
  reply_count: number;
  pinned: boolean;
  locked: boolean;
  closed: boolean;
  hidden: boolean;
  merged_into: number | null;
  /** Staff marked the opening post as a wiki. */
  wiki: boolean;
  /** The viewer may edit the opening post as a wiki (their trust level has `edit_wiki`), not being its author or a moderator. */
  wikiEditor: boolean;
  opening: PostView;
  replies: Array<Threaded<PostView & { replyToId: number | null; createdAt: Date }>>;
  poll: PollView | null;
}

/** A topic as its page shows it; hidden topics and posts only for their author and moderators. */
export async function loadTopic(db: Executor, topicId: number, viewer: Actor | null): Promise<TopicView> {
  const topic = await db
    .selectFrom("topics")
    .innerJoin("discussion_categories as c", "c.id", "topics.category_id")
    .select(["topics.id", "topics.title", "topics.language", "topics.author_id", "topics.created_at", "topics.reply_count", "topics.pinned_at", "topics.locked_at", "topics.closed_at", "topics.hidden_at", "topics.merged_into", "topics.wiki_at", "c.id as category_id", "c.slug", "c.names"])
    .where("topics.id", "=", topicId)
    .executeTakeFirst();
  const moderator = can(viewer, "discussions.moderate");
  if (!topic || ((topic.hidden_at !== null || topic.merged_into !== null) && !moderator && viewer?.id !== topic.author_id)) throw notFound("topic_not_found", "community.errors.topicNotFound");
  const posts = await db
    .selectFrom("posts")
    .innerJoin("accounts", "accounts.id", "posts.author_id")
    .leftJoin("posts as quoted", "quoted.id", "posts.quote_of_id")
    .leftJoin("accounts as quoted_author", "quoted_author.id", "quoted.author_id")
    .select(["posts.id", "posts.author_id", "accounts.name as author_name", "posts.body", "posts.quote", "posts.quote_of_id", "quoted_author.name as quote_author", "posts.reply_to_id", "posts.is_opening", "posts.created_at", "posts.edited_at", "posts.hidden_at"])
    .where("posts.topic_id", "=", topicId)
    .orderBy("posts.created_at")
    .orderBy("posts.id")
    .execute();
  const visible = posts.filter((post) => post.hidden_at === null || moderator || post.author_id === viewer?.id);
  const ids = visible.map((post) => post.id);
  const reactionRows = ids.length === 0 ? [] : await db.selectFrom("post_reactions").select(["post_id", "reaction", "member_id"]).where("post_id", "in", ids).execute();
  const views: PostView[] = visible.map((post) => ({
    ...post,
    hidden: post.hidden_at !== null,
    reactions: REACTIONS.map((reaction) => {
      const given = reactionRows.filter((row) => row.post_id === post.id && row.reaction === reaction);
      return { reaction, count: given.length, mine: viewer !== null && given.some((row) => row.member_id === viewer.id) };
    }),
  }));
  const opening = views.find((post) => post.is_opening);
  if (!opening) throw notFound("topic_not_found", "community.errors.topicNotFound");
  const replies = buildThread(views.filter((post) => !post.is_opening).map((post) => ({ ...post, replyToId: post.reply_to_id, createdAt: post.created_at })));
  return {
    id: topic.id,
    title: topic.title,
    language: topic.language,
    category: { id: topic.category_id, slug: topic.slug, names: topic.names },
    author_id: topic.author_id,
    created_at: topic.created_at,
    reply_count: topic.reply_count,
    pinned: topic.pinned_at !== null,
    locked: topic.locked_at !== null,
    closed: topic.closed_at !== null,
    hidden: topic.hidden_at !== null,
    merged_into: topic.merged_into,
    wiki: topic.wiki_at !== null,
    wikiEditor: topic.wiki_at !== null && viewer !== null && viewer.id !== opening.author_id && !moderator && (await memberHasAbility(db, viewer.id, "edit_wiki")),
    opening,
    replies,
    poll: await loadPoll(db, opening.id, viewer),
  };
}

async function loadPoll(db: Executor, postId: number, viewer: Actor | null): Promise<PollView | null> {
  const poll = await db.selectFrom("polls").select(["id", "question", "multiple", "voters"]).where("post_id", "=", postId).executeTakeFirst();
  if (!poll) return null;
  const options = await db.selectFrom("poll_options").select(["id", "label", "votes"]).where("poll_id", "=", poll.id).orderBy("position").execute();
  let myChoices: number[] | null = null;
  if (viewer) {
    const ballot = await db.selectFrom("poll_ballots").select("member_id").where("poll_id", "=", poll.id).where("member_id", "=", viewer.id).executeTakeFirst();
    if (ballot) myChoices = (await db.selectFrom("poll_votes").select("option_id").where("poll_id", "=", poll.id).where("member_id", "=", viewer.id).execute()).map((row) => row.option_id);
  }
  return { id: poll.id, question: poll.question, multiple: poll.multiple, voters: poll.voters, options: pollResults(options, poll.voters), myChoices };
}

/** The localized name of a category (its slug when it has none). */
export function categoryName(names: Record<string, string>, locale: string, slug: string): string {
  return names[locale] || names.en || Object.values(names)[0] || slug;
}
