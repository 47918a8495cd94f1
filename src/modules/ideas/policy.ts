/** Who may do what with ideas. */
import { defineActions, type Actor } from "../../platform/auth/permissions.ts";
import type { IdeaState } from "./rules.ts";

defineActions({
  "ideas.moderate": ["moderator", "community_manager"],
  "ideas.review": ["product_reviewer", "community_manager"],
  "ideas.merge": ["moderator", "community_manager"],
  "ideas.settings": ["community_manager"],
});

const EDITABLE: ReadonlySet<IdeaState> = new Set(["draft", "changes_requested"]);

/** The creator may edit an idea while it is a draft or after changes were requested. */
export function canEditIdea(actor: Actor | null, idea: { creator_id: number; state: IdeaState }): boolean {
  return actor !== null && actor.id === idea.creator_id && EDITABLE.has(idea.state);
}

/** Drafts and ideas under moderation are visible to their creator and moderators only. */
export function isPubliclyVisible(state: IdeaState): boolean {
  return !["draft", "in_moderation", "changes_requested", "rejected"].includes(state);
}
