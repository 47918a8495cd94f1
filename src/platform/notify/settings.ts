/** Members' per-type delivery choices (notification_settings); a missing row means the type's defaults. */
import type { Executor } from "../db/index.ts";
import { notificationTypes, type DeliveryChoice, type NotificationType } from "./registry.ts";

/** The choices a member has saved, by type. */
export async function savedChoices(db: Executor, accountId: number, types?: string[]): Promise<Map<string, DeliveryChoice>> {
  let query = db.selectFrom("notification_settings").select(["type", "in_app", "email"]).where("account_id", "=", accountId);
  if (types) {
    if (types.length === 0) return new Map();
    query = query.where("type", "in", types);
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.type, { inApp: row.in_app, email: row.email }]));
}

/** Every declared type with the member's effective choice for it. */
export async function effectiveChoices(db: Executor, accountId: number): Promise<Array<{ definition: NotificationType; choice: DeliveryChoice }>> {
  const saved = await savedChoices(db, accountId);
  return notificationTypes().map((definition) => ({ definition, choice: saved.get(definition.type) ?? definition.defaults }));
}

/** Saves choices for the given types (upsert). */
export async function saveChoices(db: Executor, accountId: number, choices: ReadonlyMap<string, DeliveryChoice>): Promise<void> {
  if (choices.size === 0) return;
  await db
    .insertInto("notification_settings")
    .values([...choices].map(([type, choice]) => ({ account_id: accountId, type, in_app: choice.inApp, email: choice.email })))
    .onConflict((oc) => oc.columns(["account_id", "type"]).doUpdateSet((eb) => ({ in_app: eb.ref("excluded.in_app"), email: eb.ref("excluded.email") })))
    .execute();
}

/** Turns email off for one type, keeping the in-app choice as it was. */
export async function turnOffEmail(db: Executor, accountId: number, definition: NotificationType): Promise<void> {
  const saved = await savedChoices(db, accountId, [definition.type]);
  const inApp = (saved.get(definition.type) ?? definition.defaults).inApp;
  await saveChoices(db, accountId, new Map([[definition.type, { inApp, email: false }]]));
}
