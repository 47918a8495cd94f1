/** The discussion pages and their forms; server-rendered, every form works without script. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PageQuery } from "../../../../platform/console/paging.ts";
import { IdParams, Text } from "../../../../platform/console/schemas.ts";
import { invalid, notFound } from "../../../../platform/errors.ts";
import { addSiteNav } from "../../../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../../../platform/web/render.tsx";
import { fieldList, fieldText, formId, languageOf, memberOf, schemaErrors, withFieldErrors } from "../forms.ts";
import { REACTIONS } from "../tables.ts";
import { CategoryPage, DiscussionsPage, NewTopicPage, TopicPage, type TopicPageForms } from "../views/discussions.tsx";
import { CommunityStylesheet } from "../views/shared.tsx";
import { findCategory, listCategories, listTopics, loadTopic } from "./queries.ts";
import { createTopic, editPost, mergeTopics, moveTopic, POST_MAX, replyToTopic, setTopicFlag, splitTopic, TITLE_MAX, toggleReaction, TOPIC_FLAGS, votePoll } from "./service.ts";

addSiteNav({ href: "/discussions", labelKey: "community.nav.discussions", order: 120 });

const PAGE_SIZE = 30;
/** Posts per member per minute from the forms; more is flooding, not conversation. */
const POST_LIMIT = { max: 6, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => (request.actor ? `member:${request.actor.id}` : request.ip) };

const OptionalId = Type.String({ pattern: "^[0-9]{0,15}$" });
const NewTopicBody = Type.Object(
  {
    categoryId: OptionalId,
    title: Text({ maxLength: TITLE_MAX }),
    body: Text({ maxLength: POST_MAX }),
    language: Type.String({ maxLength: 5 }),
    pollQuestion: Type.Optional(Text({ maxLength: 500 })),
    pollOptions: Type.Optional(Text({ maxLength: 5000 })),
    pollMultiple: Type.Optional(Type.Literal("on")),
  },
  { additionalProperties: false },
);
const ReplyBody = Type.Object({ body: Text({ maxLength: POST_MAX }), replyToId: Type.Optional(OptionalId), quoteOfId: Type.Optional(OptionalId) }, { additionalProperties: false });
const ReactBody = Type.Object({ reaction: Type.Enum([...REACTIONS]) }, { additionalProperties: false });
const VoteBody = Type.Object({ options: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20 })])) }, { additionalProperties: false });
const FlagBody = Type.Object({ flag: Type.Enum([...TOPIC_FLAGS]) }, { additionalProperties: false });
const MoveBody = Type.Object({ categoryId: OptionalId }, { additionalProperties: false });
const MergeBody = Type.Object({ into: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
const SplitBody = Type.Object({ postIds: Type.String({ maxLength: 2000 }), title: Text({ maxLength: TITLE_MAX }) }, { additionalProperties: false });
const TopicQuery = Type.Object({ replyTo: Type.Optional(OptionalId), quote: Type.Optional(OptionalId) });

export async function discussionPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const head = <CommunityStylesheet />;

  app.get("/discussions", { config: { anonymousCache: true }, schema: { querystring: Type.Object({ page: Type.Optional(PageQuery) }) } }, async (request, reply) => {
    const page = request.query.page ?? 1;
    const list = await listTopics(db, {}, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    const categories = await listCategories(db);
    return sendPage(request, reply, <DiscussionsPage categories={categories} topics={list.rows} page={page} hasNext={list.hasNext} />, { title: request.t("community.discussions.title"), description: request.t("community.discussions.lead"), head });
  });

  app.get("/discussions/c/:slug", { config: { anonymousCache: true }, schema: { params: Type.Object({ slug: Type.String({ maxLength: 60 }) }), querystring: Type.Object({ page: Type.Optional(PageQuery) }) } }, async (request, reply) => {
    const category = await findCategory(db, request.params.slug);
    if (!category) throw notFound("category_not_found", "community.errors.categoryNotFound");
    const page = request.query.page ?? 1;
    const list = await listTopics(db, { categoryId: category.id }, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    return sendPage(request, reply, <CategoryPage category={category} categories={await listCategories(db)} topics={list.rows} page={page} hasNext={list.hasNext} />, { title: category.names[request.locale] ?? category.slug, head });
  });

  async function showTopic(request: FastifyRequest, reply: FastifyReply, id: number, forms: TopicPageForms, status = 200): Promise<FastifyReply> {
    const topic = await loadTopic(db, id, request.actor);
    const everyPost = [topic.opening, ...topic.replies];
    const named = (postId: number | null | undefined) => {
      const post = postId == null ? undefined : everyPost.find((candidate) => candidate.id === postId);
      return post ? { id: post.id, name: post.author_name } : null;
    };
    const query = request.query as { replyTo?: string; quote?: string };
    const withPrompt = { ...forms, replyTo: forms.replyTo ?? named(formId(query.replyTo ?? "")), quoteOf: forms.quoteOf ?? named(formId(query.quote ?? "")) };
    return sendPage(request, reply, <TopicPage topic={topic} categories={await listCategories(db)} forms={withPrompt} />, { title: topic.title, head, status });
  }

  app.get("/discussions/t/:id", { config: { anonymousCache: true }, schema: { params: IdParams, querystring: TopicQuery } }, async (request, reply) => showTopic(request, reply, request.params.id, {}));

  app.post("/discussions/t/:id/reply", { config: { access: "member", rateLimit: POST_LIMIT }, schema: { params: IdParams, body: ReplyBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const values = { body: fieldText(request.body, "body", POST_MAX) };
    const replyToId = formId(fieldText(request.body, "replyToId", 20));
    const quoteOfId = formId(fieldText(request.body, "quoteOfId", 20));
    const failed = (errors: NonNullable<TopicPageForms["reply"]>["errors"]) => showTopic(request, reply, id, { reply: { values, errors } }, 400);
    const errors = schemaErrors(request);
    if (errors) return failed(errors);
    const result = await withFieldErrors(() => replyToTopic(db, actor, id, { body: values.body, replyToId, quoteOfId }));
    if (!result.ok) return failed(result.errors);
    const key = result.value.pending ? "community.flash.pending" : "community.flash.replied";
    return redirectWithFlash(reply, `/discussions/t/${id}#post-${result.value.postId}`, { kind: "success", key });
  });

  app.post("/discussions/posts/:id/react", { config: { access: "member" }, schema: { params: IdParams, body: ReactBody } }, async (request, reply) => {
    await toggleReaction(db, memberOf(request), request.params.id, request.body.reaction);
    const post = await db.selectFrom("posts").select("topic_id").where("id", "=", request.params.id).executeTakeFirstOrThrow();
    return reply.redirect(`/discussions/t/${post.topic_id}#post-${request.params.id}`, 303);
  });

  app.post("/discussions/polls/:id/vote", { config: { access: "member" }, schema: { params: IdParams, body: VoteBody } }, async (request, reply) => {
    const actor = memberOf(request);
    const poll = await db.selectFrom("polls").innerJoin("posts", "posts.id", "polls.post_id").select("posts.topic_id").where("polls.id", "=", request.params.id).executeTakeFirst();
    if (!poll) throw notFound("poll_not_found", "community.errors.pollNotFound");
    const chosen = fieldList(request.body, "options").map(formId);
    if (chosen.some((id) => id === null)) throw invalid("invalid_choice", "community.errors.pollChoice", { options: { key: "community.errors.pollChoice" } });
    const result = await withFieldErrors(() => votePoll(db, actor, request.params.id, chosen as number[]));
    if (!result.ok) return showTopic(request, reply, poll.topic_id, { vote: result.errors }, 400);
    return redirectWithFlash(reply, `/discussions/t/${poll.topic_id}`, { kind: "success", key: "community.flash.voted" });
  });

  app.post("/discussions/posts/:id/edit", { config: { access: "member" }, schema: { params: IdParams, body: Type.Object({ body: Text({ maxLength: POST_MAX }) }, { additionalProperties: false }) } }, async (request, reply) => {
    await editPost(db, memberOf(request), request.params.id, { body: request.body.body });
    const post = await db.selectFrom("posts").select("topic_id").where("id", "=", request.params.id).executeTakeFirstOrThrow();
    return redirectWithFlash(reply, `/discussions/t/${post.topic_id}#post-${request.params.id}`, { kind: "success", key: "community.flash.edited" });
  });

  // ---- new topic ----------------------------------------------------------------------------

  async function showNewTopic(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: Parameters<typeof NewTopicPage>[0]["errors"], status = 200): Promise<FastifyReply> {
    return sendPage(request, reply, <NewTopicPage categories={await listCategories(db)} values={values} errors={errors} />, { title: request.t("community.topic.new"), head, status });
  }

  app.get("/discussions/new", { config: { access: "member" }, schema: { querystring: Type.Object({ category: Type.Optional(OptionalId) }) } }, async (request, reply) =>
    showNewTopic(request, reply, { categoryId: request.query.category ?? "", language: request.locale }),
  );

  app.post("/discussions/new", { config: { access: "member", rateLimit: POST_LIMIT }, schema: { body: NewTopicBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const names = ["categoryId", "title", "body", "language", "pollQuestion", "pollOptions", "pollMultiple"];
    const values = Object.fromEntries(names.map((name) => [name, fieldText(request.body, name)]));
    const errors = schemaErrors(request);
    if (errors) return showNewTopic(request, reply, values, errors, 400);
    const categoryId = formId(values.categoryId ?? "");
    if (categoryId === null) return showNewTopic(request, reply, values, { categoryId: { key: "errors.field.required" } }, 400);
    const options = (values.pollOptions ?? "").split(/\r?\n/);
    const wantsPoll = (values.pollQuestion ?? "").trim() !== "" || options.some((option) => option.trim() !== "");
    const input = {
      categoryId,
      title: values.title ?? "",
      body: values.body ?? "",
      language: languageOf(values.language ?? "", request.locale),
      poll: wantsPoll ? { question: values.pollQuestion ?? "", options, multiple: values.pollMultiple === "on" } : null,
    };
    const result = await withFieldErrors(() => createTopic(db, actor, input));
    if (!result.ok) return showNewTopic(request, reply, values, result.errors, 400);
    const key = result.value.pending ? "community.flash.pending" : "community.flash.topicCreated";
    return redirectWithFlash(reply, `/discussions/t/${result.value.topicId}`, { kind: "success", key });
  });

  // ---- staff --------------------------------------------------------------------------------

  const staff = { access: { action: "discussions.moderate" } };

  app.post("/discussions/t/:id/flag", { config: staff, schema: { params: IdParams, body: FlagBody } }, async (request, reply) => {
    await setTopicFlag(db, memberOf(request), request.params.id, request.body.flag, { ip: request.ip });
    return redirectWithFlash(reply, `/discussions/t/${request.params.id}`, { kind: "success", key: "community.flash.topicUpdated" });
  });

  app.post("/discussions/t/:id/move", { config: staff, schema: { params: IdParams, body: MoveBody } }, async (request, reply) => {
    const categoryId = formId(request.body.categoryId);
    if (categoryId === null) throw invalid("unknown_category", "community.errors.unknownCategory", { categoryId: { key: "community.errors.unknownCategory" } });
    await moveTopic(db, memberOf(request), request.params.id, categoryId, { ip: request.ip });
    return redirectWithFlash(reply, `/discussions/t/${request.params.id}`, { kind: "success", key: "community.flash.topicUpdated" });
  });

  app.post("/discussions/t/:id/merge", { config: staff, schema: { params: IdParams, body: MergeBody } }, async (request, reply) => {
    const into = formId(request.body.into);
    if (into === null) throw invalid("unknown_topic", "community.errors.topicNotFound", { into: { key: "community.errors.topicNotFound" } });
    await mergeTopics(db, memberOf(request), request.params.id, into, { ip: request.ip });
    return redirectWithFlash(reply, `/discussions/t/${into}`, { kind: "success", key: "community.flash.merged" });
  });

  app.post("/discussions/t/:id/split", { config: staff, schema: { params: IdParams, body: SplitBody } }, async (request, reply) => {
    const ids = request.body.postIds.split(/[\s,،]+/).filter(Boolean).map(formId);
    if (ids.some((id) => id === null)) throw invalid("invalid_split", "community.errors.splitPosts", { postIds: { key: "community.errors.splitPosts" } });
    const created = await splitTopic(db, memberOf(request), request.params.id, { postIds: ids as number[], title: request.body.title }, { ip: request.ip });
    return redirectWithFlash(reply, `/discussions/t/${created}`, { kind: "success", key: "community.flash.split" });
  });
}
