/** Who may do what with events. */
import { can, defineActions, type Actor } from "../../platform/auth/permissions.ts";

defineActions({
  /** Decide licence applications, run official events, cancel any event, see the reports. */
  "events.manage": ["community_manager"],
});

/** The organiser, a co-organiser, or staff who manage events. */
export function canOrganise(actor: Actor | null, event: { organiser_id: number }, coOrganiserIds: readonly number[]): boolean {
  if (!actor) return false;
  return actor.id === event.organiser_id || coOrganiserIds.includes(actor.id) || can(actor, "events.manage");
}
