/** The Q&A JSON API under /api/v1 (documented in the OpenAPI document from these schemas). */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { can, type Actor } from "../../../platform/auth/permissions.ts";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { notFound, unauthorized } from "../../../platform/errors.ts";
import { AnswerJson, presentAnswer, presentQuestion, presentQuestionDetail, QuestionDetailJson, QuestionJson } from "./presenters.ts";
import { BODY_MAX, COMMENT_MAX, LIST_FILTERS, LIST_SORTS, TAG_LIMIT, TITLE_MAX } from "./rules.ts";
import { acceptAnswer, answerQuestion, askQuestion, commentOn, createTag, editAnswer, editQuestion, unvoteAnswer, voteAnswer } from "./service.ts";
import { answersOf, findAnswer, findQuestion, listQuestions, listTags, similarQuestions, type QuestionDetail } from "./store.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const LanguageSchema = literals(["en", "fa", "he"] as const);
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const Created = Type.Object({ id: Type.Integer(), status: Type.String(), url: Type.String() });
const Errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 429: ErrorJson };

export const QuestionsListQuery = Type.Object(
  {
    filter: Type.Optional(literals(LIST_FILTERS)),
    sort: Type.Optional(literals(LIST_SORTS)),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    language: Type.Optional(LanguageSchema),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const QuestionBody = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: TITLE_MAX }),
    body: Text({ minLength: 1, maxLength: BODY_MAX }),
    language: LanguageSchema,
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: TAG_LIMIT })),
    productId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()])),
  },
  { additionalProperties: false },
);
const AnswerBody = Type.Object({ body: Text({ minLength: 1, maxLength: BODY_MAX }) }, { additionalProperties: false });
const CommentBody = Type.Object({ body: Text({ minLength: 1, maxLength: COMMENT_MAX }), answerId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) }, { additionalProperties: false });

/** A question exists for everyone once published; before that, for its author and Q&A staff only. */
export function assertQuestionVisible(actor: Actor | null, row: QuestionDetail): void {
  if (row.status === "published") return;
  if (actor && (actor.id === row.author_id || can(actor, "qa.manage"))) return;
  throw notFound("question_not_found", "qa.errors.questionNotFound");
}

function member(actor: Actor | null): Actor {
  if (!actor) throw unauthorized();
  return actor;
}

export async function qaApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["questions"];

  app.get(
    "/api/v1/questions",
    { schema: { tags, summary: "List questions", querystring: QuestionsListQuery, response: { 200: Type.Object({ items: Type.Array(QuestionJson), hasNext: Type.Boolean() }) } } },
    async (request) => {
      const query = request.query as Static<typeof QuestionsListQuery>;
      const page = await listQuestions(db, { filter: query.filter ?? "all", sort: query.sort ?? "newest", tag: query.tag, language: query.language, offset: query.offset ?? 0, limit: query.limit ?? 20 });
      return { items: page.rows.map(presentQuestion), hasNext: page.hasNext };
    },
  );

  app.get(
    "/api/v1/questions/similar",
    {
      schema: {
        tags,
        summary: "Published questions similar to a title (while asking)",
        querystring: Type.Object({ title: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String(), answers: Type.Integer(), accepted: Type.Boolean() })) }) },
      },
    },
    async (request) => {
      const { title } = request.query as { title: string };
      const rows = await similarQuestions(db, title);
      return { items: rows.map((row) => ({ id: row.id, title: row.title, url: `/questions/${row.id}`, answers: row.answer_count, accepted: row.accepted })) };
    },
  );

  app.get("/api/v1/questions/:id", { schema: { tags, summary: "One question with its answers", params: IdParams, response: { 200: QuestionDetailJson, 404: ErrorJson } } }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    const row = await findQuestion(db, id);
    if (!row) throw notFound("question_not_found", "qa.errors.questionNotFound");
    assertQuestionVisible(request.actor, row);
    return presentQuestionDetail(row, await answersOf(db, id, row.accepted_answer_id));
  });

  app.post(
    "/api/v1/questions",
    { config: { access: "member" }, schema: { tags, summary: "Ask a question (a new account's first one waits for a moderator: status pending)", body: QuestionBody, response: { 201: Created, ...Errors } } },
    async (request, reply) => {
      const body = request.body as Static<typeof QuestionBody>;
      const created = await askQuestion(db, member(request.actor), body);
      return reply.status(201).send({ ...created, url: `/questions/${created.id}` });
    },
  );

  app.post(
    "/api/v1/questions/:id/answers",
    { config: { access: "member" }, schema: { tags, summary: "Answer a question", params: IdParams, body: AnswerBody, response: { 201: Created, ...Errors } } },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const { body } = request.body as Static<typeof AnswerBody>;
      const created = await answerQuestion(db, member(request.actor), id, body);
      return reply.status(201).send({ ...created, url: `/questions/${id}#answer-${created.id}` });
    },
  );

  app.post(
    "/api/v1/questions/:id/comments",
    { config: { access: "member" }, schema: { tags, summary: "Comment on a question or one of its answers", params: IdParams, body: CommentBody, response: { 201: Created, ...Errors } } },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as Static<typeof CommentBody>;
      const created = await commentOn(db, member(request.actor), { questionId: id, answerId: body.answerId ?? null }, body.body);
      return reply.status(201).send({ ...created, url: `/questions/${id}#comment-${created.id}` });
    },
  );

  const QuestionEdit = Type.Object({ title: Text({ minLength: 1, maxLength: TITLE_MAX }), body: Text({ minLength: 1, maxLength: BODY_MAX }) }, { additionalProperties: false });
  app.patch(
    "/api/v1/questions/:id",
    { config: { access: "member" }, schema: { tags, summary: "Edit a question (its author, or Q&A staff); the revision is kept", params: IdParams, body: QuestionEdit, response: { 200: QuestionDetailJson, ...Errors } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await editQuestion(db, member(request.actor), id, request.body as Static<typeof QuestionEdit>, { ip: request.ip });
      const row = await findQuestion(db, id);
      if (!row) throw notFound("question_not_found", "qa.errors.questionNotFound");
      return presentQuestionDetail(row, await answersOf(db, id, row.accepted_answer_id));
    },
  );

  app.patch(
    "/api/v1/answers/:id",
    { config: { access: "member" }, schema: { tags, summary: "Edit an answer (its author, or Q&A staff); the revision is kept", params: IdParams, body: AnswerBody, response: { 200: AnswerJson, ...Errors } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await editAnswer(db, member(request.actor), id, (request.body as Static<typeof AnswerBody>).body, { ip: request.ip });
      const answer = await findAnswer(db, id);
      if (!answer) throw notFound("answer_not_found", "qa.errors.answerNotFound");
      const question = await findQuestion(db, answer.question_id);
      return presentAnswer(answer, question?.accepted_answer_id ?? null);
    },
  );

  const TagJson = Type.Object({ slug: Type.String(), names: Type.Record(Type.String(), Type.String()), questions: Type.Integer(), url: Type.String() });
  app.get("/api/v1/questions/tags", { schema: { tags, summary: "Every tag with its number of questions", response: { 200: Type.Object({ items: Type.Array(TagJson) }) } } }, async () => ({
    items: (await listTags(db)).map((tag) => ({ slug: tag.slug, names: tag.names, questions: tag.questions, url: `/questions?tag=${encodeURIComponent(tag.slug)}` })),
  }));

  const TagBody = Type.Object(
    { slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,39}$" }), names: Type.Object({ en: Text({ minLength: 1, maxLength: 60 }), fa: Text({ minLength: 1, maxLength: 60 }), he: Text({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }) },
    { additionalProperties: false },
  );
  app.post(
    "/api/v1/questions/tags",
    { config: { access: { action: "qa.manage" } }, schema: { tags, summary: "Create a tag (staff), named in each language", body: TagBody, response: { 201: TagJson, ...Errors } } },
    async (request, reply) => {
      const body = request.body as Static<typeof TagBody>;
      await createTag(db, member(request.actor), body, request.ip);
      return reply.status(201).send({ slug: body.slug, names: body.names, questions: 0, url: `/questions?tag=${encodeURIComponent(body.slug)}` });
    },
  );

  const VoteJson = Type.Object({ votes: Type.Integer(), voted: Type.Boolean() });
  app.put(
    "/api/v1/answers/:id/vote",
    { config: { access: "member" }, schema: { tags, summary: "Up-vote an answer (once; not one's own)", params: IdParams, response: { 200: VoteJson, ...Errors } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      return { votes: await voteAnswer(db, member(request.actor), id), voted: true };
    },
  );

  app.delete(
    "/api/v1/answers/:id/vote",
    { config: { access: "member" }, schema: { tags, summary: "Take back a vote", params: IdParams, response: { 200: VoteJson, ...Errors } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      return { votes: await unvoteAnswer(db, member(request.actor), id), voted: false };
    },
  );

  app.post(
    "/api/v1/answers/:id/accept",
    { config: { access: "member" }, schema: { tags, summary: "Accept an answer (the asker, or Q&A staff); accepting another switches", params: IdParams, response: { 200: AnswerJson, ...Errors } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await acceptAnswer(db, member(request.actor), id, { ip: request.ip });
      const answer = await findAnswer(db, id);
      if (!answer) throw notFound("answer_not_found", "qa.errors.answerNotFound");
      return presentAnswer(answer, id);
    },
  );
}
