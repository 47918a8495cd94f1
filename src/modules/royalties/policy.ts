/** Who may do what with royalties: only finance manages agreements, imports sales, approves and pays. */
import { defineActions } from "../../platform/auth/permissions.ts";

defineActions({
  "royalties.manage": ["finance"],
});
