/** Who may change the catalogue. */
import { defineActions } from "../../platform/auth/permissions.ts";

defineActions({
  "products.manage": ["community_manager", "finance"],
});
