/**
 * Product critique (as Nike's product critique sessions): staff show a preview of a product with
 * questions; members answer once each with what they like, what they would change and 1–5 stars
 * (plus answers to the questions); staff read the feedback aggregated in the console.
 */
import { recordActivity } from "../../../../platform/activity/index.ts";
import { recordAudit } from "../../../../platform/audit/index.ts";
import { authorize, type Actor } from "../../../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../../../platform/db/index.ts";
import { conflict, invalid, notFound } from "../../../../platform/errors.ts";
import type { Hearth } from "../../../../platform/http/context.ts";
import { saveImage, uploadDir } from "../../../../platform/uploads/images.ts";
import { findProduct } from "../../../products/index.ts";
import { indexDocuments } from "../hooks.ts";
import { distribution, isValidRating } from "../rules/rating.ts";
import { requireText } from "../rules/text.ts";
import type { Language } from "../tables.ts";

export const PREVIEW_TITLE_MAX = 120;
export const PREVIEW_MAX = 10_000;
export const QUESTION_MAX = 300;
export const MAX_QUESTIONS = 8;
export const ANSWER_MAX = 2_000;

export const critiqueUrl = (id: number) => `/critique/${id}`;
export const critiqueImageUrl = (id: number, fileName: string) => `/uploads/critique/${id}/${fileName}`;

export interface PreviewInput {
  title: string;
  body: string;
  language: Language;
  productId?: number | null;
  questions: readonly string[];
  closesAt?: Date | null;
}

/** Staff post a product preview with an optional image and their questions; audited. */
export async function createPreview(hearth: Pick<Hearth, "db" | "config">, actor: Actor, input: PreviewInput, image: Buffer | null = null, context: { ip?: string } = {}, now = new Date()): Promise<number> {
  authorize(actor, "critique.manage");
  const title = requireText("title", input.title, PREVIEW_TITLE_MAX);
  const body = requireText("body", input.body, PREVIEW_MAX);
  const questions = input.questions.map((question) => question.trim()).filter((question) => question !== "");
  if (questions.length > MAX_QUESTIONS || questions.some((question) => question.length > QUESTION_MAX)) {
    throw invalid("invalid_questions", "community.errors.questions", { questions: { key: "community.errors.questions", params: { max: MAX_QUESTIONS, limit: QUESTION_MAX } } });
  }
  const { db, config } = hearth;
  if (input.productId != null && !(await findProduct(db, input.productId))) throw invalid("product_not_found", "community.errors.productNotFound", { productId: { key: "community.errors.productNotFound" } });
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto("critique_previews")
      .values({ product_id: input.productId ?? null, title, body, language: input.language, questions: JSON.stringify(questions), created_by: actor.id, created_at: now, closes_at: input.closesAt ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (image) {
      const saved = await saveImage(uploadDir(config.dataDir, "critique", String(row.id)), image, "image");
      await tx.updateTable("critique_previews").set({ image_file: saved.fileName }).where("id", "=", row.id).execute();
    }
    await recordAudit(tx, { actorId: actor.id, action: "critique.preview.create", subjectType: "critique_preview", subjectId: row.id, ip: context.ip ?? null });
    await indexDocuments(tx, [{ type: "critique", id: row.id, title, body, language: input.language, url: critiqueUrl(row.id), productId: input.productId ?? null, visible: true, updatedAt: now }]);
    return row.id;
  });
}

export interface CritiqueAnswer {
  rating: number;
  liked: string;
  wouldChange: string;
  answers: readonly string[];
}

/** A member answers a preview, once, while it is open. */
export async function answerPreview(db: Executor, actor: Actor, previewId: number, input: CritiqueAnswer, now = new Date()): Promise<number> {
  if (!isValidRating(input.rating)) throw invalid("invalid_rating", "community.errors.rating", { rating: { key: "community.errors.rating" } });
  const liked = input.liked.trim();
  const wouldChange = input.wouldChange.trim();
  if (liked === "" && wouldChange === "") throw invalid("text_required", "community.errors.critiqueEmpty", { liked: { key: "community.errors.critiqueEmpty" } });
  for (const [field, text] of [["liked", liked], ["wouldChange", wouldChange]] as const) {
    if (text.length > ANSWER_MAX) throw invalid("text_too_long", "errors.field.maxLength", { [field]: { key: "errors.field.maxLength", params: { limit: ANSWER_MAX } } });
  }
  return inTransaction(db, async (tx) => {
    const preview = await tx.selectFrom("critique_previews").select(["id", "questions", "closes_at", "created_by"]).where("id", "=", previewId).executeTakeFirst();
    if (!preview) throw notFound("preview_not_found", "community.errors.previewNotFound");
    if (preview.closes_at !== null && preview.closes_at <= now) throw conflict("preview_closed", "community.errors.previewClosed");
    const answers = preview.questions.map((_, index) => (input.answers[index] ?? "").trim().slice(0, ANSWER_MAX));
    const row = await tx
      .insertInto("critique_responses")
      .values({ preview_id: previewId, member_id: actor.id, rating: input.rating, liked, would_change: wouldChange, answers: JSON.stringify(answers), created_at: now })
      .onConflict((oc) => oc.columns(["preview_id", "member_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("already_answered", "community.errors.alreadyAnswered");
    await recordActivity(tx, { actorId: actor.id, type: "critique.answered", subjectType: "critique", subjectId: previewId, targetId: preview.created_by, occurredAt: now });
    return row.id;
  });
}

export interface CritiqueSummary {
  responses: number;
  average: number | null;
  distribution: Array<{ stars: number; count: number }>;
  liked: string[];
  wouldChange: string[];
  answers: Array<{ question: string; answers: string[] }>;
}

/** Every response to a preview, aggregated for staff. */
export async function summarizePreview(db: Executor, previewId: number): Promise<CritiqueSummary> {
  const preview = await db.selectFrom("critique_previews").select("questions").where("id", "=", previewId).executeTakeFirst();
  if (!preview) throw notFound("preview_not_found", "community.errors.previewNotFound");
  const responses = await db.selectFrom("critique_responses").select(["rating", "liked", "would_change", "answers"]).where("preview_id", "=", previewId).orderBy("created_at", "desc").execute();
  const counts = new Map<number, number>();
  for (const response of responses) counts.set(response.rating, (counts.get(response.rating) ?? 0) + 1);
  const total = responses.reduce((sum, response) => sum + response.rating, 0);
  return {
    responses: responses.length,
    average: responses.length === 0 ? null : Math.round((total / responses.length) * 100) / 100,
    distribution: distribution([...counts].map(([rating, count]) => ({ rating, count }))),
    liked: responses.map((response) => response.liked).filter(Boolean),
    wouldChange: responses.map((response) => response.would_change).filter(Boolean),
    answers: preview.questions.map((question, index) => ({ question, answers: responses.map((response) => response.answers[index] ?? "").filter(Boolean) })),
  };
}
