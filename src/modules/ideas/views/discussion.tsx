/** The creator's updates and the members' comments under an idea, with their forms. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { Button, ErrorSummary, Field, Form, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { COMMENT_MAX_LENGTH, UPDATE_MAX_LENGTH, UPDATE_TITLE_MAX_LENGTH } from "../discussion.ts";

export interface CommentRow {
  id: number;
  body: string;
  created_at: Date;
  author_name: string;
  author_id: number;
}

export interface UpdateRow {
  id: number;
  title: string;
  body: string;
  created_at: Date;
}

export interface TextForm {
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}

/** Member-written markdown, already sanitised by renderMarkdown: the only HTML inserted unescaped. */
export function Markdown(props: { source: string; class?: string; lang?: string }) {
  return <div class={["markdown", props.class ?? ""].filter(Boolean).join(" ")} lang={props.lang} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

/** The creator's updates, newest first, with the form to post one for the creator. */
export function Updates(props: { ideaId: number; updates: UpdateRow[]; canPost: boolean; form: TextForm | undefined; language: string }) {
  const { t } = usePage();
  if (props.updates.length === 0 && !props.canPost) return null;
  return (
    <section class="idea-section" aria-labelledby="idea-updates">
      <h2 id="idea-updates">{t("ideas.updates.title")}</h2>
      {props.updates.length === 0 ? <p class="muted">{t("ideas.updates.empty")}</p> : null}
      <ol class="idea-updates">
        {props.updates.map((update) => (
          <li class="idea-update" id={`update-${update.id}`}>
            <h3 dir="auto" lang={props.language}>
              {update.title}
            </h3>
            <p class="muted">
              <Time date={update.created_at} />
            </p>
            <Markdown source={update.body} lang={props.language} />
          </li>
        ))}
      </ol>
      {props.canPost ? (
        <Form action={`/ideas/${props.ideaId}/updates`} aria-label={t("ideas.updates.post")}>
          <ErrorSummary errors={props.form?.errors} />
          <Field name="title" label={t("ideas.updates.fieldTitle")} value={props.form?.values.title} errors={props.form?.errors} required maxLength={UPDATE_TITLE_MAX_LENGTH} />
          <Field name="body" label={t("ideas.updates.fieldBody")} hint={t("ideas.fields.markdownHint")} value={props.form?.values.body} errors={props.form?.errors} required multiline maxLength={UPDATE_MAX_LENGTH} />
          <Button variant="secondary">{t("ideas.updates.post")}</Button>
        </Form>
      ) : null}
    </section>
  );
}

/** The comments, oldest first, with the form to post one (or a sign-in link, or "closed"). */
export function Comments(props: { ideaId: number; comments: CommentRow[]; creatorId: number; open: boolean; form: TextForm | undefined }) {
  const { t, actor } = usePage();
  return (
    <section class="idea-section" aria-labelledby="idea-comments">
      <h2 id="idea-comments">{t("ideas.comments.title", { count: props.comments.length })}</h2>
      {props.comments.length === 0 ? <p class="muted">{t("ideas.comments.empty")}</p> : null}
      <ol class="idea-comments">
        {props.comments.map((comment) => (
          <li class="idea-comment" id={`comment-${comment.id}`}>
            <p class="idea-comment__meta">
              <strong>{comment.author_name}</strong>
              {comment.author_id === props.creatorId ? <span class="badge badge--info">{t("ideas.comments.creator")}</span> : null}
              <Time date={comment.created_at} time />
            </p>
            <Markdown source={comment.body} />
          </li>
        ))}
      </ol>
      {!props.open ? (
        <p class="muted">{t("ideas.comments.closed")}</p>
      ) : actor ? (
        <Form action={`/ideas/${props.ideaId}/comments`} aria-label={t("ideas.comments.post")}>
          <Field name="body" label={t("ideas.comments.fieldBody")} hint={t("ideas.fields.markdownHint")} value={props.form?.values.body} errors={props.form?.errors} required multiline maxLength={COMMENT_MAX_LENGTH} />
          <Button variant="secondary">{t("ideas.comments.post")}</Button>
        </Form>
      ) : (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(`/ideas/${props.ideaId}#idea-comments`)}`}>{t("ideas.comments.signIn")}</a>
        </p>
      )}
    </section>
  );
}
