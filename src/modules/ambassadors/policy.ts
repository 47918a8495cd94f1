/** Who may do what in the ambassador programme: the community team reviews nominations and runs the programme. */
import { defineActions } from "../../platform/auth/permissions.ts";

defineActions({
  "ambassadors.review": ["community_manager"],
  "ambassadors.manage": ["community_manager"],
});
