/**
 * /questions/:id: the question, its answers (accepted first, then official, then by votes) and comments.
 * Visitors get a light page without forms (and so without a CSRF cookie: it can be cached); members get the
 * answer, comment, vote, accept and flag forms.
 */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { Button, ErrorSummary, Field, Form, PageHeader, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { FLAG_REASONS } from "../../../moderation/index.ts";
import { ANSWER_BODY_MIN, BODY_MAX, COMMENT_MAX } from "../rules.ts";
import type { AnswerRow, CommentRow, QuestionDetail } from "../store.ts";
import { isolate, Markdown, TagList } from "./bits.tsx";

export interface QuestionForms {
  answer?: { values: { body: string }; errors: FieldErrors };
}

export interface Viewer {
  id: number;
  mayAccept: boolean;
  voted: Set<number>;
}

function FlagForm(props: { questionId: number; subjectType: string; subjectId: number }) {
  const { t } = usePage();
  return (
    <Form action={`/questions/${props.questionId}/flag`} class="form form--inline qa-flag" aria-label={t("qa.flag.label")}>
      <input type="hidden" name="subjectType" value={props.subjectType} />
      <input type="hidden" name="subjectId" value={String(props.subjectId)} />
      <label class="visually-hidden" for={`flag-${props.subjectType}-${props.subjectId}`}>
        {t("qa.flag.reason")}
      </label>
      <select name="reason" id={`flag-${props.subjectType}-${props.subjectId}`}>
        {FLAG_REASONS.map((reason) => (
          <option value={reason}>{t(`moderation.reasons.${reason}`)}</option>
        ))}
      </select>
      <Button variant="link" size="small">
        {t("qa.flag.action")}
      </Button>
    </Form>
  );
}

function Comments(props: { questionId: number; answerId: number | null; comments: CommentRow[]; viewer: Viewer | null }) {
  const { t } = usePage();
  const mine = props.comments.filter((comment) => comment.answer_id === props.answerId);
  const fieldName = props.answerId === null ? "comment-question" : `comment-${props.answerId}`;
  return (
    <div class="qa-comments">
      {mine.length > 0 ? (
        <ul>
          {mine.map((comment) => (
            <li id={`comment-${comment.id}`}>
              <span dir="auto">{comment.body}</span> <span class="muted">— <bdi>{comment.author_name}</bdi>, <Time date={comment.created_at} /></span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.viewer ? (
        <Form action={`/questions/${props.questionId}/comments`} class="form form--inline" aria-label={t("qa.comment.label")}>
          {props.answerId === null ? null : <input type="hidden" name="answerId" value={String(props.answerId)} />}
          <label class="visually-hidden" for={`field-${fieldName}`}>
            {t("qa.comment.label")}
          </label>
          <input type="text" id={`field-${fieldName}`} name="body" maxLength={COMMENT_MAX} dir="auto" placeholder={t("qa.comment.placeholder")} />
          <Button variant="secondary" size="small">
            {t("qa.comment.action")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

function Answer(props: { question: QuestionDetail; answer: AnswerRow; viewer: Viewer | null; comments: CommentRow[] }) {
  const { t } = usePage();
  const { answer, viewer, question } = props;
  const accepted = answer.id === question.accepted_answer_id;
  const classes = ["qa-answer", accepted ? "qa-answer--accepted" : "", answer.official ? "qa-answer--official" : ""].filter(Boolean).join(" ");
  return (
    <article class={classes} id={`answer-${answer.id}`} aria-labelledby={`answer-${answer.id}-by`}>
      <div class="qa-answer__badges">
        {accepted ? <span class="badge badge--success qa-accepted">{t("qa.answer.accepted")}</span> : null}
        {answer.official ? <span class="badge badge--info">{t("qa.answer.official")}</span> : null}
      </div>
      <Markdown source={answer.body} lang={question.language} />
      <p class="muted" id={`answer-${answer.id}-by`}>
        {t("qa.answer.by", { name: isolate(answer.author_name) })} · <Time date={answer.created_at} /> · <span class="qa-votes">{t("qa.list.votes", { count: answer.votes })}</span>
      </p>
      {viewer ? (
        <div class="qa-answer__actions">
          {viewer.id !== answer.author_id ? (
            <Form action={`/answers/${answer.id}/vote`} class="form form--inline">
              <input type="hidden" name="intent" value={viewer.voted.has(answer.id) ? "down" : "up"} />
              <Button variant="secondary" size="small">
                {viewer.voted.has(answer.id) ? t("qa.answer.unvote") : t("qa.answer.vote")}
              </Button>
            </Form>
          ) : null}
          {viewer.mayAccept && !accepted ? (
            <Form action={`/answers/${answer.id}/accept`} class="form form--inline">
              <Button variant="primary" size="small">
                {t("qa.answer.accept")}
              </Button>
            </Form>
          ) : null}
          {viewer.id !== answer.author_id ? <FlagForm questionId={question.id} subjectType="answer" subjectId={answer.id} /> : null}
        </div>
      ) : null}
      <Comments questionId={question.id} answerId={answer.id} comments={props.comments} viewer={viewer} />
    </article>
  );
}

export function QuestionPage(props: { question: QuestionDetail; answers: AnswerRow[]; comments: CommentRow[]; viewer: Viewer | null; forms: QuestionForms }) {
  const { t } = usePage();
  const { question, viewer } = props;
  return (
    <>
      <PageHeader title={question.title} />
      {question.status === "pending" ? <p class="notice">{t("qa.question.pending")}</p> : null}
      {question.status === "hidden" ? <p class="notice">{t("qa.question.hidden")}</p> : null}
      <article class="qa-question" lang={question.language} aria-label={t("qa.question.label")}>
        <Markdown source={question.body} lang={question.language} />
        <TagList tags={question.tags} />
        <p class="muted">
          {t("qa.question.askedBy", { name: isolate(question.author_name) })} · <Time date={question.created_at} />
        </p>
        {viewer && viewer.id !== question.author_id ? <FlagForm questionId={question.id} subjectType="question" subjectId={question.id} /> : null}
        <Comments questionId={question.id} answerId={null} comments={props.comments} viewer={viewer} />
      </article>
      <section aria-labelledby="answers-heading" class="qa-answers">
        <h2 id="answers-heading">{t("qa.question.answers", { count: props.answers.length })}</h2>
        {props.answers.map((answer) => (
          <Answer question={question} answer={answer} viewer={viewer} comments={props.comments} />
        ))}
      </section>
      {viewer && question.status === "published" ? (
        <section aria-labelledby="answer-form-heading">
          <h2 id="answer-form-heading">{t("qa.answer.yours")}</h2>
          <Form action={`/questions/${question.id}/answers`} id="answer-form">
            <ErrorSummary errors={props.forms.answer?.errors} />
            <Field name="body" label={t("qa.fields.answer")} hint={t("qa.fields.markdownHint")} multiline value={props.forms.answer?.values.body} errors={props.forms.answer?.errors} maxLength={BODY_MAX} required />
            <Button>{t("qa.answer.post")}</Button>
            <p class="muted">{t("qa.answer.minimum", { min: ANSWER_BODY_MIN })}</p>
          </Form>
        </section>
      ) : null}
      {viewer ? null : (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(`/questions/${question.id}`)}`}>{t("qa.question.signInToAnswer")}</a>
        </p>
      )}
    </>
  );
}
