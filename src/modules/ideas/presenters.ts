/** The wire shape of an idea: built by hand from rows, so API fields are a promise and columns are not. */
import { Type, type Static } from "typebox";
import { markdownToText, renderMarkdown } from "../../platform/markdown/index.ts";
import { currentState, daysLeft, milestoneProgress, progressFraction, type IdeaState, type MilestoneRules } from "./rules.ts";
import type { IdeaListRow } from "./store.ts";

export const IdeaJson = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  language: Type.String(),
  state: Type.String(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  creator: Type.Object({ id: Type.Integer(), name: Type.String() }),
  supporters: Type.Object({ verified: Type.Integer(), pending: Type.Integer() }),
  milestonesReached: Type.Integer(),
  nextMilestone: Type.Union([Type.Object({ target: Type.Integer(), deadline: Type.String({ format: "date-time" }), daysLeft: Type.Integer(), progress: Type.Number() }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  reviewPeriod: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  productId: Type.Union([Type.Integer(), Type.Null()]),
  mergedInto: Type.Union([Type.Integer(), Type.Null()]),
});
export type IdeaJson = Static<typeof IdeaJson>;

export const IdeaDetailJson = Type.Intersect([IdeaJson, Type.Object({ bodyHtml: Type.String(), images: Type.Array(Type.Object({ url: Type.String(), thumbnailUrl: Type.String(), width: Type.Integer(), height: Type.Integer(), alt: Type.String() })) })]);

/** Everything a view or the API needs about where an idea stands now. */
export interface IdeaStanding {
  state: IdeaState;
  reached: number;
  next: { target: number; deadline: Date; daysLeft: number; progress: number } | null;
}

/** Derives the idea's current state and milestone standing from its stored facts and `now`. */
export function standing(rules: MilestoneRules, row: Pick<IdeaListRow, "state" | "published_at" | "milestones_reached_at" | "verified_supporters">, now: Date): IdeaStanding {
  const state = currentState(rules, { storedState: row.state, publishedAt: row.published_at, reachedAt: row.milestones_reached_at }, now);
  if (!row.published_at) return { state, reached: 0, next: null };
  const progress = milestoneProgress(rules, row.published_at, row.milestones_reached_at);
  const next = state === "open" && progress.next ? { target: progress.next.target, deadline: progress.next.deadline, daysLeft: daysLeft(progress.next.deadline, now), progress: progressFraction(rules, progress, row.verified_supporters) } : null;
  return { state, reached: progress.reached, next };
}

/** An idea as the API shows it. */
export function presentIdea(row: IdeaListRow, rules: MilestoneRules, now: Date): IdeaJson {
  const current = standing(rules, row, now);
  return {
    id: row.id,
    url: `/ideas/${row.id}`,
    title: row.title,
    summary: markdownToText(row.body).slice(0, 280),
    language: row.language,
    state: current.state,
    categoryId: row.category_id,
    creator: { id: row.creator_id, name: row.creator_name },
    supporters: { verified: row.verified_supporters, pending: row.pending_supporters },
    milestonesReached: current.reached,
    nextMilestone: current.next ? { target: current.next.target, deadline: current.next.deadline.toISOString(), daysLeft: current.next.daysLeft, progress: Math.round(current.next.progress * 1000) / 1000 } : null,
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    reviewPeriod: row.review_period,
    decisionNote: row.decision_public_note,
    productId: row.product_id,
    mergedInto: row.merged_into,
  };
}

/** An idea with its rendered description and images, for the detail endpoint. */
export function presentIdeaDetail(row: IdeaListRow, images: Array<{ id: number; file_name: string; width: number; height: number; alt: string }>, rules: MilestoneRules, now: Date) {
  return {
    ...presentIdea(row, rules, now),
    bodyHtml: renderMarkdown(row.body),
    images: images.map((image) => ({ url: imageUrl(row.id, image.file_name), thumbnailUrl: imageUrl(row.id, thumbnailName(image.file_name)), width: image.width, height: image.height, alt: image.alt })),
  };
}

/** Public address of an idea image file. */
export function imageUrl(ideaId: number, fileName: string): string {
  return `/uploads/ideas/${ideaId}/${fileName}`;
}

/** The thumbnail's file name beside an image. */
export function thumbnailName(fileName: string): string {
  return fileName.replace(/\.webp$/, ".thumb.webp");
}
