/** Q&A in JSON: every object carries `url`, its public page. */
import { Type, type Static } from "typebox";
import { answerUrl, questionUrl } from "./service.ts";
import type { AnswerRow, QuestionDetail, QuestionSummary } from "./store.ts";

const Author = Type.Object({ id: Type.Integer(), name: Type.String() });
const Language = Type.Union([Type.Literal("en"), Type.Literal("fa"), Type.Literal("he")]);

export const QuestionJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  language: Language,
  tags: Type.Array(Type.String()),
  author: Author,
  answerCount: Type.Integer(),
  votes: Type.Integer(),
  acceptedAnswerId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  url: Type.String(),
});

export const AnswerJson = Type.Object({
  id: Type.Integer(),
  questionId: Type.Integer(),
  body: Type.String({ description: "markdown source" }),
  author: Author,
  official: Type.Boolean(),
  accepted: Type.Boolean(),
  votes: Type.Integer(),
  status: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  url: Type.String(),
});

export const QuestionDetailJson = Type.Object({
  ...QuestionJson.properties,
  body: Type.String({ description: "markdown source" }),
  status: Type.String(),
  productId: Type.Union([Type.Integer(), Type.Null()]),
  firstAnswerSeconds: Type.Union([Type.Integer(), Type.Null()]),
  answers: Type.Array(AnswerJson),
});

export function presentQuestion(row: QuestionSummary | QuestionDetail): Static<typeof QuestionJson> {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    tags: row.tags,
    author: { id: row.author_id, name: row.author_name },
    answerCount: row.answer_count,
    votes: row.votes,
    acceptedAnswerId: row.accepted_answer_id,
    createdAt: row.created_at.toISOString(),
    url: questionUrl(row.id),
  };
}

export function presentAnswer(row: AnswerRow, acceptedId: number | null): Static<typeof AnswerJson> {
  return {
    id: row.id,
    questionId: row.question_id,
    body: row.body,
    author: { id: row.author_id, name: row.author_name },
    official: row.official,
    accepted: row.id === acceptedId,
    votes: row.votes,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    url: answerUrl(row.question_id, row.id),
  };
}

export function presentQuestionDetail(row: QuestionDetail, answers: AnswerRow[]): Static<typeof QuestionDetailJson> {
  return {
    ...presentQuestion(row),
    body: row.body,
    status: row.status,
    productId: row.product_id,
    firstAnswerSeconds: row.first_answer_seconds,
    answers: answers.map((answer) => presentAnswer(answer, row.accepted_answer_id)),
  };
}
