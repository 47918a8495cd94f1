/**
 * What staff granting or withdrawing ambassador on a profile sets off in other modules, inside the
 * same transaction: the ambassador programme starts or ends its membership. The members module
 * keeps the flag the ladder reads and does not know the programme.
 */
import type { Actor } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";

export type AmbassadorGrantListener = (tx: Executor, actor: Actor, accountId: number, on: boolean, now: Date) => Promise<void>;

const listeners: AmbassadorGrantListener[] = [];

/** Calls `listener` whenever staff change a member's ambassador grant. */
export function onAmbassadorGrant(listener: AmbassadorGrantListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Tells every listener of a changed grant, in the caller's transaction. */
export async function ambassadorGrantChanged(tx: Executor, actor: Actor, accountId: number, on: boolean, now: Date): Promise<void> {
  for (const listener of listeners) await listener(tx, actor, accountId, on, now);
}
