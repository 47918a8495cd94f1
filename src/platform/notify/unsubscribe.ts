/** One-click unsubscribe: checks the signed token and turns email off for its type. */
import type { Executor } from "../db/index.ts";
import { invalid } from "../errors.ts";
import { findNotificationType, type NotificationType } from "./registry.ts";
import { turnOffEmail } from "./settings.ts";
import { readUnsubscribeToken } from "./unsubscribe-token.ts";

/** The type a valid token is for, after checking its account still exists; a bad token is a 400. */
export async function unsubscribeTarget(db: Executor, secret: string, token: string): Promise<{ accountId: number; definition: NotificationType }> {
  const target = readUnsubscribeToken(secret, token);
  const definition = target ? findNotificationType(target.type) : undefined;
  if (!target || !definition) throw invalid("invalid_unsubscribe_token", "notify.unsubscribe.invalid");
  const account = await db.selectFrom("accounts").select("id").where("id", "=", target.accountId).where("deleted_at", "is", null).executeTakeFirst();
  if (!account) throw invalid("invalid_unsubscribe_token", "notify.unsubscribe.invalid");
  return { accountId: account.id, definition };
}

/** Turns off email of the token's type for its account; returns the type. */
export async function unsubscribe(db: Executor, secret: string, token: string): Promise<NotificationType> {
  const { accountId, definition } = await unsubscribeTarget(db, secret, token);
  await turnOffEmail(db, accountId, definition);
  return definition;
}
