/**
 * Reviews: one per member and product, 1–5 stars and text, a verified-buyer badge from imported
 * purchases, helpful votes (once, never on one's own), a staff response, and the product's rating.
 */
import { recordActivity } from "../../../../platform/activity/index.ts";
import { recordAudit } from "../../../../platform/audit/index.ts";
import { authorize, type Actor } from "../../../../platform/auth/permissions.ts";
import { inTransaction, sql, type Executor } from "../../../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../../../platform/errors.ts";
import { findProduct } from "../../../products/index.ts";
import { awaitApproval, indexDocuments, keepRevision, mustWaitForApproval, type SearchDocument } from "../hooks.ts";
import { bayesianAverage, distribution, isValidRating, priorFrom } from "../rules/rating.ts";
import { requireText } from "../rules/text.ts";
import type { Language } from "../tables.ts";
import type { PurchaseRow } from "./purchases-csv.ts";

export const REVIEW_TITLE_MAX = 120;
export const REVIEW_MAX = 10_000;
export const RESPONSE_MAX = 5_000;

export const reviewsUrl = (productId: number) => `/products/${productId}/reviews`;
export const reviewUrl = (productId: number, reviewId: number) => `/products/${productId}/reviews#review-${reviewId}`;

export interface ReviewInput {
  rating: number;
  title?: string;
  body: string;
  language: Language;
}

/** The product, or a 404 that says so. */
export async function requireProduct(db: Executor, productId: number) {
  const product = await findProduct(db, productId);
  if (!product) throw notFound("product_not_found", "community.errors.productNotFound");
  return product;
}

/** True when the account (or its email) bought the product, by an imported purchase. */
async function boughtIt(db: Executor, actor: Actor, productId: number): Promise<boolean> {
  const row = await db
    .selectFrom("verified_purchases")
    .select("id")
    .where("product_id", "=", productId)
    .where((eb) => eb.or([eb("account_id", "=", actor.id), eb("email", "=", actor.email.toLowerCase())]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The search documents of reviews, titled by the review's title or the product's name. */
export async function reviewDocuments(db: Executor, reviewIds: readonly number[], now: Date): Promise<SearchDocument[]> {
  if (reviewIds.length === 0) return [];
  const rows = await db.selectFrom("reviews").select(["id", "product_id", "title", "body", "language", "hidden_at"]).where("id", "in", [...reviewIds]).execute();
  const names = new Map<number, Record<string, string>>();
  for (const productId of new Set(rows.map((row) => row.product_id))) names.set(productId, (await findProduct(db, productId))?.names ?? {});
  return rows.map((review) => {
    const productNames = names.get(review.product_id) ?? {};
    const name = productNames[review.language] ?? Object.values(productNames)[0] ?? "";
    return { type: "review", id: review.id, title: review.title || name, body: review.body, language: review.language, url: reviewUrl(review.product_id, review.id), productId: review.product_id, visible: review.hidden_at === null, updatedAt: now };
  });
}

async function indexReview(tx: Executor, reviewId: number, now: Date): Promise<void> {
  await indexDocuments(tx, await reviewDocuments(tx, [reviewId], now));
}

/** A member reviews a product: once per product. */
export async function createReview(db: Executor, actor: Actor, productId: number, input: ReviewInput, now = new Date()): Promise<{ reviewId: number; pending: boolean }> {
  if (!isValidRating(input.rating)) throw invalid("invalid_rating", "community.errors.rating", { rating: { key: "community.errors.rating" } });
  const title = (input.title ?? "").trim();
  if (title.length > REVIEW_TITLE_MAX) throw invalid("text_too_long", "errors.field.maxLength", { title: { key: "errors.field.maxLength", params: { limit: REVIEW_TITLE_MAX } } });
  const body = requireText("body", input.body, REVIEW_MAX);
  return inTransaction(db, async (tx) => {
    await requireProduct(tx, productId);
    const existing = await tx.selectFrom("reviews").select("id").where("product_id", "=", productId).where("author_id", "=", actor.id).executeTakeFirst();
    if (existing) throw conflict("already_reviewed", "community.errors.alreadyReviewed");
    const pending = await mustWaitForApproval(tx, actor, body, "review", now);
    const verified = await boughtIt(tx, actor, productId);
    const row = await tx
      .insertInto("reviews")
      .values({ product_id: productId, author_id: actor.id, rating: input.rating, title, body, language: input.language, verified_buyer: verified, created_at: now, updated_at: now, hidden_at: pending ? now : null })
      // Two submissions at once: the unique key decides, and the loser is told it already reviewed.
      .onConflict((oc) => oc.columns(["product_id", "author_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("already_reviewed", "community.errors.alreadyReviewed");
    await recordActivity(tx, { actorId: actor.id, type: "review.written", subjectType: "review", subjectId: row.id, occurredAt: now });
    await indexReview(tx, row.id, now);
    if (pending) await awaitApproval(tx, "review", row.id, actor.id, now);
    return { reviewId: row.id, pending };
  });
}

/** The author edits a review (stars and text); the text before is kept as a revision. */
export async function editReview(db: Executor, actor: Actor, reviewId: number, input: ReviewInput, now = new Date()): Promise<void> {
  if (!isValidRating(input.rating)) throw invalid("invalid_rating", "community.errors.rating", { rating: { key: "community.errors.rating" } });
  const body = requireText("body", input.body, REVIEW_MAX);
  await inTransaction(db, async (tx) => {
    const review = await tx.selectFrom("reviews").select(["id", "author_id", "title", "body"]).where("id", "=", reviewId).forUpdate().executeTakeFirst();
    if (!review) throw notFound("review_not_found", "community.errors.reviewNotFound");
    if (review.author_id !== actor.id) throw forbidden("not_author", "community.errors.notAuthor");
    await keepRevision(tx, { subjectType: "review", subjectId: reviewId, editorId: actor.id, title: review.title, body: review.body }, now);
    await tx.updateTable("reviews").set({ rating: input.rating, title: (input.title ?? "").trim().slice(0, REVIEW_TITLE_MAX), body, language: input.language, updated_at: now }).where("id", "=", reviewId).execute();
    await indexReview(tx, reviewId, now);
  });
}

/** A member marks someone else's review helpful, once. Returns the new count. */
export async function markHelpful(db: Executor, actor: Actor, reviewId: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const review = await tx.selectFrom("reviews").select(["id", "author_id", "hidden_at"]).where("id", "=", reviewId).forUpdate().executeTakeFirst();
    if (!review || review.hidden_at !== null) throw notFound("review_not_found", "community.errors.reviewNotFound");
    if (review.author_id === actor.id) throw forbidden("own_review", "community.errors.ownReview");
    const vote = await tx.insertInto("review_helpful_votes").values({ review_id: reviewId, member_id: actor.id, created_at: now }).onConflict((oc) => oc.doNothing()).returning("review_id").executeTakeFirst();
    if (!vote) throw conflict("already_voted", "community.errors.alreadyHelpful");
    const updated = await tx.updateTable("reviews").set({ helpful_count: sql`helpful_count + 1` }).where("id", "=", reviewId).returning("helpful_count").executeTakeFirstOrThrow();
    await recordActivity(tx, { actorId: actor.id, type: "review.helpful", subjectType: "review", subjectId: reviewId, targetId: review.author_id, occurredAt: now });
    return updated.helpful_count;
  });
}

/** Staff answer a review publicly on behalf of the company (or change the answer); audited. */
export async function respondToReview(db: Executor, actor: Actor, reviewId: number, text: string, context: { ip?: string } = {}, now = new Date()): Promise<void> {
  authorize(actor, "reviews.respond");
  const response = requireText("response", text, RESPONSE_MAX);
  await inTransaction(db, async (tx) => {
    const updated = await tx.updateTable("reviews").set({ response, response_by: actor.id, response_at: now }).where("id", "=", reviewId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw notFound("review_not_found", "community.errors.reviewNotFound");
    await recordAudit(tx, { actorId: actor.id, action: "reviews.respond", subjectType: "review", subjectId: reviewId, ip: context.ip ?? null });
  });
}

export interface ImportResult {
  imported: number;
  /** Rows whose external id was imported before: idempotent re-imports change nothing. */
  duplicates: number;
  unknownProducts: number[];
}

/**
 * Imports verified purchases (idempotent by external id), links them to accounts by email, and
 * gives the buyer badge to reviews the buyers already wrote; audited.
 */
export async function importPurchases(db: Executor, actor: Actor, rows: readonly PurchaseRow[], context: { ip?: string; source?: string } = {}, now = new Date()): Promise<ImportResult> {
  authorize(actor, "reviews.import");
  return inTransaction(db, async (tx) => {
    const productIds = [...new Set(rows.map((row) => row.productId))];
    const known = productIds.length === 0 ? [] : await tx.selectFrom("products").select("id").where("id", "in", productIds).execute();
    const knownIds = new Set(known.map((row) => row.id));
    const unknownProducts = productIds.filter((id) => !knownIds.has(id));
    if (unknownProducts.length > 0) return { imported: 0, duplicates: 0, unknownProducts };
    const emails = [...new Set(rows.map((row) => row.email))];
    const accounts = emails.length === 0 ? [] : await tx.selectFrom("accounts").select(["id", "email"]).where("email", "in", emails).execute();
    const accountOf = new Map(accounts.map((account) => [account.email, account.id]));
    let imported = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000);
      const inserted = await tx
        .insertInto("verified_purchases")
        .values(batch.map((row) => ({ external_id: row.externalId, product_id: row.productId, email: row.email, account_id: accountOf.get(row.email) ?? null, purchased_at: row.purchasedAt, imported_at: now })))
        .onConflict((oc) => oc.column("external_id").doNothing())
        .returning("id")
        .execute();
      imported += inserted.length;
    }
    await sql`update reviews set verified_buyer = true where not verified_buyer and exists (
      select 1 from verified_purchases p join accounts a on a.id = reviews.author_id
      where p.product_id = reviews.product_id and (p.account_id = reviews.author_id or p.email = a.email))`.execute(tx);
    await recordAudit(tx, { actorId: actor.id, action: "reviews.purchases.import", subjectType: "verified_purchases", details: { rows: rows.length, imported, source: context.source ?? "api" }, ip: context.ip ?? null });
    return { imported, duplicates: rows.length - imported, unknownProducts: [] };
  });
}

export interface ProductRating {
  average: number;
  /** The plain mean of the product's own reviews (null without reviews). */
  mean: number | null;
  count: number;
  distribution: Array<{ stars: number; count: number }>;
}

/** A product's rating: the Bayesian average against the site-wide mean, with the count and distribution. */
export async function productRating(db: Executor, productId: number): Promise<ProductRating> {
  const rows = await db.selectFrom("reviews").select(["rating", (eb) => eb.fn.countAll<number>().as("count")]).where("product_id", "=", productId).where("hidden_at", "is", null).groupBy("rating").execute();
  const site = await db.selectFrom("reviews").select([(eb) => eb.fn.coalesce(eb.fn.sum<number>("rating"), sql<number>`0`).as("sum"), (eb) => eb.fn.countAll<number>().as("count")]).where("hidden_at", "is", null).executeTakeFirstOrThrow();
  const counts = rows.map((row) => ({ rating: row.rating, count: Number(row.count) }));
  const count = counts.reduce((total, row) => total + row.count, 0);
  const sum = counts.reduce((total, row) => total + row.rating * row.count, 0);
  return {
    average: bayesianAverage({ sum, count }, priorFrom({ sum: Number(site.sum), count: Number(site.count) })),
    mean: count === 0 ? null : Math.round((sum / count) * 100) / 100,
    count,
    distribution: distribution(counts),
  };
}

export const REVIEW_SORTS = ["helpful", "recent"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface ReviewRow {
  id: number;
  product_id: number;
  author_id: number;
  author_name: string;
  rating: number;
  title: string;
  body: string;
  language: Language;
  verified_buyer: boolean;
  helpful_count: number;
  created_at: Date;
  response: string | null;
  response_at: Date | null;
}

/** A product's visible reviews, most helpful or newest first. */
export async function listReviews(db: Executor, productId: number, sort: ReviewSort, offset: number, limit: number): Promise<{ rows: ReviewRow[]; hasNext: boolean }> {
  let query = db
    .selectFrom("reviews")
    .innerJoin("accounts", "accounts.id", "reviews.author_id")
    .select(["reviews.id", "reviews.product_id", "reviews.author_id", "accounts.name as author_name", "reviews.rating", "reviews.title", "reviews.body", "reviews.language", "reviews.verified_buyer", "reviews.helpful_count", "reviews.created_at", "reviews.response", "reviews.response_at"])
    .where("reviews.product_id", "=", productId)
    .where("reviews.hidden_at", "is", null);
  query = sort === "helpful" ? query.orderBy("reviews.helpful_count", "desc").orderBy("reviews.created_at", "desc") : query.orderBy("reviews.created_at", "desc");
  const rows = await query.orderBy("reviews.id", "desc").offset(offset).limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
}

/** Hides or shows a review (moderation), keeping the index true. */
export async function setReviewHidden(db: Executor, reviewId: number, hidden: boolean, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.updateTable("reviews").set({ hidden_at: hidden ? now : null }).where("id", "=", reviewId).execute();
    await indexReview(tx, reviewId, now);
  });
}
