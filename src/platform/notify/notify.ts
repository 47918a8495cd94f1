/** Sending a notification: the in-app row and the email, each as the member's settings allow. */
import { inTransaction, type Executor } from "../db/index.ts";
import { DEFAULT_LOCALE, isLocale } from "../i18n/index.ts";
import { composeMail, queueMail, type MailContent } from "../mail/index.ts";
import { decideDelivery } from "./delivery.ts";
import { absoluteUrl, unsubscribeUrl } from "./links.ts";
import { findNotificationType, type DeliveryChoice, type NotificationParams } from "./registry.ts";
import { savedChoices } from "./settings.ts";

export interface NotifyInput {
  accountId: number;
  type: string;
  params?: NotificationParams;
  /** Where the notification leads: a site path such as `/ideas/12`. */
  url?: string | null;
}

/** The email of a notification, with the link to what it is about and the unsubscribe footer. */
function emailContent(email: (params: NotificationParams) => MailContent, input: NotifyInput, unsubscribe: string): MailContent {
  const content = email(input.params ?? {});
  return {
    ...content,
    ...(!content.action && input.url ? { action: { labelKey: "notify.email.open", url: absoluteUrl(input.url) } } : {}),
    footer: { labelKey: "notify.email.unsubscribe", url: unsubscribe },
  };
}

/**
 * Notifies a member, inside the caller's transaction: writes the in-app notification and queues the
 * email (in the member's language, with one-click unsubscribe), each only if their settings allow.
 * Returns what was delivered.
 */
export async function notify(db: Executor, input: NotifyInput): Promise<DeliveryChoice> {
  const definition = findNotificationType(input.type);
  if (!definition) throw new Error(`unknown notification type "${input.type}"`);
  return inTransaction(db, async (tx) => {
    const account = await tx.selectFrom("accounts").select(["id", "email", "locale", "email_verified_at", "deleted_at"]).where("id", "=", input.accountId).executeTakeFirst();
    if (!account) return { inApp: false, email: false };
    const saved = (await savedChoices(tx, account.id, [definition.type])).get(definition.type);
    const email = definition.email;
    const delivery = decideDelivery(definition.defaults, saved, { emailVerified: account.email_verified_at !== null, deleted: account.deleted_at !== null }, email !== undefined);
    if (delivery.inApp) {
      await tx
        .insertInto("notifications")
        .values({ account_id: account.id, type: definition.type, params: JSON.stringify(input.params ?? {}), url: input.url ?? null })
        .execute();
    }
    if (delivery.email && email) {
      const unsubscribe = unsubscribeUrl({ accountId: account.id, type: definition.type });
      const mail = composeMail(isLocale(account.locale) ? account.locale : DEFAULT_LOCALE, emailContent(email, input, unsubscribe));
      await queueMail(tx, {
        to: account.email,
        accountId: account.id,
        kind: definition.type,
        ...mail,
        headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      });
    }
    return delivery;
  });
}
