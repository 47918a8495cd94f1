/** Who may do what with members: staff read private fields; the community team grants levels and the ambassador stage. */
import { can, defineActions, type Actor } from "../../platform/auth/permissions.ts";

defineActions({
  "members.view_private": ["moderator", "community_manager"],
  "members.manage": ["community_manager"],
});

/** A member's private fields (hidden location and links, metrics, reputation parts) are for themselves and staff. */
export function canSeePrivate(actor: Actor | null | undefined, accountId: number): boolean {
  return actor?.id === accountId || can(actor, "members.view_private");
}
