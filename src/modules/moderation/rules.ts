/** Pure moderation rules: trust, spam controls, flag weights and the auto-hide threshold. */
import { diffWordsWithSpace } from "diff";
import type { Static } from "typebox";
import type { ModerationSettingsSchema } from "./settings.ts";

export type ModerationSettings = Static<typeof ModerationSettingsSchema>;
export type Trust = "new" | "established";
export const FLAG_REASONS = ["spam", "offensive", "off_topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * How far Hearth trusts an account before the members module brings trust levels proper: new while it is
 * younger than the setting or its email is unverified, established otherwise.
 */
export function trustOf(account: { createdAt: Date; emailVerified: boolean }, newAccountHours: number, now: Date): Trust {
  const ageMs = now.getTime() - account.createdAt.getTime();
  return !account.emailVerified || ageMs < newAccountHours * 3600_000 ? "new" : "established";
}

export type PostingProblem = { kind: "rate"; retryAfterSeconds: number } | { kind: "links"; limit: number } | null;

/**
 * Whether a post may go out now: at most `posts` in the last `minutes` (the times of recent posts are given,
 * oldest first), and at most `links` links in the post.
 */
export function postingProblem(trust: Trust, settings: ModerationSettings, recentPosts: readonly Date[], links: number, now: Date): PostingProblem {
  const limit = settings[trust];
  if (links > limit.links) return { kind: "links", limit: limit.links };
  const windowStart = now.getTime() - limit.minutes * 60_000;
  const inWindow = recentPosts.filter((at) => at.getTime() > windowStart);
  if (inWindow.length >= limit.posts) {
    const oldest = inWindow[inWindow.length - limit.posts]!;
    return { kind: "rate", retryAfterSeconds: Math.max(1, Math.ceil((oldest.getTime() - windowStart) / 1000)) };
  }
  return null;
}

/** A new account's posts wait for a moderator until one of them has been approved. */
export function needsApproval(trust: Trust, settings: ModerationSettings, hasApprovedPost: boolean): boolean {
  return settings.firstPostApproval && trust === "new" && !hasApprovedPost;
}

/** The weight of one flag: staff flags hide at once, established members count more than new ones. */
export function flagWeight(trust: Trust, staff: boolean, settings: ModerationSettings): number {
  return staff ? settings.staffFlagWeight : settings[trust].flagWeight;
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
