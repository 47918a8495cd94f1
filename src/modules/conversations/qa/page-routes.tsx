/**
 * The Q&A pages: the list, tags, asking, one question with its forms. Server-rendered; every form works
 * without script. The question page is light for visitors (no forms, no cookie), so it is cached like /ideas.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { fieldErrorsOf, validationErrors } from "../../../platform/auth/route-helpers.ts";
import { EmptyBody } from "../../../platform/auth/schemas.ts";
import { can, type Actor } from "../../../platform/auth/permissions.ts";
import { PageQuery } from "../../../platform/console/paging.ts";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { notFound, unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import { isLocale, LOCALES } from "../../../platform/i18n/index.ts";
import { markdownToText } from "../../../platform/markdown/index.ts";
import { addSiteNav } from "../../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../../platform/web/render.tsx";
import { FLAG_REASONS } from "../../moderation/index.ts";
import { flagContent } from "../../moderation/service.ts";
import { assertQuestionVisible } from "./api-routes.ts";
import { BODY_MAX, COMMENT_MAX, LIST_FILTERS, LIST_SORTS, TITLE_MAX } from "./rules.ts";
import { acceptAnswer, answerQuestion, askQuestion, commentOn, unvoteAnswer, voteAnswer } from "./service.ts";
import { answersOf, commentsOf, findAnswer, findQuestion, listQuestions, listTags, similarQuestions, votedAnswers } from "./store.ts";
import { AskPage, type AskValues } from "./views/ask-page.tsx";
import { productChoices } from "../../products/index.ts";
import { QaStylesheet } from "./views/bits.tsx";
import { QuestionsListPage, TagsPage } from "./views/list-page.tsx";
import { QuestionPage, type QuestionForms } from "./views/question-page.tsx";

addSiteNav({ href: "/questions", labelKey: "qa.nav", order: 110 });

const PAGE_SIZE = 30;
const SIMILAR_LIMIT = 5;
const oneOf = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
const oneOfOrEmpty = <T extends string>(values: readonly T[]) => Type.Enum(["", ...values]);

const ListQuery = Type.Object({
  filter: Type.Optional(oneOf(LIST_FILTERS)),
  sort: Type.Optional(oneOf(LIST_SORTS)),
  tag: Type.Optional(Type.String({ maxLength: 40 })),
  language: Type.Optional(oneOfOrEmpty(LOCALES)),
  page: Type.Optional(PageQuery),
});
const AskBody = Type.Object(
  { title: Text({ minLength: 1, maxLength: TITLE_MAX }), body: Text({ minLength: 1, maxLength: BODY_MAX }), language: oneOf(LOCALES), tags: Type.Optional(Text({ maxLength: 200 })), productId: Type.Optional(Type.String({ pattern: "^[0-9]{0,12}$" })) },
  { additionalProperties: false },
);
const AnswerForm = Type.Object({ body: Text({ minLength: 1, maxLength: BODY_MAX }) }, { additionalProperties: false });
const CommentForm = Type.Object({ body: Text({ minLength: 1, maxLength: COMMENT_MAX }), answerId: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,15}$" })) }, { additionalProperties: false });
const VoteForm = Type.Object({ intent: oneOf(["up", "down"] as const) }, { additionalProperties: false });
const FlagForm = Type.Object({ subjectType: oneOf(["question", "answer", "qa.comment"] as const), subjectId: Type.String({ pattern: "^[1-9][0-9]{0,15}$" }), reason: oneOf(FLAG_REASONS) }, { additionalProperties: false });

function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

function fieldText(body: unknown, name: string, max: number): string {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** Tags as typed in the form: separated by commas or spaces. */
function tagsOf(text: string): string[] {
  return text.split(/[\s,،]+/).filter((tag) => tag !== "");
}

export async function qaPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/questions", { config: { anonymousCache: true }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const state = { filter: query.filter ?? "all", sort: query.sort ?? "newest", tag: query.tag ?? "", language: query.language ?? "" };
    const page = query.page ?? 1;
    const list = await listQuestions(db, {
      filter: state.filter,
      sort: state.sort,
      tag: state.tag === "" ? undefined : state.tag,
      language: isLocale(state.language) ? state.language : undefined,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return sendPage(request, reply, <QuestionsListPage questions={list.rows} state={state} page={page} hasNext={list.hasNext} tags={await listTags(db)} />, {
      title: request.t("qa.list.title"),
      description: request.t("qa.list.lead"),
      head: <QaStylesheet />,
    });
  });

  app.get("/questions/tags", { config: { anonymousCache: true } }, async (request, reply) =>
    sendPage(request, reply, <TagsPage tags={await listTags(db)} />, { title: request.t("qa.tags.title"), head: <QaStylesheet /> }),
  );

  async function showAsk(request: FastifyRequest, reply: FastifyReply, values: AskValues, errors?: FieldErrors, status = 200): Promise<FastifyReply> {
    const similar = values.title.trim() === "" ? [] : await similarQuestions(db, values.title, SIMILAR_LIMIT);
    return sendPage(request, reply, <AskPage values={values} errors={errors} tags={await listTags(db)} products={await productChoices(db)} similar={similar} />, {
      title: request.t("qa.new.title"),
      head: (
        <>
          <QaStylesheet />
          <script src="/assets/similar-titles.js" defer />
        </>
      ),
      status,
    });
  }

  app.get("/questions/new", { config: { access: "member" } }, async (request, reply) => showAsk(request, reply, { title: "", body: "", language: request.locale, tags: "", productId: "" }));

  app.post("/questions", { config: { access: "member" }, schema: { body: AskBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const values: AskValues = {
      title: fieldText(request.body, "title", TITLE_MAX * 2),
      body: fieldText(request.body, "body", BODY_MAX * 2),
      language: fieldText(request.body, "language", 5) || request.locale,
      tags: fieldText(request.body, "tags", 400),
      productId: fieldText(request.body, "productId", 12),
    };
    const errors = validationErrors(request);
    if (errors) return showAsk(request, reply, values, errors, 400);
    try {
      const created = await askQuestion(db, actor, { title: values.title, body: values.body, language: request.body.language, tags: tagsOf(values.tags), productId: values.productId === "" ? null : Number(values.productId) });
      return redirectWithFlash(reply, `/questions/${created.id}`, { kind: "success", key: created.status === "pending" ? "qa.flash.pending" : "qa.flash.asked" });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showAsk(request, reply, values, fields, 400);
    }
  });

  async function showQuestion(request: FastifyRequest, reply: FastifyReply, id: number, forms: QuestionForms, status = 200): Promise<FastifyReply> {
    const question = await findQuestion(db, id);
    if (!question) throw notFound("question_not_found", "qa.errors.questionNotFound");
    const actor = request.actor;
    assertQuestionVisible(actor, question);
    const answers = await answersOf(db, id, question.accepted_answer_id);
    const viewer = actor
      ? { id: actor.id, mayAccept: actor.id === question.author_id || can(actor, "qa.manage"), voted: await votedAnswers(db, actor.id, answers.map((answer) => answer.id)) }
      : null;
    return sendPage(request, reply, <QuestionPage question={question} answers={answers} comments={await commentsOf(db, id)} viewer={viewer} forms={forms} />, {
      title: question.title,
      description: markdownToText(question.body).slice(0, 200),
      head: <QaStylesheet />,
      status,
    });
  }

  app.get("/questions/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => showQuestion(request, reply, request.params.id, {}));

  app.post("/questions/:id/answers", { config: { access: "member" }, schema: { params: IdParams, body: AnswerForm }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const values = { body: fieldText(request.body, "body", BODY_MAX * 2) };
    const errors = validationErrors(request);
    if (errors) return showQuestion(request, reply, id, { answer: { values, errors } }, 400);
    try {
      const created = await answerQuestion(db, actor, id, values.body);
      return redirectWithFlash(reply, `/questions/${id}#answer-${created.id}`, { kind: "success", key: created.status === "pending" ? "qa.flash.pending" : "qa.flash.answered" });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showQuestion(request, reply, id, { answer: { values, errors: fields } }, 400);
    }
  });

  app.post("/questions/:id/comments", { config: { access: "member" }, schema: { params: IdParams, body: CommentForm }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    if (request.validationError) return redirectWithFlash(reply, `/questions/${id}`, { kind: "error", key: "qa.flash.commentInvalid" });
    try {
      const created = await commentOn(db, actor, { questionId: id, answerId: request.body.answerId ? Number(request.body.answerId) : null }, request.body.body);
      return redirectWithFlash(reply, `/questions/${id}#comment-${created.id}`, { kind: "success", key: created.status === "pending" ? "qa.flash.pending" : "qa.flash.commented" });
    } catch (error) {
      if (!fieldErrorsOf(error)) throw error;
      return redirectWithFlash(reply, `/questions/${id}`, { kind: "error", key: "qa.flash.commentInvalid" });
    }
  });

  app.post("/answers/:id/vote", { config: { access: "member" }, schema: { params: IdParams, body: VoteForm } }, async (request, reply) => {
    const actor = memberOf(request);
    const answer = await findAnswer(db, request.params.id);
    if (!answer) throw notFound("answer_not_found", "qa.errors.answerNotFound");
    if (request.body.intent === "up") await voteAnswer(db, actor, answer.id);
    else await unvoteAnswer(db, actor, answer.id);
    return redirectWithFlash(reply, `/questions/${answer.question_id}#answer-${answer.id}`, { kind: "success", key: request.body.intent === "up" ? "qa.flash.voted" : "qa.flash.unvoted" });
  });

  app.post("/answers/:id/accept", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    const { questionId } = await acceptAnswer(db, memberOf(request), request.params.id, { ip: request.ip });
    return redirectWithFlash(reply, `/questions/${questionId}#answer-${request.params.id}`, { kind: "success", key: "qa.flash.accepted" });
  });

  app.post("/questions/:id/flag", { config: { access: "member" }, schema: { params: IdParams, body: FlagForm } }, async (request, reply) => {
    const { hidden } = await flagContent(db, memberOf(request), { subjectType: request.body.subjectType, subjectId: Number(request.body.subjectId), reason: request.body.reason });
    return redirectWithFlash(reply, hidden ? "/questions" : `/questions/${request.params.id}`, { kind: "success", key: "qa.flash.flagged" });
  });
}


