/** The discussion pages: the forum's front page, a category, a topic with its thread, and the new-topic form. */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { Button, EmptyState, ErrorSummary, Field, Form, LinkButton, PageHeader, Pagination, Select, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { categoryName, type CategoryRow, type PollView, type PostView, type TopicListRow, type TopicView } from "../discussions/queries.ts";
import { POST_MAX, TITLE_MAX } from "../discussions/service.ts";
import { POLL_MAX_OPTIONS } from "../rules/polls.ts";
import { Checkbox, languageOptions, Markdown } from "./shared.tsx";

export interface TextForm {
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
}

function TopicList(props: { topics: TopicListRow[]; categories: CategoryRow[]; label: string }) {
  const { t, locale, formatNumber } = usePage();
  const categoryOf = new Map(props.categories.map((category) => [category.id, category]));
  return (
    <ul class="topic-list" aria-label={props.label}>
      {props.topics.map((topic) => {
        const category = categoryOf.get(topic.category_id);
        return (
          <li class="topic-list__item">
            <a class="topic-list__title" href={`/discussions/t/${topic.id}`} lang={topic.language} dir="auto">
              {topic.title}
            </a>
            <p class="topic-list__meta muted">
              {topic.pinned_at ? <span class="badge badge--info">{t("community.topic.pinned")}</span> : null}
              {topic.closed_at ? <span class="badge">{t("community.topic.closed")}</span> : null}
              {topic.locked_at ? <span class="badge">{t("community.topic.locked")}</span> : null}
              {category ? <a href={`/discussions/c/${category.slug}`}>{categoryName(category.names, locale, category.slug)}</a> : null}
              <span>{t("community.topic.by", { name: topic.author_name })}</span>
              <span>{t("community.topic.replies", { count: topic.reply_count, formatted: formatNumber(topic.reply_count) })}</span>
              <Time date={topic.last_posted_at} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** /discussions: the categories and the latest topics. */
export function DiscussionsPage(props: { categories: CategoryRow[]; topics: TopicListRow[]; page: number; hasNext: boolean }) {
  const { t, locale, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("community.discussions.title")} lead={t("community.discussions.lead")} actions={<LinkButton href="/discussions/new" variant="primary">{t("community.topic.new")}</LinkButton>} />
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t("community.discussions.categories")}</h2>
        <ul class="category-list">
          {props.categories.map((category) => (
            <li>
              <a href={`/discussions/c/${category.slug}`}>{categoryName(category.names, locale, category.slug)}</a>{" "}
              <span class="muted">{t("community.discussions.topicCount", { count: category.topics, formatted: formatNumber(category.topics) })}</span>
              {category.descriptions[locale] ? <p class="muted">{category.descriptions[locale]}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">{t("community.discussions.latest")}</h2>
        {props.topics.length === 0 ? <EmptyState title={t("community.discussions.empty")} /> : <TopicList topics={props.topics} categories={props.categories} label={t("community.discussions.latest")} />}
        <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => `/discussions?page=${page}`} />
      </section>
    </>
  );
}

/** /discussions/c/:slug: one category's topics, pinned first. */
export function CategoryPage(props: { category: CategoryRow; categories: CategoryRow[]; topics: TopicListRow[]; page: number; hasNext: boolean }) {
  const { t, locale } = usePage();
  const name = categoryName(props.category.names, locale, props.category.slug);
  return (
    <>
      <p class="breadcrumb">
        <a href="/discussions">{t("community.discussions.title")}</a>
      </p>
      <PageHeader title={name} lead={props.category.descriptions[locale]} actions={<LinkButton href={`/discussions/new?category=${props.category.id}`} variant="primary">{t("community.topic.new")}</LinkButton>} />
      {props.topics.length === 0 ? <EmptyState title={t("community.discussions.empty")} /> : <TopicList topics={props.topics} categories={props.categories} label={name} />}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => `/discussions/c/${props.category.slug}?page=${page}`} />
    </>
  );
}

function Reactions(props: { post: PostView; open: boolean }) {
  const { t, actor } = usePage();
  return (
    <div class="reactions" aria-label={t("community.reactions.label")}>
      {props.post.reactions.map((reaction) =>
        actor && props.open ? (
          <Form action={`/discussions/posts/${props.post.id}/react`} class="reaction-form">
            <input type="hidden" name="reaction" value={reaction.reaction} />
            <button type="submit" class={reaction.mine ? "reaction reaction--mine" : "reaction"} aria-pressed={reaction.mine ? "true" : "false"}>
              {t(`community.reactions.${reaction.reaction}`, { count: reaction.count })}
            </button>
          </Form>
        ) : reaction.count > 0 ? (
          <span class="reaction">{t(`community.reactions.${reaction.reaction}`, { count: reaction.count })}</span>
        ) : null,
      )}
    </div>
  );
}

function Post(props: { topicId: number; post: PostView; depth: number; open: boolean; language: string; wikiEditor?: boolean }) {
  const { t, actor, can } = usePage();
  const { post } = props;
  return (
    <article class={`post post--depth-${props.depth}${post.hidden ? " post--hidden" : ""}`} id={`post-${post.id}`} aria-label={t("community.post.label", { name: post.author_name })}>
      <p class="post__meta">
        <strong>{post.author_name}</strong> <Time date={post.created_at} time />
        {post.edited_at ? <span class="muted"> · {t("community.post.edited")}</span> : null}
        {post.hidden ? <span class="badge badge--warning">{t("community.post.hidden")}</span> : null}
      </p>
      {post.quote ? (
        <div class="post__quote">
          <p class="muted">{t("community.post.quoteOf", { name: post.quote_author ?? "" })}</p>
          {/* The stored quote is a markdown blockquote. */}
          <Markdown source={post.quote} lang={props.language} />
        </div>
      ) : null}
      <Markdown source={post.body} lang={props.language} />
      <Reactions post={post} open={props.open} />
      {actor && (actor.id === post.author_id || can("discussions.moderate") || props.wikiEditor) ? (
        <details class="post-edit">
          <summary>{t("community.post.edit")}</summary>
          <Form action={`/discussions/posts/${post.id}/edit`} aria-label={t("community.post.edit")}>
            <Field name="body" label={t("community.post.body")} value={post.body} required multiline maxLength={POST_MAX} />
            <Button variant="secondary" size="small">
              {t("community.post.saveEdit")}
            </Button>
          </Form>
        </details>
      ) : null}
      {actor && props.open ? (
        <p class="post__actions">
          <a href={`/discussions/t/${props.topicId}?replyTo=${post.id}#reply`}>{t("community.post.reply")}</a>
          {" · "}
          <a href={`/discussions/t/${props.topicId}?replyTo=${post.id}&quote=${post.id}#reply`}>{t("community.post.quote")}</a>
        </p>
      ) : null}
    </article>
  );
}

function Poll(props: { poll: PollView; open: boolean; errors: FieldErrors | undefined }) {
  const { t, actor, formatNumber } = usePage();
  const { poll } = props;
  const showResults = poll.myChoices !== null || !actor || !props.open;
  return (
    <section class="poll" aria-labelledby={`poll-${poll.id}`}>
      <h2 id={`poll-${poll.id}`} dir="auto">
        {poll.question}
      </h2>
      {showResults ? (
        <>
          <ul class="poll__results">
            {poll.options.map((option) => (
              <li>
                <span dir="auto">{option.label}</span>
                {poll.myChoices?.includes(option.id) ? <span class="badge badge--info">{t("community.poll.yourChoice")}</span> : null}{" "}
                <meter min={0} max={100} value={option.percent} aria-label={option.label} />{" "}
                <span>{t("community.poll.votes", { count: option.votes, formatted: formatNumber(option.votes), percent: formatNumber(option.percent) })}</span>
              </li>
            ))}
          </ul>
          <p class="muted">{t("community.poll.voters", { count: poll.voters, formatted: formatNumber(poll.voters) })}</p>
        </>
      ) : (
        <Form action={`/discussions/polls/${poll.id}/vote`} aria-label={t("community.poll.vote")}>
          <ErrorSummary errors={props.errors} />
          <fieldset>
            <legend>{poll.multiple ? t("community.poll.chooseMany") : t("community.poll.chooseOne")}</legend>
            {poll.options.map((option) => (
              <div class="field field--checkbox">
                <input type={poll.multiple ? "checkbox" : "radio"} id={`option-${option.id}`} name="options" value={String(option.id)} />
                <label for={`option-${option.id}`} dir="auto">
                  {option.label}
                </label>
              </div>
            ))}
          </fieldset>
          <Button variant="secondary">{t("community.poll.vote")}</Button>
        </Form>
      )}
    </section>
  );
}

function StaffTools(props: { topic: TopicView; categories: CategoryRow[] }) {
  const { t, locale } = usePage();
  const { topic } = props;
  const flags: Array<[string, string]> = [
    [topic.pinned ? "unpin" : "pin", topic.pinned ? "community.staff.unpin" : "community.staff.pin"],
    [topic.locked ? "unlock" : "lock", topic.locked ? "community.staff.unlock" : "community.staff.lock"],
    [topic.closed ? "reopen" : "close", topic.closed ? "community.staff.reopen" : "community.staff.close"],
    [topic.wiki ? "unwiki" : "wiki", topic.wiki ? "community.staff.unwiki" : "community.staff.wiki"],
  ];
  return (
    <details class="staff-tools">
      <summary>{t("community.staff.tools")}</summary>
      <div class="staff-tools__row">
        {flags.map(([flag, key]) => (
          <Form action={`/discussions/t/${topic.id}/flag`} class="form form--inline">
            <input type="hidden" name="flag" value={flag} />
            <Button variant="secondary" size="small">
              {t(key)}
            </Button>
          </Form>
        ))}
      </div>
      <Form action={`/discussions/t/${topic.id}/move`} class="form form--inline" aria-label={t("community.staff.move")}>
        <Select name="categoryId" label={t("community.staff.moveTo")} value={String(topic.category.id)} options={props.categories.map((category) => ({ value: String(category.id), label: categoryName(category.names, locale, category.slug) }))} />
        <Button variant="secondary" size="small">
          {t("community.staff.move")}
        </Button>
      </Form>
      <Form action={`/discussions/t/${topic.id}/merge`} class="form form--inline" aria-label={t("community.staff.merge")}>
        <Field name="into" label={t("community.staff.mergeInto")} type="number" />
        <Button variant="secondary" size="small">
          {t("community.staff.merge")}
        </Button>
      </Form>
      <Form action={`/discussions/t/${topic.id}/split`} class="form" aria-label={t("community.staff.split")}>
        <Field name="postIds" label={t("community.staff.splitPosts")} hint={t("community.staff.splitHint")} />
        <Field name="title" label={t("community.staff.splitTitle")} maxLength={TITLE_MAX} />
        <Button variant="secondary" size="small">
          {t("community.staff.split")}
        </Button>
      </Form>
    </details>
  );
}

export interface TopicPageForms {
  reply?: TextForm;
  vote?: FieldErrors;
  replyTo?: { id: number; name: string } | null;
  quoteOf?: { id: number; name: string } | null;
}

/** /discussions/t/:id: the topic, its poll, its thread, and the reply form. */
export function TopicPage(props: { topic: TopicView; categories: CategoryRow[]; forms: TopicPageForms }) {
  const { t, locale, actor, can } = usePage();
  const { topic, forms } = props;
  const open = !topic.closed && (!topic.locked || can("discussions.moderate")) && topic.merged_into === null;
  return (
    <>
      <p class="breadcrumb">
        <a href="/discussions">{t("community.discussions.title")}</a> › <a href={`/discussions/c/${topic.category.slug}`}>{categoryName(topic.category.names, locale, topic.category.slug)}</a>
      </p>
      <header class="page-header">
        <h1 lang={topic.language} dir="auto">
          {topic.title}
        </h1>
        <p>
          {topic.pinned ? <span class="badge badge--info">{t("community.topic.pinned")}</span> : null}
          {topic.locked ? <span class="badge">{t("community.topic.locked")}</span> : null}
          {topic.closed ? <span class="badge">{t("community.topic.closed")}</span> : null}
          {topic.wiki ? <span class="badge badge--info">{t("community.topic.wiki")}</span> : null}
          {topic.hidden ? <span class="badge badge--warning">{t("community.topic.pending")}</span> : null}
          {topic.merged_into !== null ? <a href={`/discussions/t/${topic.merged_into}`}>{t("community.topic.mergedInto")}</a> : null}
        </p>
      </header>
      {can("discussions.moderate") ? <StaffTools topic={topic} categories={props.categories} /> : null}
      <Post topicId={topic.id} post={topic.opening} depth={0} open={open} language={topic.language} wikiEditor={topic.wikiEditor} />
      {topic.poll ? <Poll poll={topic.poll} open={open} errors={forms.vote} /> : null}
      <section aria-labelledby="replies-heading" class="thread">
        <h2 id="replies-heading">{t("community.topic.replies", { count: topic.replies.length, formatted: String(topic.replies.length) })}</h2>
        {topic.replies.map((post) => (
          <Post topicId={topic.id} post={post} depth={post.depth} open={open} language={topic.language} />
        ))}
      </section>
      {!open ? (
        <p class="muted">{topic.closed ? t("community.topic.closedNote") : t("community.topic.lockedNote")}</p>
      ) : actor ? (
        <Form action={`/discussions/t/${topic.id}/reply`} id="reply" aria-label={t("community.post.replyForm")}>
          <h2>{t("community.post.replyForm")}</h2>
          <ErrorSummary errors={forms.reply?.errors} />
          {forms.replyTo ? (
            <p class="muted">
              {t("community.post.replyingTo", { name: forms.replyTo.name })} <input type="hidden" name="replyToId" value={String(forms.replyTo.id)} />
            </p>
          ) : null}
          {forms.quoteOf ? (
            <p class="muted">
              {t("community.post.quoting", { name: forms.quoteOf.name })} <input type="hidden" name="quoteOfId" value={String(forms.quoteOf.id)} />
            </p>
          ) : null}
          <Field name="body" label={t("community.post.body")} hint={t("community.markdownHint")} value={forms.reply?.values.body} errors={forms.reply?.errors} required multiline maxLength={POST_MAX} />
          <Button>{t("community.post.send")}</Button>
        </Form>
      ) : (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(`/discussions/t/${topic.id}`)}`}>{t("community.signInToReply")}</a>
        </p>
      )}
    </>
  );
}

/** /discussions/new: the new-topic form with an optional poll. */
export function NewTopicPage(props: { categories: CategoryRow[]; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const { values, errors } = props;
  return (
    <>
      <PageHeader title={t("community.topic.new")} />
      <Form action="/discussions/new" aria-label={t("community.topic.new")}>
        <ErrorSummary errors={errors} />
        <Select name="categoryId" label={t("community.topic.category")} value={values.categoryId ?? ""} required errors={errors} options={props.categories.map((category) => ({ value: String(category.id), label: categoryName(category.names, locale, category.slug) }))} />
        <Field name="title" label={t("community.topic.titleField")} value={values.title} errors={errors} required maxLength={TITLE_MAX} />
        <Field name="body" label={t("community.post.body")} hint={t("community.markdownHint")} value={values.body} errors={errors} required multiline maxLength={POST_MAX} />
        <Select name="language" label={t("community.language")} value={values.language ?? locale} options={languageOptions()} errors={errors} />
        <fieldset class="poll-fields">
          <legend>{t("community.poll.add")}</legend>
          <Field name="pollQuestion" label={t("community.poll.question")} value={values.pollQuestion} errors={errors?.poll ? { pollQuestion: errors.poll } : undefined} />
          <Field name="pollOptions" label={t("community.poll.options")} hint={t("community.poll.optionsHint", { max: POLL_MAX_OPTIONS })} value={values.pollOptions} multiline />
          <Checkbox name="pollMultiple" label={t("community.poll.multiple")} checked={values.pollMultiple === "on"} />
        </fieldset>
        <Button>{t("community.topic.create")}</Button>
      </Form>
    </>
  );
}
