/** Who moderates. */
import { defineActions } from "../../platform/auth/permissions.ts";

defineActions({
  "moderation.review": ["moderator", "community_manager"],
});
