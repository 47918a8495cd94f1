/**
 * Q&A use cases, each one transaction: ask, answer, comment, vote, accept, and the visibility changes that
 * moderation makes. Every contribution records an activity, keeps the search index current and passes the
 * spam controls of the moderation module.
 */
import { sql } from "kysely";
import { recordActivity, retractActivity } from "../../../platform/activity/index.ts";
import { recordAudit } from "../../../platform/audit/index.ts";
import { can, type Actor } from "../../../platform/auth/permissions.ts";
import { inTransaction, type Executor, type Tx } from "../../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound, type FieldErrors } from "../../../platform/errors.ts";
import { notify } from "../../../platform/notify/index.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import { checkPostingAllowed, queueForApproval, recordRevision } from "../../moderation/index.ts";
import { findProduct } from "../../products/index.ts";
import { indexDocument } from "../../search/index.ts";
import { notifyMentions } from "../mentions.ts";
import { QA_ACCEPTED, QA_ANSWERED } from "./notifications.ts";
import { ANSWER_BODY_MIN, BODY_MAX, cleanTags, COMMENT_MAX, COMMENT_MIN, mayAccept, QUESTION_BODY_MIN, secondsToFirstAnswer, TAG_LIMIT, textProblem, TITLE_MAX, TITLE_MIN, voteProblem } from "./rules.ts";
import type { Language, PostStatus } from "./tables.ts";

export interface QuestionInput {
  title: string;
  body: string;
  language: Language;
  tags?: string[] | undefined;
  productId?: number | null | undefined;
}

export const questionUrl = (id: number) => `/questions/${id}`;
export const answerUrl = (questionId: number, answerId: number) => `/questions/${questionId}#answer-${answerId}`;

/** Refuses blank or out-of-bounds texts (the schemas check lengths, but "   " is long enough for them). */
function checkTexts(fields: Record<string, { text: string; min: number; max: number }>): void {
  const errors: FieldErrors = {};
  for (const [name, field] of Object.entries(fields)) {
    const problem = textProblem(field.text, field.min, field.max);
    if (problem) errors[name] = problem.params ? { key: problem.key, params: problem.params } : { key: problem.key };
  }
  if (Object.keys(errors).length > 0) throw invalid("validation_failed", "errors.validation", errors);
}

/** Tag ids for slugs; an unknown slug is a 400 naming it. */
async function tagIds(db: Executor, slugs: string[]): Promise<Array<{ id: number; slug: string }>> {
  if (slugs.length > TAG_LIMIT) throw invalid("too_many_tags", "qa.errors.tooManyTags", { tags: { key: "qa.errors.tooManyTags", params: { limit: TAG_LIMIT } } }, { limit: TAG_LIMIT });
  if (slugs.length === 0) return [];
  const rows = await db.selectFrom("qa_tags").select(["id", "slug"]).where("slug", "in", slugs).execute();
  const unknown = slugs.find((slug) => !rows.some((row) => row.slug === slug));
  if (unknown !== undefined) throw invalid("unknown_tag", "qa.errors.unknownTag", { tags: { key: "qa.errors.unknownTag", params: { tag: unknown } } }, { tag: unknown });
  return rows;
}

/** Writes a question's search document from its row (visible only when published). */
export async function indexQuestion(db: Executor, id: number): Promise<void> {
  const row = await db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const tags = await db.selectFrom("question_tags").innerJoin("qa_tags", "qa_tags.id", "question_tags.tag_id").select("qa_tags.slug").where("question_id", "=", id).execute();
  await indexDocument(db, {
    type: "question",
    id,
    title: row.title,
    body: row.body,
    language: row.language,
    url: questionUrl(id),
    productId: row.product_id,
    tags: tags.map((tag) => tag.slug),
    answered: row.answer_count > 0,
    visible: row.status === "published",
    updatedAt: row.updated_at,
  });
}

/** Writes an answer's search document: the question's title, the answer's text. */
export async function indexAnswer(db: Executor, id: number): Promise<void> {
  const row = await db
    .selectFrom("answers")
    .innerJoin("questions", "questions.id", "answers.question_id")
    .select(["answers.body", "answers.status", "answers.updated_at", "answers.question_id", "questions.title", "questions.language", "questions.product_id", "questions.status as question_status"])
    .where("answers.id", "=", id)
    .executeTakeFirstOrThrow();
  await indexDocument(db, {
    type: "answer",
    id,
    title: row.title,
    body: row.body,
    language: row.language,
    url: answerUrl(row.question_id, id),
    productId: row.product_id,
    answered: true,
    visible: row.status === "published" && row.question_status === "published",
    updatedAt: row.updated_at,
  });
}

/** Asks a question. A new account's first question waits for a moderator (status pending). */
export async function askQuestion(db: Executor, actor: Actor, input: QuestionInput, now = new Date()): Promise<{ id: number; status: PostStatus }> {
  checkTexts({ title: { text: input.title, min: TITLE_MIN, max: TITLE_MAX }, body: { text: input.body, min: QUESTION_BODY_MIN, max: BODY_MAX } });
  const slugs = cleanTags(input.tags ?? []);
  return inTransaction(db, async (tx) => {
    const tags = await tagIds(tx, slugs);
    if (input.productId != null && !(await findProduct(tx, input.productId))) {
      throw invalid("unknown_product", "qa.errors.unknownProduct", { productId: { key: "qa.errors.unknownProduct" } });
    }
    const { needsApproval } = await checkPostingAllowed(tx, actor, { body: input.body, kind: "question" }, now);
    const status: PostStatus = needsApproval ? "pending" : "published";
    const { id } = await tx
      .insertInto("questions")
      .values({
        author_id: actor.id,
        title: input.title.trim(),
        body: input.body,
        language: input.language,
        product_id: input.productId ?? null,
        status,
        created_at: now,
        updated_at: now,
        search_title: normalizeText(input.title),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (tags.length > 0) await tx.insertInto("question_tags").values(tags.map((tag) => ({ question_id: id, tag_id: tag.id }))).execute();
    await recordRevision(tx, { subjectType: "question", subjectId: id, editorId: actor.id, title: input.title, body: input.body }, now);
    await recordActivity(tx, { actorId: actor.id, type: "question.asked", subjectType: "question", subjectId: id, occurredAt: now });
    await indexQuestion(tx, id);
    if (needsApproval) await queueForApproval(tx, { subjectType: "question", subjectId: id, authorId: actor.id }, now);
    else await notifyMentions(tx, { body: input.body, authorId: actor.id, authorName: actor.name, title: input.title, url: questionUrl(id) });
    return { id, status };
  });
}

/** The question, locked, when the actor may see and take part in it; 404 otherwise. */
async function openQuestion(tx: Tx, actor: Actor, questionId: number) {
  const question = await tx.selectFrom("questions").selectAll().where("id", "=", questionId).forUpdate().executeTakeFirst();
  if (!question || (question.status !== "published" && question.author_id !== actor.id && !can(actor, "qa.manage"))) throw notFound("question_not_found", "qa.errors.questionNotFound");
  if (question.status !== "published") throw conflict("question_not_published", "qa.errors.notPublished");
  return question;
}

/** Counts a newly visible answer on its question: the answer count, time to first answer, the asker told. */
async function answerBecameVisible(tx: Tx, answer: { id: number; question_id: number; author_id: number }, now: Date): Promise<void> {
  const question = await tx.selectFrom("questions").select(["id", "author_id", "title", "created_at", "first_answer_at"]).where("id", "=", answer.question_id).executeTakeFirstOrThrow();
  await tx
    .updateTable("questions")
    .set((eb) => ({
      answer_count: eb("answer_count", "+", 1),
      updated_at: now,
      ...(question.first_answer_at === null ? { first_answer_at: now, first_answer_seconds: secondsToFirstAnswer(question.created_at, now) } : {}),
    }))
    .where("id", "=", question.id)
    .execute();
  await indexQuestion(tx, question.id);
  if (question.author_id !== answer.author_id) {
    const author = await tx.selectFrom("accounts").select("name").where("id", "=", answer.author_id).executeTakeFirstOrThrow();
    await notify(tx, { accountId: question.author_id, type: QA_ANSWERED, params: { author: author.name, title: question.title }, url: answerUrl(question.id, answer.id) });
  }
}

/** Answers a question. Staff who may answer officially do (the answer is marked as the company's). */
export async function answerQuestion(db: Executor, actor: Actor, questionId: number, body: string, now = new Date()): Promise<{ id: number; status: PostStatus }> {
  checkTexts({ body: { text: body, min: ANSWER_BODY_MIN, max: BODY_MAX } });
  return inTransaction(db, async (tx) => {
    const question = await openQuestion(tx, actor, questionId);
    const { needsApproval } = await checkPostingAllowed(tx, actor, { body, kind: "answer" }, now);
    const status: PostStatus = needsApproval ? "pending" : "published";
    const answer = await tx
      .insertInto("answers")
      .values({ question_id: questionId, author_id: actor.id, body, official: can(actor, "qa.official"), status, created_at: now, updated_at: now })
      .returning(["id", "question_id", "author_id"])
      .executeTakeFirstOrThrow();
    await recordRevision(tx, { subjectType: "answer", subjectId: answer.id, editorId: actor.id, body }, now);
    await recordActivity(tx, { actorId: actor.id, type: "answer.posted", subjectType: "answer", subjectId: answer.id, targetId: question.author_id, occurredAt: now });
    await indexAnswer(tx, answer.id);
    if (needsApproval) await queueForApproval(tx, { subjectType: "answer", subjectId: answer.id, authorId: actor.id }, now);
    else {
      await answerBecameVisible(tx, answer, now);
      await notifyMentions(tx, { body, authorId: actor.id, authorName: actor.name, title: question.title, url: answerUrl(questionId, answer.id) });
    }
    return { id: answer.id, status };
  });
}

/** Comments on a question, or on one of its answers. */
export async function commentOn(db: Executor, actor: Actor, target: { questionId: number; answerId?: number | null }, body: string, now = new Date()): Promise<{ id: number; status: PostStatus }> {
  checkTexts({ body: { text: body, min: COMMENT_MIN, max: COMMENT_MAX } });
  return inTransaction(db, async (tx) => {
    const question = await openQuestion(tx, actor, target.questionId);
    if (target.answerId != null) {
      const answer = await tx.selectFrom("answers").select("id").where("id", "=", target.answerId).where("question_id", "=", question.id).where("status", "=", "published").executeTakeFirst();
      if (!answer) throw notFound("answer_not_found", "qa.errors.answerNotFound");
    }
    const { needsApproval } = await checkPostingAllowed(tx, actor, { body, kind: "comment" }, now);
    const status: PostStatus = needsApproval ? "pending" : "published";
    const { id } = await tx
      .insertInto("qa_comments")
      .values({ question_id: question.id, answer_id: target.answerId ?? null, author_id: actor.id, body, status, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordActivity(tx, { actorId: actor.id, type: "comment.posted", subjectType: "qa.comment", subjectId: id, targetId: question.author_id, occurredAt: now });
    if (needsApproval) await queueForApproval(tx, { subjectType: "qa.comment", subjectId: id, authorId: actor.id }, now);
    else await notifyMentions(tx, { body, authorId: actor.id, authorName: actor.name, title: question.title, url: `${questionUrl(question.id)}#comment-${id}` });
    return { id, status };
  });
}

/** A published answer on a published question, locked; 404 otherwise. */
async function visibleAnswer(tx: Tx, answerId: number) {
  const answer = await tx
    .selectFrom("answers")
    .innerJoin("questions", "questions.id", "answers.question_id")
    .select(["answers.id", "answers.author_id", "answers.question_id", "answers.status", "questions.author_id as asker_id", "questions.status as question_status", "questions.accepted_answer_id"])
    .where("answers.id", "=", answerId)
    .forUpdate()
    .executeTakeFirst();
  if (!answer || answer.status !== "published" || answer.question_status !== "published") throw notFound("answer_not_found", "qa.errors.answerNotFound");
  return answer;
}

/** An up-vote on an answer: one per member, never one's own. Returns the answer's votes. */
export async function voteAnswer(db: Executor, actor: Actor, answerId: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const answer = await visibleAnswer(tx, answerId);
    const existing = await tx.selectFrom("answer_votes").select("voter_id").where("answer_id", "=", answerId).where("voter_id", "=", actor.id).executeTakeFirst();
    const problem = voteProblem(actor.id, answer.author_id, existing !== undefined);
    if (problem === "own_answer") throw forbidden("own_answer", "qa.errors.ownAnswer");
    if (problem === "already_voted") throw conflict("already_voted", "qa.errors.alreadyVoted");
    await tx.insertInto("answer_votes").values({ answer_id: answerId, voter_id: actor.id, created_at: now }).execute();
    const { votes } = await tx.updateTable("answers").set((eb) => ({ votes: eb("votes", "+", 1) })).where("id", "=", answerId).returning("votes").executeTakeFirstOrThrow();
    await tx.updateTable("questions").set((eb) => ({ votes: eb("votes", "+", 1) })).where("id", "=", answer.question_id).execute();
    await recordActivity(tx, { actorId: actor.id, type: "answer.voted", subjectType: "answer", subjectId: answerId, targetId: answer.author_id, occurredAt: now });
    return votes;
  });
}

/** Takes a vote back. */
export async function unvoteAnswer(db: Executor, actor: Actor, answerId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const answer = await visibleAnswer(tx, answerId);
    const removed = await tx.deleteFrom("answer_votes").where("answer_id", "=", answerId).where("voter_id", "=", actor.id).returning("voter_id").executeTakeFirst();
    if (!removed) throw conflict("not_voted", "qa.errors.notVoted");
    const { votes } = await tx.updateTable("answers").set((eb) => ({ votes: eb("votes", "-", 1) })).where("id", "=", answerId).returning("votes").executeTakeFirstOrThrow();
    await tx.updateTable("questions").set((eb) => ({ votes: eb("votes", "-", 1) })).where("id", "=", answer.question_id).execute();
    await retractActivity(tx, { actorId: actor.id, type: "answer.voted", subjectType: "answer", subjectId: answerId });
    return votes;
  });
}

/**
 * Accepts an answer: the asker, or staff who manage Q&A (audited). One accepted answer per question;
 * accepting another switches. Accepting the accepted answer again changes nothing.
 */
export async function acceptAnswer(db: Executor, actor: Actor, answerId: number, context: { ip?: string | null } = {}, now = new Date()): Promise<{ questionId: number; changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const answer = await visibleAnswer(tx, answerId);
    const asStaff = actor.id !== answer.asker_id;
    if (!mayAccept(actor.id, answer.asker_id, can(actor, "qa.manage"))) throw forbidden("not_asker", "qa.errors.notAsker");
    if (answer.accepted_answer_id === answerId) return { questionId: answer.question_id, changed: false };
    await tx.updateTable("questions").set({ accepted_answer_id: answerId, updated_at: now }).where("id", "=", answer.question_id).execute();
    if (answer.accepted_answer_id !== null) {
      const previous = await tx.selectFrom("answers").select("author_id").where("id", "=", answer.accepted_answer_id).executeTakeFirst();
      if (previous) await retractActivity(tx, { actorId: previous.author_id, type: "answer.accepted", subjectType: "answer", subjectId: answer.accepted_answer_id });
    }
    await recordActivity(tx, { actorId: answer.author_id, type: "answer.accepted", subjectType: "answer", subjectId: answerId, targetId: answer.asker_id, occurredAt: now });
    if (asStaff) {
      await recordAudit(tx, { actorId: actor.id, action: "qa.answer.accept", subjectType: "answer", subjectId: answerId, details: { questionId: answer.question_id, previous: answer.accepted_answer_id }, ip: context.ip ?? null });
    }
    if (answer.author_id !== actor.id) {
      const question = await tx.selectFrom("questions").select("title").where("id", "=", answer.question_id).executeTakeFirstOrThrow();
      await notify(tx, { accountId: answer.author_id, type: QA_ACCEPTED, params: { title: question.title }, url: answerUrl(answer.question_id, answerId) });
    }
    return { questionId: answer.question_id, changed: true };
  });
}

/** Hides or shows a question (moderation); a pending question that is shown is published. */
export async function setQuestionHidden(db: Executor, id: number, hidden: boolean): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.updateTable("questions").set({ status: hidden ? "hidden" : "published" }).where("id", "=", id).execute();
    await indexQuestion(tx, id);
    const answers = await tx.selectFrom("answers").select("id").where("question_id", "=", id).execute();
    for (const answer of answers) await indexAnswer(tx, answer.id);
  });
}

/** Hides or shows an answer (moderation), keeping the question's answer count and votes in step. */
export async function setAnswerHidden(db: Executor, id: number, hidden: boolean, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const answer = await tx.selectFrom("answers").select(["id", "question_id", "author_id", "status", "votes"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!answer) return;
    const next: PostStatus = hidden ? "hidden" : "published";
    if (answer.status === next) return;
    await tx.updateTable("answers").set({ status: next }).where("id", "=", id).execute();
    if (next === "published") {
      await answerBecameVisible(tx, answer, now);
      if (answer.votes !== 0) await tx.updateTable("questions").set((eb) => ({ votes: eb("votes", "+", answer.votes) })).where("id", "=", answer.question_id).execute();
    } else if (answer.status === "published") {
      await tx
        .updateTable("questions")
        .set((eb) => ({ answer_count: eb("answer_count", "-", 1), votes: eb("votes", "-", answer.votes) }))
        .where("id", "=", answer.question_id)
        .execute();
      await sql`update questions set accepted_answer_id = null where id = ${answer.question_id} and accepted_answer_id = ${id}`.execute(tx);
      await indexQuestion(tx, answer.question_id);
    }
    await indexAnswer(tx, id);
  });
}

/** Hides or shows a comment (moderation). */
export async function setCommentHidden(db: Executor, id: number, hidden: boolean): Promise<void> {
  await db.updateTable("qa_comments").set({ status: hidden ? "hidden" : "published" }).where("id", "=", id).execute();
}

/** Creates a tag (staff), with its name per locale. */
export async function createTag(db: Executor, actor: Actor, input: { slug: string; names: Record<string, string> }, ip: string | null = null): Promise<number> {
  if (!can(actor, "qa.manage")) throw forbidden();
  return inTransaction(db, async (tx) => {
    const existing = await tx.selectFrom("qa_tags").select("id").where("slug", "=", input.slug).executeTakeFirst();
    if (existing) throw conflict("tag_exists", "qa.errors.tagExists");
    const { id } = await tx.insertInto("qa_tags").values({ slug: input.slug, names: JSON.stringify(input.names) }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: actor.id, action: "qa.tag.create", subjectType: "qa.tag", subjectId: id, details: { slug: input.slug }, ip });
    return id;
  });
}


/** Who may edit a post: its author, or staff who manage Q&A (whose edits are audited). */
function assertMayEdit(actor: Actor, authorId: number): void {
  if (actor.id !== authorId && !can(actor, "qa.manage")) throw forbidden("not_author", "qa.errors.notAuthor");
}

/** Edits a question's title and body; the revision is kept for the edit history, the index follows. */
export async function editQuestion(db: Executor, actor: Actor, id: number, input: { title: string; body: string }, context: { ip?: string | null } = {}, now = new Date()): Promise<void> {
  checkTexts({ title: { text: input.title, min: TITLE_MIN, max: TITLE_MAX }, body: { text: input.body, min: QUESTION_BODY_MIN, max: BODY_MAX } });
  await inTransaction(db, async (tx) => {
    const question = await tx.selectFrom("questions").select(["author_id", "status"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!question || (question.status === "hidden" && !can(actor, "qa.manage"))) throw notFound("question_not_found", "qa.errors.questionNotFound");
    assertMayEdit(actor, question.author_id);
    await tx.updateTable("questions").set({ title: input.title.trim(), body: input.body, search_title: normalizeText(input.title), updated_at: now }).where("id", "=", id).execute();
    await recordRevision(tx, { subjectType: "question", subjectId: id, editorId: actor.id, title: input.title, body: input.body }, now);
    if (actor.id !== question.author_id) await recordAudit(tx, { actorId: actor.id, action: "qa.question.edit", subjectType: "question", subjectId: id, ip: context.ip ?? null });
    await indexQuestion(tx, id);
    const answers = await tx.selectFrom("answers").select("id").where("question_id", "=", id).execute();
    for (const answer of answers) await indexAnswer(tx, answer.id);
  });
}

/** Edits an answer's body, keeping the revision. */
export async function editAnswer(db: Executor, actor: Actor, id: number, body: string, context: { ip?: string | null } = {}, now = new Date()): Promise<void> {
  checkTexts({ body: { text: body, min: ANSWER_BODY_MIN, max: BODY_MAX } });
  await inTransaction(db, async (tx) => {
    const answer = await tx.selectFrom("answers").select(["author_id", "status"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!answer || (answer.status === "hidden" && !can(actor, "qa.manage"))) throw notFound("answer_not_found", "qa.errors.answerNotFound");
    assertMayEdit(actor, answer.author_id);
    await tx.updateTable("answers").set({ body, updated_at: now }).where("id", "=", id).execute();
    await recordRevision(tx, { subjectType: "answer", subjectId: id, editorId: actor.id, body }, now);
    if (actor.id !== answer.author_id) await recordAudit(tx, { actorId: actor.id, action: "qa.answer.edit", subjectType: "answer", subjectId: id, ip: context.ip ?? null });
    await indexAnswer(tx, id);
  });
}
