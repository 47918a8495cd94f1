/**
 * Discussions: topics in categories, threaded replies with quotes, reactions, polls, and the staff
 * actions (pin, lock, close, move, merge, split). Each write is one transaction that records the
 * activity, updates the search index and tells mentioned members.
 */
import { recordActivity, retractActivity } from "../../../../platform/activity/index.ts";
import { recordAudit } from "../../../../platform/audit/index.ts";
import { authorize, can, type Actor } from "../../../../platform/auth/permissions.ts";
import { inTransaction, sql, type Executor, type Tx } from "../../../../platform/db/index.ts";
import { AppError, conflict, forbidden, invalid, notFound } from "../../../../platform/errors.ts";
import { ABILITIES, memberHasAbility } from "../../../members/index.ts";
import { awaitApproval, indexDocuments, keepRevision, mentionMembers, mustWaitForApproval, type SearchDocument } from "../hooks.ts";
import type { Language, Reaction } from "../tables.ts";
import { checkBallot, normalizePoll, type PollInput } from "../rules/polls.ts";
import { quoteOf } from "../rules/threads.ts";
import { requireText } from "../rules/text.ts";
import "./wiki.ts";

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const POST_MAX = 20_000;

export const topicUrl = (topicId: number) => `/discussions/t/${topicId}`;
export const postUrl = (topicId: number, postId: number) => `/discussions/t/${topicId}#post-${postId}`;

export interface TopicInput {
  categoryId: number;
  title: string;
  body: string;
  language: Language;
  poll?: PollInput | null;
}

function topicTitle(value: string): string {
  const title = requireText("title", value, TITLE_MAX);
  if (title.length < TITLE_MIN) throw invalid("text_too_short", "errors.field.minLength", { title: { key: "errors.field.minLength", params: { limit: TITLE_MIN } } });
  return title;
}

/** The search documents of topics: title and opening post; hidden, pending and merged topics invisible. */
export async function topicDocuments(db: Executor, topicIds: readonly number[], now: Date): Promise<SearchDocument[]> {
  if (topicIds.length === 0) return [];
  const rows = await db
    .selectFrom("topics")
    .innerJoin("posts", (join) => join.onRef("posts.topic_id", "=", "topics.id").on("posts.is_opening", "=", true))
    .select(["topics.id", "topics.title", "topics.language", "topics.hidden_at", "topics.merged_into", "posts.body"])
    .where("topics.id", "in", [...topicIds])
    .execute();
  return rows.map((topic) => ({ type: "topic", id: topic.id, title: topic.title, body: topic.body, language: topic.language, url: topicUrl(topic.id), visible: topic.hidden_at === null && topic.merged_into === null, updatedAt: now }));
}

/** The search documents of replies (opening posts are part of their topic's document). */
export async function replyDocuments(db: Executor, postIds: readonly number[], now: Date): Promise<SearchDocument[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom("posts")
    .innerJoin("topics", "topics.id", "posts.topic_id")
    .select(["posts.id", "posts.topic_id", "posts.body", "posts.hidden_at", "topics.title", "topics.language", "topics.hidden_at as topic_hidden", "topics.merged_into"])
    .where("posts.id", "in", [...postIds])
    .where("posts.is_opening", "=", false)
    .execute();
  return rows.map((post) => ({ type: "post", id: post.id, title: post.title, body: post.body, language: post.language, url: postUrl(post.topic_id, post.id), visible: post.hidden_at === null && post.topic_hidden === null && post.merged_into === null, updatedAt: now }));
}

async function indexTopic(tx: Executor, topicId: number, now: Date): Promise<void> {
  await indexDocuments(tx, await topicDocuments(tx, [topicId], now));
}

async function indexPost(tx: Executor, postId: number, now: Date): Promise<void> {
  const post = await tx.selectFrom("posts").select(["topic_id", "is_opening"]).where("id", "=", postId).executeTakeFirst();
  if (!post) return;
  if (post.is_opening) return indexTopic(tx, post.topic_id, now);
  await indexDocuments(tx, await replyDocuments(tx, [postId], now));
}

/** A member starts a topic (with an optional poll in its opening post). */
export async function createTopic(db: Executor, actor: Actor, input: TopicInput, now = new Date()): Promise<{ topicId: number; postId: number; pending: boolean }> {
  const title = topicTitle(input.title);
  const body = requireText("body", input.body, POST_MAX);
  const poll = input.poll ? normalizePoll(input.poll) : null;
  return inTransaction(db, async (tx) => {
    const category = await tx.selectFrom("discussion_categories").select("id").where("id", "=", input.categoryId).executeTakeFirst();
    if (!category) throw invalid("unknown_category", "community.errors.unknownCategory", { categoryId: { key: "community.errors.unknownCategory" } });
    const pending = await mustWaitForApproval(tx, actor, body, "topic", now);
    const hiddenAt = pending ? now : null;
    const topic = await tx
      .insertInto("topics")
      .values({ category_id: category.id, author_id: actor.id, title, language: input.language, created_at: now, last_posted_at: now, hidden_at: hiddenAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    const post = await tx.insertInto("posts").values({ topic_id: topic.id, author_id: actor.id, body, is_opening: true, created_at: now }).returning("id").executeTakeFirstOrThrow();
    if (poll) await insertPoll(tx, post.id, poll);
    await recordActivity(tx, { actorId: actor.id, type: "topic.created", subjectType: "topic", subjectId: topic.id, occurredAt: now });
    await indexTopic(tx, topic.id, now);
    if (pending) await awaitApproval(tx, "topic.post", post.id, actor.id, now);
    else await mentionMembers(tx, actor, body, { url: topicUrl(topic.id), title });
    return { topicId: topic.id, postId: post.id, pending };
  });
}

async function insertPoll(tx: Tx, postId: number, poll: PollInput): Promise<void> {
  const row = await tx.insertInto("polls").values({ post_id: postId, question: poll.question, multiple: poll.multiple }).returning("id").executeTakeFirstOrThrow();
  await tx
    .insertInto("poll_options")
    .values(poll.options.map((label, position) => ({ poll_id: row.id, position, label })))
    .execute();
}

interface OpenTopic {
  id: number;
  title: string;
  author_id: number;
  locked_at: Date | null;
  closed_at: Date | null;
}

/** The topic, if visible to the actor; hidden and merged topics are not found for members. */
async function visibleTopic(db: Executor, actor: Actor | null, topicId: number, lock = false): Promise<OpenTopic & { hidden_at: Date | null; merged_into: number | null }> {
  let query = db.selectFrom("topics").select(["id", "title", "author_id", "locked_at", "closed_at", "hidden_at", "merged_into"]).where("id", "=", topicId);
  if (lock) query = query.forUpdate();
  const topic = await query.executeTakeFirst();
  if (!topic) throw notFound("topic_not_found", "community.errors.topicNotFound");
  const insider = actor !== null && (actor.id === topic.author_id || can(actor, "discussions.moderate"));
  if ((topic.hidden_at !== null || topic.merged_into !== null) && !insider) throw notFound("topic_not_found", "community.errors.topicNotFound");
  return topic;
}

/** Closed topics take nothing; locked ones take posts from moderators only. */
function assertOpen(actor: Actor, topic: OpenTopic): void {
  if (topic.closed_at !== null) throw conflict("topic_closed", "community.errors.topicClosed");
  if (topic.locked_at !== null && !can(actor, "discussions.moderate")) throw conflict("topic_locked", "community.errors.topicLocked");
}

export interface ReplyInput {
  body: string;
  /** The post answered (threads); omitted for a reply to the topic. */
  replyToId?: number | null | undefined;
  /** A post to quote at the top of the reply. */
  quoteOfId?: number | null | undefined;
}

/** A member replies in a topic, optionally under a post and quoting one. */
export async function replyToTopic(db: Executor, actor: Actor, topicId: number, input: ReplyInput, now = new Date()): Promise<{ postId: number; pending: boolean }> {
  const body = requireText("body", input.body, POST_MAX);
  return inTransaction(db, async (tx) => {
    const topic = await visibleTopic(tx, actor, topicId, true);
    if (topic.merged_into !== null) throw conflict("topic_merged", "community.errors.topicMerged");
    assertOpen(actor, topic);
    const related = [input.replyToId, input.quoteOfId].filter((id): id is number => typeof id === "number");
    const others = related.length === 0 ? [] : await tx.selectFrom("posts").select(["id", "topic_id", "author_id", "body", "hidden_at"]).where("id", "in", related).execute();
    const inTopic = (id: number | null | undefined) => (id == null ? null : others.find((post) => post.id === id && post.topic_id === topicId && post.hidden_at === null) ?? null);
    const parent = inTopic(input.replyToId);
    const quoted = inTopic(input.quoteOfId);
    if (input.replyToId != null && !parent) throw invalid("unknown_post", "community.errors.postNotFound", { replyToId: { key: "community.errors.postNotFound" } });
    if (input.quoteOfId != null && !quoted) throw invalid("unknown_post", "community.errors.postNotFound", { quoteOfId: { key: "community.errors.postNotFound" } });
    const pending = await mustWaitForApproval(tx, actor, body, "post", now);
    const post = await tx
      .insertInto("posts")
      .values({ topic_id: topicId, author_id: actor.id, reply_to_id: parent?.id ?? null, quote_of_id: quoted?.id ?? null, quote: quoted ? quoteOf(quoted.body) : null, body, created_at: now, hidden_at: pending ? now : null })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!pending) {
      await tx.updateTable("topics").set({ reply_count: sql`reply_count + 1`, last_posted_at: now }).where("id", "=", topicId).execute();
    }
    await recordActivity(tx, { actorId: actor.id, type: "post.replied", subjectType: "post", subjectId: post.id, targetId: parent?.author_id ?? topic.author_id, occurredAt: now });
    await indexPost(tx, post.id, now);
    if (pending) await awaitApproval(tx, "topic.post", post.id, actor.id, now);
    else await mentionMembers(tx, actor, body, { url: postUrl(topicId, post.id), title: topic.title });
    return { postId: post.id, pending };
  });
}

/**
 * The author (or a moderator) edits a post, and so may members trusted with `edit_wiki` when the post
 * opens a wiki topic (its text only, not the title); the text before is kept as a revision.
 */
export async function editPost(db: Executor, actor: Actor, postId: number, input: { body: string; title?: string }, now = new Date()): Promise<void> {
  const body = requireText("body", input.body, POST_MAX);
  await inTransaction(db, async (tx) => {
    const post = await tx
      .selectFrom("posts")
      .innerJoin("topics", "topics.id", "posts.topic_id")
      .select(["posts.id", "posts.topic_id", "posts.author_id", "posts.body", "posts.is_opening", "posts.hidden_at", "topics.title", "topics.wiki_at", "topics.hidden_at as topic_hidden"])
      .where("posts.id", "=", postId)
      .forUpdate()
      .executeTakeFirst();
    if (!post) throw notFound("post_not_found", "community.errors.postNotFound");
    const moderator = can(actor, "discussions.moderate");
    const author = post.author_id === actor.id;
    if (!author && !moderator) {
      const wiki = post.is_opening && post.wiki_at !== null && post.hidden_at === null && post.topic_hidden === null;
      if (!wiki) throw forbidden("not_author", "community.errors.notAuthor");
      if (!(await memberHasAbility(tx, actor.id, "edit_wiki", now))) throw new AppError("forbidden", "wiki_trust_level", "community.errors.wikiTrustLevel", { level: ABILITIES.edit_wiki });
    }
    const title = post.is_opening && input.title !== undefined && (author || moderator) ? topicTitle(input.title) : null;
    await keepRevision(tx, { subjectType: "topic.post", subjectId: postId, editorId: actor.id, title: post.is_opening ? post.title : null, body: post.body }, now);
    await tx.updateTable("posts").set({ body, edited_at: now }).where("id", "=", postId).execute();
    if (title !== null) await tx.updateTable("topics").set({ title }).where("id", "=", post.topic_id).execute();
    if (!author && moderator) await recordAudit(tx, { actorId: actor.id, action: "discussions.post.edit", subjectType: "post", subjectId: postId });
    await indexPost(tx, postId, now);
  });
}

/** Adds the reaction, or takes it back when the member had given it (a toggle); returns whether it is now on. */
export async function toggleReaction(db: Executor, actor: Actor, postId: number, reaction: Reaction, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const post = await tx.selectFrom("posts").select(["id", "topic_id", "author_id", "hidden_at"]).where("id", "=", postId).executeTakeFirst();
    if (!post || post.hidden_at !== null) throw notFound("post_not_found", "community.errors.postNotFound");
    const topic = await visibleTopic(tx, actor, post.topic_id);
    if (topic.closed_at !== null) throw conflict("topic_closed", "community.errors.topicClosed");
    const removed = await tx.deleteFrom("post_reactions").where("post_id", "=", postId).where("member_id", "=", actor.id).where("reaction", "=", reaction).executeTakeFirst();
    if (Number(removed.numDeletedRows) > 0) {
      await retractActivity(tx, { actorId: actor.id, type: "reaction.given", subjectType: "post", subjectId: postId });
      return false;
    }
    await tx.insertInto("post_reactions").values({ post_id: postId, member_id: actor.id, reaction, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
    await recordActivity(tx, { actorId: actor.id, type: "reaction.given", subjectType: "post", subjectId: postId, targetId: post.author_id, occurredAt: now });
    return true;
  });
}

/** A member votes in a poll: one ballot, checked under the poll's row lock. */
export async function votePoll(db: Executor, actor: Actor, pollId: number, optionIds: readonly number[], now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const poll = await tx
      .selectFrom("polls")
      .innerJoin("posts", "posts.id", "polls.post_id")
      .select(["polls.id", "polls.multiple", "polls.closes_at", "posts.topic_id", "posts.hidden_at"])
      .where("polls.id", "=", pollId)
      .forUpdate()
      .executeTakeFirst();
    if (!poll || poll.hidden_at !== null) throw notFound("poll_not_found", "community.errors.pollNotFound");
    const topic = await visibleTopic(tx, actor, poll.topic_id);
    const options = await tx.selectFrom("poll_options").select("id").where("poll_id", "=", pollId).execute();
    const ballot = await tx.selectFrom("poll_ballots").select("member_id").where("poll_id", "=", pollId).where("member_id", "=", actor.id).executeTakeFirst();
    const closed = topic.closed_at !== null || topic.merged_into !== null || (poll.closes_at !== null && poll.closes_at <= now);
    const chosen = checkBallot({ multiple: poll.multiple, optionIds: options.map((option) => option.id), closed, alreadyVoted: ballot !== undefined }, optionIds);
    await tx.insertInto("poll_ballots").values({ poll_id: pollId, member_id: actor.id, created_at: now }).execute();
    await tx
      .insertInto("poll_votes")
      .values(chosen.map((optionId) => ({ poll_id: pollId, member_id: actor.id, option_id: optionId })))
      .execute();
    await tx.updateTable("poll_options").set({ votes: sql`votes + 1` }).where("id", "in", chosen).execute();
    await tx.updateTable("polls").set({ voters: sql`voters + 1` }).where("id", "=", pollId).execute();
  });
}

// ---- staff actions ------------------------------------------------------------------------------

export const TOPIC_FLAGS = ["pin", "unpin", "lock", "unlock", "close", "reopen", "wiki", "unwiki"] as const;
export type TopicFlag = (typeof TOPIC_FLAGS)[number];

const FLAG_COLUMNS: Record<TopicFlag, ["pinned_at" | "locked_at" | "closed_at" | "wiki_at", boolean]> = {
  pin: ["pinned_at", true],
  unpin: ["pinned_at", false],
  lock: ["locked_at", true],
  unlock: ["locked_at", false],
  close: ["closed_at", true],
  reopen: ["closed_at", false],
  wiki: ["wiki_at", true],
  unwiki: ["wiki_at", false],
};

/** A moderator pins, locks, closes or marks a topic as a wiki (or undoes it); audited. */
export async function setTopicFlag(db: Executor, actor: Actor, topicId: number, flag: TopicFlag, context: { ip?: string } = {}, now = new Date()): Promise<void> {
  authorize(actor, "discussions.moderate");
  const [column, on] = FLAG_COLUMNS[flag];
  await inTransaction(db, async (tx) => {
    const updated = await tx.updateTable("topics").set({ [column]: on ? now : null }).where("id", "=", topicId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("topic_not_found", "community.errors.topicNotFound");
    await recordAudit(tx, { actorId: actor.id, action: `discussions.topic.${flag}`, subjectType: "topic", subjectId: topicId, ip: context.ip ?? null });
  });
}

/** A moderator moves a topic to another category; audited. */
export async function moveTopic(db: Executor, actor: Actor, topicId: number, categoryId: number, context: { ip?: string } = {}): Promise<void> {
  authorize(actor, "discussions.moderate");
  await inTransaction(db, async (tx) => {
    const category = await tx.selectFrom("discussion_categories").select("id").where("id", "=", categoryId).executeTakeFirst();
    if (!category) throw invalid("unknown_category", "community.errors.unknownCategory", { categoryId: { key: "community.errors.unknownCategory" } });
    const topic = await tx.selectFrom("topics").select(["id", "category_id"]).where("id", "=", topicId).forUpdate().executeTakeFirst();
    if (!topic) throw notFound("topic_not_found", "community.errors.topicNotFound");
    await tx.updateTable("topics").set({ category_id: categoryId }).where("id", "=", topicId).execute();
    await recordAudit(tx, { actorId: actor.id, action: "discussions.topic.move", subjectType: "topic", subjectId: topicId, details: { from: topic.category_id, to: categoryId }, ip: context.ip ?? null });
  });
}

async function recount(tx: Tx, topicId: number): Promise<void> {
  await sql`update topics set reply_count = (select count(*) from posts where topic_id = ${topicId} and not is_opening and hidden_at is null),
    last_posted_at = coalesce((select max(created_at) from posts where topic_id = ${topicId} and hidden_at is null), last_posted_at) where id = ${topicId}`.execute(tx);
}

/**
 * A moderator merges a duplicate topic into another: its posts join the target (its opening post
 * becomes a reply), and the source redirects there; audited.
 */
export async function mergeTopics(db: Executor, actor: Actor, sourceId: number, targetId: number, context: { ip?: string } = {}, now = new Date()): Promise<void> {
  authorize(actor, "discussions.moderate");
  if (sourceId === targetId) throw invalid("merge_into_self", "community.errors.mergeSelf", { into: { key: "community.errors.mergeSelf" } });
  await inTransaction(db, async (tx) => {
    const topics = await tx.selectFrom("topics").select(["id", "merged_into"]).where("id", "in", [sourceId, targetId]).orderBy("id").forUpdate().execute();
    const source = topics.find((topic) => topic.id === sourceId);
    const target = topics.find((topic) => topic.id === targetId);
    if (!source || !target) throw notFound("topic_not_found", "community.errors.topicNotFound");
    if (source.merged_into !== null || target.merged_into !== null) throw conflict("topic_merged", "community.errors.topicMerged");
    await tx.updateTable("posts").set({ topic_id: targetId, is_opening: false }).where("topic_id", "=", sourceId).execute();
    await tx.updateTable("topics").set({ merged_into: targetId, reply_count: 0 }).where("id", "=", sourceId).execute();
    await recount(tx, targetId);
    await recordAudit(tx, { actorId: actor.id, action: "discussions.topic.merge", subjectType: "topic", subjectId: sourceId, details: { into: targetId }, ip: context.ip ?? null });
    await indexTopic(tx, sourceId, now);
    const moved = await tx.selectFrom("posts").select("id").where("topic_id", "=", targetId).execute();
    await indexDocuments(tx, [...(await topicDocuments(tx, [targetId], now)), ...(await replyDocuments(tx, moved.map((post) => post.id), now))]);
  });
}

/**
 * A moderator splits replies off into a new topic in the same category: the earliest chosen post
 * opens it; audited.
 */
export async function splitTopic(db: Executor, actor: Actor, topicId: number, input: { postIds: readonly number[]; title: string }, context: { ip?: string } = {}, now = new Date()): Promise<number> {
  authorize(actor, "discussions.moderate");
  const title = topicTitle(input.title);
  if (input.postIds.length === 0) throw invalid("no_posts", "community.errors.splitNoPosts", { postIds: { key: "community.errors.splitNoPosts" } });
  return inTransaction(db, async (tx) => {
    const topic = await tx.selectFrom("topics").select(["id", "category_id", "language"]).where("id", "=", topicId).forUpdate().executeTakeFirst();
    if (!topic) throw notFound("topic_not_found", "community.errors.topicNotFound");
    const posts = await tx.selectFrom("posts").select(["id", "author_id", "is_opening", "created_at"]).where("topic_id", "=", topicId).where("id", "in", [...input.postIds]).orderBy("created_at").orderBy("id").execute();
    if (posts.length !== new Set(input.postIds).size || posts.some((post) => post.is_opening)) throw invalid("invalid_split", "community.errors.splitPosts", { postIds: { key: "community.errors.splitPosts" } });
    const first = posts[0] as (typeof posts)[number];
    const created = await tx
      .insertInto("topics")
      .values({ category_id: topic.category_id, author_id: first.author_id, title, language: topic.language, created_at: first.created_at, last_posted_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids = posts.map((post) => post.id);
    await tx.updateTable("posts").set({ topic_id: created.id }).where("id", "in", ids).execute();
    // Threads are cut where they leave the moved posts; the earliest opens the new topic.
    await tx.updateTable("posts").set({ reply_to_id: null }).where("topic_id", "=", created.id).where("reply_to_id", "not in", ids).execute();
    await tx.updateTable("posts").set({ reply_to_id: null }).where("topic_id", "=", topicId).where("reply_to_id", "in", ids).execute();
    await tx.updateTable("posts").set({ is_opening: true, reply_to_id: null }).where("id", "=", first.id).execute();
    await recount(tx, topicId);
    await recount(tx, created.id);
    await recordAudit(tx, { actorId: actor.id, action: "discussions.topic.split", subjectType: "topic", subjectId: topicId, details: { into: created.id, posts: ids }, ip: context.ip ?? null });
    await indexDocuments(tx, [...(await topicDocuments(tx, [created.id], now)), ...(await replyDocuments(tx, ids, now))]);
    return created.id;
  });
}

/** Hides or shows a post (moderation); hiding an opening post hides its topic. Keeps counts and the index true. */
export async function setPostHidden(db: Executor, postId: number, hidden: boolean, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const post = await tx.selectFrom("posts").select(["id", "topic_id", "is_opening"]).where("id", "=", postId).executeTakeFirst();
    if (!post) return;
    await tx.updateTable("posts").set({ hidden_at: hidden ? now : null }).where("id", "=", postId).execute();
    if (post.is_opening) await tx.updateTable("topics").set({ hidden_at: hidden ? now : null }).where("id", "=", post.topic_id).execute();
    await recount(tx, post.topic_id);
    await indexPost(tx, postId, now);
  });
}
