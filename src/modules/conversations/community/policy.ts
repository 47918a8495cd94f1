/** Who may do what in the community: the staff actions, declared once. */
import { defineActions } from "../../../platform/auth/permissions.ts";

defineActions({
  /** Pin, lock, close, move, merge and split topics; edit or hide others' posts. */
  "discussions.moderate": ["moderator", "community_manager"],
  /** Add and rename discussion categories. */
  "discussions.categories": ["community_manager"],
  /** Answer a review on behalf of the company. */
  "reviews.respond": ["community_manager", "product_reviewer"],
  /** Import verified purchases (CSV or API). */
  "reviews.import": ["community_manager", "finance"],
  /** Feature a creation in the gallery. */
  "creations.feature": ["moderator", "community_manager"],
  /** Post product previews for critique and read the aggregated feedback. */
  "critique.manage": ["community_manager", "product_reviewer"],
});

export const LANGUAGES = ["en", "fa", "he"] as const;
