/**
 * Pure moderation rules: spam controls by account age and trust level, flag weights and the auto-hide
 * threshold. The member's trust level (the members module's stored one) is passed in.
 */
import { diffWordsWithSpace } from "diff";
import type { Static } from "typebox";
import { FLAG_WEIGHTS, hasAbility, type TrustLevel } from "../members/index.ts";
import type { ModerationSettingsSchema } from "./settings.ts";

export type ModerationSettings = Static<typeof ModerationSettingsSchema>;
/** How old an account is for the rate limit and first-post approval (not a trust level: a brand-new account has done nothing yet). */
export type AccountAge = "new" | "established";
export const FLAG_REASONS = ["spam", "offensive", "off_topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** New while the account is younger than the setting or its email is unverified, established otherwise. */
export function accountAgeOf(account: { createdAt: Date; emailVerified: boolean }, newAccountHours: number, now: Date): AccountAge {
  const ageMs = now.getTime() - account.createdAt.getTime();
  return !account.emailVerified || ageMs < newAccountHours * 3600_000 ? "new" : "established";
}

export type PostingProblem = { kind: "rate"; retryAfterSeconds: number } | { kind: "links"; limit: number } | null;

/**
 * Whether a post may go out now: at most `posts` in the last `minutes` for the account's age (the times
 * of recent posts are given, oldest first); links are free from the trust level with `post_links`, and
 * below it at most the age's `links` limit.
 */
export function postingProblem(age: AccountAge, level: TrustLevel, settings: ModerationSettings, recentPosts: readonly Date[], links: number, now: Date): PostingProblem {
  const limit = settings[age];
  if (!hasAbility(level, "post_links") && links > limit.links) return { kind: "links", limit: limit.links };
  const windowStart = now.getTime() - limit.minutes * 60_000;
  const inWindow = recentPosts.filter((at) => at.getTime() > windowStart);
  if (inWindow.length >= limit.posts) {
    const oldest = inWindow[inWindow.length - limit.posts]!;
    return { kind: "rate", retryAfterSeconds: Math.max(1, Math.ceil((oldest.getTime() - windowStart) / 1000)) };
  }
  return null;
}

/** A new account's posts wait for a moderator until one of them has been approved. */
export function needsApproval(age: AccountAge, settings: ModerationSettings, hasApprovedPost: boolean): boolean {
  return settings.firstPostApproval && age === "new" && !hasApprovedPost;
}

/** The weight of one flag: staff flags weigh the staff setting (enough to hide at once), members' by their trust level. */
export function flagWeight(level: TrustLevel, staff: boolean, settings: ModerationSettings): number {
  return staff ? settings.staffFlagWeight : FLAG_WEIGHTS[level];
}

/** True when open flags weigh enough to hide the content until a moderator reviews it. */
export function reachesHideThreshold(totalWeight: number, settings: ModerationSettings): boolean {
  return totalWeight >= settings.hideThreshold;
}

export interface DiffPart {
  text: string;
  change: "same" | "added" | "removed";
}

/** Word-level differences between two revisions, for the edit history. */
export function revisionDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((part) => ({ text: part.value, change: part.added ? "added" : part.removed ? "removed" : "same" }));
}
