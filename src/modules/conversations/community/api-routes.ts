/**
 * The community JSON API under /api/v1: topics (list, get, create, reply), reviews (list per
 * product, create, helpful), verified purchases (import), creations (list, get, create, like).
 * Every content object carries `url`, its public page.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { invalid } from "../../../platform/errors.ts";
import { memberOf } from "./forms.ts";
import { LANGUAGES } from "./policy.ts";
import { listTopics, loadTopic, type PostView } from "./discussions/queries.ts";
import { createTopic, editPost, POST_MAX, postUrl, replyToTopic, TITLE_MAX, topicUrl } from "./discussions/service.ts";
import { CREATION_SORTS, listCreations, loadCreation, type CreationRow } from "./creations/queries.ts";
import { CREATION_MAX, CREATION_TITLE_MAX, createCreation, creationImageUrl, creationUrl, editCreation, likeCreation, unlikeCreation } from "./creations/service.ts";
import { MAX_PURCHASE_ROWS } from "./reviews/purchases-csv.ts";
import { createReview, editReview, importPurchases, listReviews, markHelpful, productRating, requireProduct, REVIEW_MAX, REVIEW_SORTS, REVIEW_TITLE_MAX, reviewUrl, type ReviewRow } from "./reviews/service.ts";
import { GPX_MAX_BYTES } from "./rules/gpx.ts";
import { POLL_MAX_OPTIONS } from "./rules/polls.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const Language = literals(LANGUAGES);
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const Paging = { offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) };
const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const DateTime = Type.String({ format: "date-time" });

const TopicJson = Type.Object({ id: Type.Integer(), url: Type.String(), title: Type.String(), language: Type.String(), categoryId: Type.Integer(), author: Type.String(), replies: Type.Integer(), pinned: Type.Boolean(), locked: Type.Boolean(), closed: Type.Boolean(), lastPostedAt: DateTime });
const PostJson = Type.Object({ id: Type.Integer(), url: Type.String(), author: Type.String(), body: Type.String(), replyToId: Type.Union([Type.Integer(), Type.Null()]), quoteOfId: Type.Union([Type.Integer(), Type.Null()]), depth: Type.Integer(), createdAt: DateTime, reactions: Type.Record(Type.String(), Type.Integer()) });
const PollJson = Type.Object({ id: Type.Integer(), question: Type.String(), multiple: Type.Boolean(), voters: Type.Integer(), options: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), votes: Type.Integer(), percent: Type.Integer() })) });
const TopicDetailJson = Type.Object({ id: Type.Integer(), url: Type.String(), title: Type.String(), language: Type.String(), categoryId: Type.Integer(), pinned: Type.Boolean(), locked: Type.Boolean(), closed: Type.Boolean(), opening: PostJson, replies: Type.Array(PostJson), poll: Type.Union([PollJson, Type.Null()]) });
const ReviewJson = Type.Object({ id: Type.Integer(), url: Type.String(), productId: Type.Integer(), author: Type.String(), rating: Type.Integer(), title: Type.String(), body: Type.String(), language: Type.String(), verifiedBuyer: Type.Boolean(), helpful: Type.Integer(), createdAt: DateTime, response: Type.Union([Type.String(), Type.Null()]) });
const RatingJson = Type.Object({ average: Type.Number(), mean: Type.Union([Type.Number(), Type.Null()]), count: Type.Integer() });
const CreationJson = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  body: Type.String(),
  language: Type.String(),
  author: Type.String(),
  productId: Type.Union([Type.Integer(), Type.Null()]),
  tags: Type.Array(Type.String()),
  likes: Type.Integer(),
  madeToo: Type.Integer(),
  featured: Type.Boolean(),
  route: Type.Union([Type.Object({ name: Type.Union([Type.String(), Type.Null()]), meters: Type.Union([Type.Integer(), Type.Null()]), points: Type.Array(Type.Array(Type.Number())) }), Type.Null()]),
  images: Type.Array(Type.String()),
  createdAt: DateTime,
});

function presentPost(topicId: number, post: PostView & { depth?: number }) {
  return {
    id: post.id,
    url: postUrl(topicId, post.id),
    author: post.author_name,
    body: post.body,
    replyToId: post.reply_to_id,
    quoteOfId: post.quote_of_id,
    depth: post.depth ?? 0,
    createdAt: post.created_at.toISOString(),
    reactions: Object.fromEntries(post.reactions.map((reaction) => [reaction.reaction, reaction.count])),
  };
}

function presentReview(row: ReviewRow): Static<typeof ReviewJson> {
  return { id: row.id, url: reviewUrl(row.product_id, row.id), productId: row.product_id, author: row.author_name, rating: row.rating, title: row.title, body: row.body, language: row.language, verifiedBuyer: row.verified_buyer, helpful: row.helpful_count, createdAt: row.created_at.toISOString(), response: row.response };
}

function presentCreation(row: CreationRow, images: string[] = row.cover ? [row.cover] : []): Static<typeof CreationJson> {
  return {
    id: row.id,
    url: creationUrl(row.id),
    title: row.title,
    body: row.body,
    language: row.language,
    author: row.author_name,
    productId: row.product_id,
    tags: row.tags,
    likes: row.like_count,
    madeToo: row.made_too_count,
    featured: row.featured_at !== null,
    route: row.route ? { name: row.route_name, meters: row.route_meters, points: row.route } : null,
    images: images.map((file) => creationImageUrl(row.id, file)),
    createdAt: row.created_at.toISOString(),
  };
}

const TopicCreateBody = Type.Object(
  {
    categoryId: Id,
    title: Text({ minLength: 1, maxLength: TITLE_MAX }),
    body: Text({ minLength: 1, maxLength: POST_MAX }),
    language: Language,
    poll: Type.Optional(Type.Object({ question: Text({ maxLength: 200 }), options: Type.Array(Text({ maxLength: 100 }), { minItems: 2, maxItems: POLL_MAX_OPTIONS }), multiple: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const ReplyBody = Type.Object({ body: Text({ minLength: 1, maxLength: POST_MAX }), replyToId: Type.Optional(Id), quoteOfId: Type.Optional(Id) }, { additionalProperties: false });
const ReviewBody = Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }), title: Type.Optional(Text({ maxLength: REVIEW_TITLE_MAX })), body: Text({ minLength: 1, maxLength: REVIEW_MAX }), language: Language }, { additionalProperties: false });
const PurchasesBody = Type.Object(
  { purchases: Type.Array(Type.Object({ externalId: Text({ minLength: 1, maxLength: 200 }), email: Type.String({ format: "email", maxLength: 254 }), productId: Id, purchasedAt: DateTime }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_PURCHASE_ROWS }) },
  { additionalProperties: false },
);
const CreationBody = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: CREATION_TITLE_MAX }),
    body: Text({ minLength: 1, maxLength: CREATION_MAX }),
    language: Language,
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 8 })),
    productId: Type.Optional(Type.Union([Id, Type.Null()])),
    gpx: Type.Optional(Type.String({ maxLength: GPX_MAX_BYTES })),
  },
  { additionalProperties: false },
);

export async function communityApiRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  // ---- topics -------------------------------------------------------------------------------
  const topicTags = ["discussions"];
  app.get(
    "/api/v1/topics",
    { schema: { tags: topicTags, summary: "List topics, latest activity first", querystring: Type.Object({ categoryId: Type.Optional(Id), language: Type.Optional(Language), ...Paging }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(TopicJson), hasNext: Type.Boolean() }) } } },
    async (request) => {
      const { categoryId, language, offset = 0, limit = 20 } = request.query;
      const list = await listTopics(db, { categoryId, language }, offset, limit);
      return {
        items: list.rows.map((row) => ({ id: row.id, url: topicUrl(row.id), title: row.title, language: row.language, categoryId: row.category_id, author: row.author_name, replies: row.reply_count, pinned: row.pinned_at !== null, locked: row.locked_at !== null, closed: row.closed_at !== null, lastPostedAt: row.last_posted_at.toISOString() })),
        hasNext: list.hasNext,
      };
    },
  );

  app.get("/api/v1/topics/:id", { schema: { tags: topicTags, summary: "One topic with its thread and poll", params: IdParams, response: { 200: TopicDetailJson, 404: ErrorJson } } }, async (request) => {
    const topic = await loadTopic(db, request.params.id, request.actor);
    const poll = topic.poll ? { id: topic.poll.id, question: topic.poll.question, multiple: topic.poll.multiple, voters: topic.poll.voters, options: topic.poll.options } : null;
    return { id: topic.id, url: topicUrl(topic.id), title: topic.title, language: topic.language, categoryId: topic.category.id, pinned: topic.pinned, locked: topic.locked, closed: topic.closed, opening: presentPost(topic.id, topic.opening), replies: topic.replies.map((post) => presentPost(topic.id, post)), poll };
  });

  app.post(
    "/api/v1/topics",
    { config: { access: "member" }, schema: { tags: topicTags, summary: "Start a topic (optionally with a poll)", body: TopicCreateBody, response: { 201: Type.Object({ id: Type.Integer(), url: Type.String(), pending: Type.Boolean() }), 400: ErrorJson } } },
    async (request, reply) => {
      const body = request.body;
      const poll = body.poll ? { question: body.poll.question, options: body.poll.options, multiple: body.poll.multiple ?? false } : null;
      const result = await createTopic(db, memberOf(request), { categoryId: body.categoryId, title: body.title, body: body.body, language: body.language, poll });
      return reply.status(201).send({ id: result.topicId, url: topicUrl(result.topicId), pending: result.pending });
    },
  );

  app.post(
    "/api/v1/topics/:id/posts",
    { config: { access: "member" }, schema: { tags: topicTags, summary: "Reply in a topic", params: IdParams, body: ReplyBody, response: { 201: Type.Object({ id: Type.Integer(), url: Type.String(), pending: Type.Boolean() }), 400: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      const result = await replyToTopic(db, memberOf(request), request.params.id, request.body);
      return reply.status(201).send({ id: result.postId, url: postUrl(request.params.id, result.postId), pending: result.pending });
    },
  );

  app.patch(
    "/api/v1/posts/:id",
    { config: { access: "member" }, schema: { tags: topicTags, summary: "Edit a post (its author or a moderator; the old text is kept as a revision)", params: IdParams, body: Type.Object({ body: Text({ minLength: 1, maxLength: POST_MAX }) }, { additionalProperties: false }), response: { 200: Type.Object({ id: Type.Integer(), url: Type.String() }), 403: ErrorJson, 404: ErrorJson } } },
    async (request) => {
      await editPost(db, memberOf(request), request.params.id, { body: request.body.body });
      const post = await db.selectFrom("posts").select("topic_id").where("id", "=", request.params.id).executeTakeFirstOrThrow();
      return { id: request.params.id, url: postUrl(post.topic_id, request.params.id) };
    },
  );

  // ---- reviews ------------------------------------------------------------------------------
  const reviewTags = ["reviews"];
  app.get(
    "/api/v1/products/:id/reviews",
    { schema: { tags: reviewTags, summary: "A product's rating and reviews", params: IdParams, querystring: Type.Object({ sort: Type.Optional(literals(REVIEW_SORTS)), ...Paging }, { additionalProperties: false }), response: { 200: Type.Object({ url: Type.String(), rating: RatingJson, items: Type.Array(ReviewJson), hasNext: Type.Boolean() }), 404: ErrorJson } } },
    async (request) => {
      await requireProduct(db, request.params.id);
      const { sort = "helpful", offset = 0, limit = 20 } = request.query;
      const list = await listReviews(db, request.params.id, sort, offset, limit);
      const rating = await productRating(db, request.params.id);
      return { url: `/products/${request.params.id}/reviews`, rating: { average: rating.average, mean: rating.mean, count: rating.count }, items: list.rows.map(presentReview), hasNext: list.hasNext };
    },
  );

  app.post(
    "/api/v1/products/:id/reviews",
    { config: { access: "member" }, schema: { tags: reviewTags, summary: "Review a product (once per member)", params: IdParams, body: ReviewBody, response: { 201: Type.Object({ id: Type.Integer(), url: Type.String(), pending: Type.Boolean() }), 400: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      const result = await createReview(db, memberOf(request), request.params.id, request.body);
      return reply.status(201).send({ id: result.reviewId, url: reviewUrl(request.params.id, result.reviewId), pending: result.pending });
    },
  );

  app.patch(
    "/api/v1/reviews/:id",
    { config: { access: "member" }, schema: { tags: reviewTags, summary: "Edit one's review", params: IdParams, body: ReviewBody, response: { 200: Type.Object({ id: Type.Integer(), url: Type.String() }), 403: ErrorJson, 404: ErrorJson } } },
    async (request) => {
      await editReview(db, memberOf(request), request.params.id, request.body);
      const review = await db.selectFrom("reviews").select("product_id").where("id", "=", request.params.id).executeTakeFirstOrThrow();
      return { id: request.params.id, url: reviewUrl(review.product_id, request.params.id) };
    },
  );

  app.put(
    "/api/v1/reviews/:id/helpful",
    { config: { access: "member" }, schema: { tags: reviewTags, summary: "Mark a review helpful (once; not one's own)", params: IdParams, response: { 200: Type.Object({ helpful: Type.Integer() }), 403: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request) => ({ helpful: await markHelpful(db, memberOf(request), request.params.id) }),
  );

  app.post(
    "/api/v1/verified-purchases",
    { config: { access: { action: "reviews.import" } }, schema: { tags: reviewTags, summary: "Import verified purchases (idempotent by externalId)", body: PurchasesBody, response: { 200: Type.Object({ imported: Type.Integer(), duplicates: Type.Integer() }), 400: ErrorJson } } },
    async (request) => {
      const rows = request.body.purchases.map((row) => ({ externalId: row.externalId, email: row.email.toLowerCase(), productId: row.productId, purchasedAt: new Date(row.purchasedAt) }));
      const result = await importPurchases(db, memberOf(request), rows, { ip: request.ip, source: "api" });
      if (result.unknownProducts.length > 0) throw invalid("unknown_products", "community.purchases.unknownProducts", { purchases: { key: "community.purchases.unknownProducts", params: { ids: result.unknownProducts.slice(0, 20).join(", ") } } }, { ids: result.unknownProducts.slice(0, 20).join(", ") });
      return { imported: result.imported, duplicates: result.duplicates };
    },
  );

  // ---- creations ----------------------------------------------------------------------------
  const creationTags = ["creations"];
  app.get(
    "/api/v1/creations",
    { schema: { tags: creationTags, summary: "List creations", querystring: Type.Object({ sort: Type.Optional(literals(CREATION_SORTS)), tag: Type.Optional(Type.String({ maxLength: 30 })), productId: Type.Optional(Id), ...Paging }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(CreationJson), hasNext: Type.Boolean() }) } } },
    async (request) => {
      const { sort = "recent", tag, productId, offset = 0, limit = 20 } = request.query;
      const list = await listCreations(db, { sort, tag: tag?.toLocaleLowerCase(), productId }, offset, limit);
      return { items: list.rows.map((row) => presentCreation(row)), hasNext: list.hasNext };
    },
  );

  app.get("/api/v1/creations/:id", { schema: { tags: creationTags, summary: "One creation", params: IdParams, response: { 200: CreationJson, 404: ErrorJson } } }, async (request) => {
    const creation = await loadCreation(db, request.params.id, request.actor);
    return presentCreation(creation, creation.images.map((image) => image.file_name));
  });

  app.post(
    "/api/v1/creations",
    { config: { access: "member" }, schema: { tags: creationTags, summary: "Share a creation (with an optional GPX route as text)", body: CreationBody, response: { 201: CreationJson, 400: ErrorJson } } },
    async (request, reply) => {
      const actor = memberOf(request);
      const { id } = await createCreation(app.hearth, actor, { ...request.body, gpx: request.body.gpx ?? null });
      const creation = await loadCreation(db, id, actor);
      return reply.status(201).send(presentCreation(creation, []));
    },
  );

  const CreationEditBody = Type.Object({ title: Text({ minLength: 1, maxLength: CREATION_TITLE_MAX }), body: Text({ minLength: 1, maxLength: CREATION_MAX }), tags: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 8 })) }, { additionalProperties: false });
  app.patch(
    "/api/v1/creations/:id",
    { config: { access: "member" }, schema: { tags: creationTags, summary: "Edit one's creation (title, story, tags)", params: IdParams, body: CreationEditBody, response: { 200: CreationJson, 403: ErrorJson, 404: ErrorJson } } },
    async (request) => {
      const actor = memberOf(request);
      await editCreation(db, actor, request.params.id, request.body);
      const creation = await loadCreation(db, request.params.id, actor);
      return presentCreation(creation, creation.images.map((image) => image.file_name));
    },
  );

  const LikeJson = Type.Object({ liked: Type.Boolean(), likes: Type.Integer() });
  app.put("/api/v1/creations/:id/like", { config: { access: "member" }, schema: { tags: creationTags, summary: "Like a creation (idempotent)", params: IdParams, response: { 200: LikeJson, 404: ErrorJson } } }, async (request) => ({
    liked: true,
    likes: await likeCreation(db, memberOf(request), request.params.id),
  }));
  app.delete("/api/v1/creations/:id/like", { config: { access: "member" }, schema: { tags: creationTags, summary: "Take a like back (idempotent)", params: IdParams, response: { 200: LikeJson, 404: ErrorJson } } }, async (request) => ({
    liked: false,
    likes: await unlikeCreation(db, memberOf(request), request.params.id),
  }));

}
