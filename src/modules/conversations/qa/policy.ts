/** Who may do what in Q&A and moderation beyond what every member may. */
import { defineActions } from "../../../platform/auth/permissions.ts";

defineActions({
  // Accept an answer on someone else's question, answer officially, manage tags.
  "qa.manage": ["moderator", "community_manager"],
  // Post an answer marked as the company's official answer.
  "qa.official": ["moderator", "community_manager", "product_reviewer"],
});
