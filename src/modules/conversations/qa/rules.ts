/** The rules of Q&A as pure functions: limits, who may accept and vote, time to first answer, routing. */

export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const QUESTION_BODY_MIN = 10;
export const BODY_MAX = 20_000;
export const ANSWER_BODY_MIN = 2;
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 2_000;
export const TAG_LIMIT = 5;

export const LIST_FILTERS = ["all", "unanswered", "answered"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const LIST_SORTS = ["newest", "votes", "unanswered"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The asker accepts an answer; staff who may moderate Q&A may too (an asker who left). */
export function mayAccept(actorId: number, askerId: number, staffMayAccept: boolean): boolean {
  return actorId === askerId || staffMayAccept;
}

/** Why a member may not vote for an answer, or null when they may. */
export function voteProblem(voterId: number, answerAuthorId: number, alreadyVoted: boolean): "own_answer" | "already_voted" | null {
  if (voterId === answerAuthorId) return "own_answer";
  if (alreadyVoted) return "already_voted";
  return null;
}

/** Seconds from asking to the first answer (never negative: clocks of several servers may differ slightly). */
export function secondsToFirstAnswer(askedAt: Date, answeredAt: Date): number {
  return Math.max(0, Math.round((answeredAt.getTime() - askedAt.getTime()) / 1000));
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** The moment before which an unanswered question is due to be routed. */
export function routingCutoff(now: Date, afterHours: number): Date {
  return new Date(now.getTime() - afterHours * 3600_000);
}

export interface RoutingCandidate {
  accountId: number;
  /** How well they answered similar questions: accepted answers count most, then votes. */
  accepted: number;
  votes: number;
  similarity: number;
}

/**
 * The members an unanswered question is sent to: people who answered similar questions well (an accepted
 * answer, or votes), best first, never the asker, at most `limit`.
 */
export function routingRecipients(candidates: readonly RoutingCandidate[], askerId: number, limit: number): number[] {
  const best = new Map<number, number>();
  for (const candidate of candidates) {
    if (candidate.accountId === askerId || (candidate.accepted === 0 && candidate.votes === 0)) continue;
    const score = candidate.similarity * (1 + 3 * candidate.accepted + candidate.votes);
    best.set(candidate.accountId, (best.get(candidate.accountId) ?? 0) + score);
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([accountId]) => accountId);
}

/** Tag slugs as typed: trimmed, lower case, each once. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ""))];
}

/** Why a text is not acceptable once blank space is set aside ("   " is empty), or null. */
export function textProblem(text: string, min: number, max: number): { key: "errors.field.required" | "qa.errors.tooShort" | "qa.errors.tooLong"; params?: { min?: number; max?: number } } | null {
  const length = text.trim().length;
  if (length === 0) return { key: "errors.field.required" };
  if (length < min) return { key: "qa.errors.tooShort", params: { min } };
  if (text.length > max) return { key: "qa.errors.tooLong", params: { max } };
  return null;
}
