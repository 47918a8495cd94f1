/** Questions, answers and comments as moderation sees them: what they are, and how to hide or show them. */
import { markdownToText } from "../../../platform/markdown/index.ts";
import { defineFlaggable } from "../../moderation/index.ts";
import { answerUrl, questionUrl, setAnswerHidden, setCommentHidden, setQuestionHidden } from "./service.ts";

const EXCERPT = 280;

defineFlaggable({
  type: "question",
  async load(db, id) {
    const row = await db.selectFrom("questions").select(["author_id", "title", "body", "status"]).where("id", "=", id).executeTakeFirst();
    return row && { authorId: row.author_id, title: row.title, excerpt: markdownToText(row.body).slice(0, EXCERPT), url: questionUrl(id), hidden: row.status !== "published" };
  },
  setHidden: (db, id, hidden) => setQuestionHidden(db, id, hidden),
});

defineFlaggable({
  type: "answer",
  async load(db, id) {
    const row = await db
      .selectFrom("answers")
      .innerJoin("questions", "questions.id", "answers.question_id")
      .select(["answers.author_id", "answers.body", "answers.status", "answers.question_id", "questions.title"])
      .where("answers.id", "=", id)
      .executeTakeFirst();
    return row && { authorId: row.author_id, title: row.title, excerpt: markdownToText(row.body).slice(0, EXCERPT), url: answerUrl(row.question_id, id), hidden: row.status !== "published" };
  },
  setHidden: (db, id, hidden) => setAnswerHidden(db, id, hidden),
});

defineFlaggable({
  type: "qa.comment",
  async load(db, id) {
    const row = await db
      .selectFrom("qa_comments")
      .innerJoin("questions", "questions.id", "qa_comments.question_id")
      .select(["qa_comments.author_id", "qa_comments.body", "qa_comments.status", "qa_comments.question_id", "questions.title"])
      .where("qa_comments.id", "=", id)
      .executeTakeFirst();
    return row && { authorId: row.author_id, title: row.title, excerpt: row.body.slice(0, EXCERPT), url: `${questionUrl(row.question_id)}#comment-${id}`, hidden: row.status !== "published" };
  },
  setHidden: (db, id, hidden) => setCommentHidden(db, id, hidden),
});
