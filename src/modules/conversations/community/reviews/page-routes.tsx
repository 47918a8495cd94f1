/** The reviews page of a product, the review form, helpful votes and staff responses. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PageQuery } from "../../../../platform/console/paging.ts";
import { IdParams, Text } from "../../../../platform/console/schemas.ts";
import type { FieldErrors } from "../../../../platform/errors.ts";
import { notFound } from "../../../../platform/errors.ts";
import { redirectWithFlash, sendPage } from "../../../../platform/web/render.tsx";
import { fieldText, languageOf, memberOf, schemaErrors, withFieldErrors } from "../forms.ts";
import { ReviewsPage } from "../views/reviews.tsx";
import { CommunityStylesheet, productName } from "../views/shared.tsx";
import { createReview, listReviews, markHelpful, productRating, requireProduct, respondToReview, REVIEW_MAX, REVIEW_SORTS, REVIEW_TITLE_MAX, RESPONSE_MAX, reviewUrl } from "./service.ts";

const PAGE_SIZE = 20;
const ReviewBody = Type.Object(
  { rating: Type.String({ maxLength: 2 }), title: Type.Optional(Text({ maxLength: REVIEW_TITLE_MAX })), body: Text({ maxLength: REVIEW_MAX }), language: Type.String({ maxLength: 5 }) },
  { additionalProperties: false },
);
const ResponseBody = Type.Object({ response: Text({ maxLength: RESPONSE_MAX }) }, { additionalProperties: false });
const ListQuery = Type.Object({ sort: Type.Optional(Type.Enum([...REVIEW_SORTS])), page: Type.Optional(PageQuery) });

export async function reviewPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  async function showReviews(request: FastifyRequest, reply: FastifyReply, productId: number, form: { values: Record<string, string>; errors?: FieldErrors }, status = 200): Promise<FastifyReply> {
    const product = await requireProduct(db, productId);
    const query = request.query as { sort?: (typeof REVIEW_SORTS)[number]; page?: number };
    const sort = query.sort ?? "helpful";
    const page = query.page ?? 1;
    const list = await listReviews(db, productId, sort, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    const actor = request.actor;
    const mine = actor ? ((await db.selectFrom("reviews").select("id").where("product_id", "=", productId).where("author_id", "=", actor.id).executeTakeFirst())?.id ?? null) : null;
    const ids = list.rows.map((row) => row.id);
    const helped = actor && ids.length > 0 ? await db.selectFrom("review_helpful_votes").select("review_id").where("member_id", "=", actor.id).where("review_id", "in", ids).execute() : [];
    const name = productName(product.names, request.locale);
    const props = { product: { id: productId, name }, rating: await productRating(db, productId), reviews: list.rows, sort, page, hasNext: list.hasNext, mine, helped: new Set(helped.map((row) => row.review_id)), form };
    return sendPage(request, reply, <ReviewsPage {...props} />, { title: request.t("community.reviews.title", { name }), head: <CommunityStylesheet />, status });
  }

  app.get("/products/:id/reviews", { config: { anonymousCache: true }, schema: { params: IdParams, querystring: ListQuery } }, async (request, reply) => showReviews(request, reply, request.params.id, { values: {} }));

  app.post("/products/:id/reviews", { config: { access: "member" }, schema: { params: IdParams, body: ReviewBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const productId = request.params.id;
    const values = { rating: fieldText(request.body, "rating", 2), title: fieldText(request.body, "title", REVIEW_TITLE_MAX), body: fieldText(request.body, "body", REVIEW_MAX), language: fieldText(request.body, "language", 5) };
    const errors = schemaErrors(request);
    if (errors) return showReviews(request, reply, productId, { values, errors }, 400);
    const input = { rating: Number(values.rating || "0"), title: values.title, body: values.body, language: languageOf(values.language, request.locale) };
    const result = await withFieldErrors(() => createReview(db, actor, productId, input));
    if (!result.ok) return showReviews(request, reply, productId, { values, errors: result.errors }, 400);
    const key = result.value.pending ? "community.flash.pending" : "community.flash.reviewed";
    return redirectWithFlash(reply, reviewUrl(productId, result.value.reviewId), { kind: "success", key });
  });

  async function productOf(reviewId: number): Promise<number> {
    const row = await db.selectFrom("reviews").select("product_id").where("id", "=", reviewId).executeTakeFirst();
    if (!row) throw notFound("review_not_found", "community.errors.reviewNotFound");
    return row.product_id;
  }

  app.post("/reviews/:id/helpful", { config: { access: "member" }, schema: { params: IdParams, body: Type.Object({}, { additionalProperties: false }) } }, async (request, reply) => {
    const productId = await productOf(request.params.id);
    await markHelpful(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, reviewUrl(productId, request.params.id), { kind: "success", key: "community.flash.helpful" });
  });

  app.post("/reviews/:id/response", { config: { access: { action: "reviews.respond" } }, schema: { params: IdParams, body: ResponseBody } }, async (request, reply) => {
    const productId = await productOf(request.params.id);
    await respondToReview(db, memberOf(request), request.params.id, request.body.response, { ip: request.ip });
    return redirectWithFlash(reply, reviewUrl(productId, request.params.id), { kind: "success", key: "community.flash.responded" });
  });
}
