/** Reading Q&A: the question list with its filters and sorts, one question with answers and comments, similar titles. */
import { sql } from "kysely";
import type { Executor } from "../../../platform/db/index.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import type { ListFilter, ListSort } from "./rules.ts";
import type { Language, PostStatus } from "./tables.ts";

export interface QuestionListQuery {
  filter: ListFilter;
  sort: ListSort;
  tag?: string | undefined;
  language?: Language | undefined;
  offset: number;
  limit: number;
}

export interface QuestionSummary {
  id: number;
  title: string;
  language: Language;
  author_id: number;
  author_name: string;
  answer_count: number;
  votes: number;
  accepted_answer_id: number | null;
  created_at: Date;
  tags: string[];
}

const tagsOf = sql<string[]>`coalesce((select array_agg(t.slug order by t.slug) from question_tags qt join qa_tags t on t.id = qt.tag_id where qt.question_id = questions.id), '{}')`;

/** A page of published questions. */
export async function listQuestions(db: Executor, query: QuestionListQuery): Promise<{ rows: QuestionSummary[]; hasNext: boolean }> {
  let builder = db
    .selectFrom("questions")
    .innerJoin("accounts", "accounts.id", "questions.author_id")
    .select([
      "questions.id",
      "questions.title",
      "questions.language",
      "questions.author_id",
      "accounts.name as author_name",
      "questions.answer_count",
      "questions.votes",
      "questions.accepted_answer_id",
      "questions.created_at",
      tagsOf.as("tags"),
    ])
    .where("questions.status", "=", "published");
  if (query.filter === "unanswered") builder = builder.where("questions.answer_count", "=", 0);
  if (query.filter === "answered") builder = builder.where("questions.answer_count", ">", 0);
  if (query.language) builder = builder.where("questions.language", "=", query.language);
  if (query.tag) {
    const tag = query.tag;
    builder = builder.where((eb) =>
      eb.exists(eb.selectFrom("question_tags").innerJoin("qa_tags", "qa_tags.id", "question_tags.tag_id").select("question_tags.tag_id").whereRef("question_tags.question_id", "=", "questions.id").where("qa_tags.slug", "=", tag)),
    );
  }
  if (query.sort === "votes") builder = builder.orderBy("questions.votes", "desc").orderBy("questions.id", "desc");
  else if (query.sort === "unanswered") builder = builder.orderBy("questions.answer_count", "asc").orderBy("questions.created_at", "asc").orderBy("questions.id", "asc");
  else builder = builder.orderBy("questions.created_at", "desc").orderBy("questions.id", "desc");
  const rows = await builder.limit(query.limit + 1).offset(query.offset).execute();
  return { rows: rows.slice(0, query.limit), hasNext: rows.length > query.limit };
}

export interface QuestionDetail {
  id: number;
  author_id: number;
  author_name: string;
  title: string;
  body: string;
  language: Language;
  product_id: number | null;
  status: PostStatus;
  answer_count: number;
  votes: number;
  accepted_answer_id: number | null;
  created_at: Date;
  updated_at: Date;
  first_answer_seconds: number | null;
  tags: string[];
}

/** One question with its author and tags, whatever its status (callers decide who sees it). */
export async function findQuestion(db: Executor, id: number): Promise<QuestionDetail | undefined> {
  return db
    .selectFrom("questions")
    .innerJoin("accounts", "accounts.id", "questions.author_id")
    .select([
      "questions.id",
      "questions.author_id",
      "accounts.name as author_name",
      "questions.title",
      "questions.body",
      "questions.language",
      "questions.product_id",
      "questions.status",
      "questions.answer_count",
      "questions.votes",
      "questions.accepted_answer_id",
      "questions.created_at",
      "questions.updated_at",
      "questions.first_answer_seconds",
      tagsOf.as("tags"),
    ])
    .where("questions.id", "=", id)
    .executeTakeFirst();
}

export interface AnswerRow {
  id: number;
  question_id: number;
  author_id: number;
  author_name: string;
  body: string;
  official: boolean;
  status: PostStatus;
  votes: number;
  created_at: Date;
}

/** The published answers of a question: the accepted one first, then official, then by votes and age. */
export async function answersOf(db: Executor, questionId: number, acceptedId: number | null): Promise<AnswerRow[]> {
  return db
    .selectFrom("answers")
    .innerJoin("accounts", "accounts.id", "answers.author_id")
    .select(["answers.id", "answers.question_id", "answers.author_id", "accounts.name as author_name", "answers.body", "answers.official", "answers.status", "answers.votes", "answers.created_at"])
    .where("answers.question_id", "=", questionId)
    .where("answers.status", "=", "published")
    .orderBy(sql`answers.id = ${acceptedId ?? 0}`, "desc")
    .orderBy("answers.official", "desc")
    .orderBy("answers.votes", "desc")
    .orderBy("answers.id", "asc")
    .execute();
}

/** One answer, whatever its status. */
export async function findAnswer(db: Executor, id: number): Promise<AnswerRow | undefined> {
  return db
    .selectFrom("answers")
    .innerJoin("accounts", "accounts.id", "answers.author_id")
    .select(["answers.id", "answers.question_id", "answers.author_id", "accounts.name as author_name", "answers.body", "answers.official", "answers.status", "answers.votes", "answers.created_at"])
    .where("answers.id", "=", id)
    .executeTakeFirst();
}

export interface CommentRow {
  id: number;
  answer_id: number | null;
  author_name: string;
  body: string;
  created_at: Date;
}

/** The published comments of a question and its answers, oldest first. */
export async function commentsOf(db: Executor, questionId: number): Promise<CommentRow[]> {
  return db
    .selectFrom("qa_comments")
    .innerJoin("accounts", "accounts.id", "qa_comments.author_id")
    .select(["qa_comments.id", "qa_comments.answer_id", "accounts.name as author_name", "qa_comments.body", "qa_comments.created_at"])
    .where("qa_comments.question_id", "=", questionId)
    .where("qa_comments.status", "=", "published")
    .orderBy("qa_comments.id")
    .execute();
}

/** The answers a member voted for among some answers. */
export async function votedAnswers(db: Executor, voterId: number, answerIds: number[]): Promise<Set<number>> {
  if (answerIds.length === 0) return new Set();
  const rows = await db.selectFrom("answer_votes").select("answer_id").where("voter_id", "=", voterId).where("answer_id", "in", answerIds).execute();
  return new Set(rows.map((row) => row.answer_id));
}

/** Published questions whose titles look like the given title (trigram word similarity on normalised text). */
export async function similarQuestions(db: Executor, title: string, limit = 5): Promise<Array<{ id: number; title: string; answer_count: number; accepted: boolean }>> {
  const needle = normalizeText(title);
  if (needle.length < 3) return [];
  const rows = await db
    .selectFrom("questions")
    .select(["id", "title", "answer_count", "accepted_answer_id"])
    .where("status", "=", "published")
    .where(sql<boolean>`${needle} <% search_title`)
    .orderBy(sql`word_similarity(${needle}, search_title)`, "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, answer_count: row.answer_count, accepted: row.accepted_answer_id !== null }));
}

export interface TagRow {
  id: number;
  slug: string;
  names: Record<string, string>;
  questions: number;
}

/** Every tag with its number of published questions. */
export async function listTags(db: Executor): Promise<TagRow[]> {
  return db
    .selectFrom("qa_tags")
    .select([
      "qa_tags.id",
      "qa_tags.slug",
      "qa_tags.names",
      sql<number>`(select count(*) from question_tags qt join questions q on q.id = qt.question_id where qt.tag_id = qa_tags.id and q.status = 'published')::int`.as("questions"),
    ])
    .orderBy("qa_tags.slug")
    .execute();
}

/** A tag's name in a locale (its slug when the locale has none). */
export function tagName(tag: { slug: string; names: Record<string, string> }, locale: string): string {
  return tag.names[locale] || tag.names.en || tag.slug;
}

/** Time to first answer, for the console: recent questions and the median over them. */
export async function firstAnswerTimes(db: Executor, limit = 50) {
  return db
    .selectFrom("questions")
    .innerJoin("accounts", "accounts.id", "questions.author_id")
    .select(["questions.id", "questions.title", "questions.language", "questions.created_at", "questions.first_answer_seconds", "questions.answer_count", "accounts.name as author_name"])
    .where("questions.status", "=", "published")
    .orderBy("questions.created_at", "desc")
    .orderBy("questions.id", "desc")
    .limit(limit)
    .execute();
}
