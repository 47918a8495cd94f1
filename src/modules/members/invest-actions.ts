/**
 * The one-click actions beside each member in the console's "who to invest in" lists: the members
 * module thanks, and other parts of Hearth add theirs (invite to a programme, spotlight), each shown
 * only to staff allowed to take it.
 */
import type { ComponentChild } from "preact";
import { OrderedRegistry } from "../../platform/ordered-registry.ts";

export interface InvestCandidate {
  id: number;
  name: string;
  /** Why the member is on the list, in the viewer's language. */
  reason: string;
  /** When the community team last thanked the member, if ever. */
  thankedAt: Date | null;
}

export interface InvestAction {
  id: string;
  order: number;
  /** The permission the action needs; staff without it do not see the button. */
  action: string;
  render(candidate: InvestCandidate): ComponentChild;
}

const actions = new OrderedRegistry<InvestAction>((action) => action.id);

/** Adds an action to every suggested member (once per id). */
export function addInvestAction(action: InvestAction): void {
  actions.add(action);
}

export function investActions(): readonly InvestAction[] {
  return actions.list();
}
