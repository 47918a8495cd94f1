/** The account emails (verify an address, sign-in link, password reset), in the reader's language. */
import type { Executor } from "../db/index.ts";
import { isLocale, type Locale } from "../i18n/index.ts";
import { composeMail, queueMail } from "../mail/index.ts";
import { issueEmailToken } from "./email-tokens.ts";
import { EMAIL_TOKEN_TTL_MS, type EmailTokenPurpose } from "./rules.ts";

/** The page each link opens. */
const LINK_PATHS: Record<EmailTokenPurpose, string> = {
  verify: "/verify-email",
  magic: "/sign-in/magic",
  reset: "/reset-password/new",
};

export interface MailRecipient {
  id: number;
  email: string;
  name: string;
  locale: string | null;
}

/** The reader's language: their own setting, else the language of the request that caused the mail. */
export function mailLocale(recipient: MailRecipient, requestLocale: Locale): Locale {
  return isLocale(recipient.locale) ? recipient.locale : requestLocale;
}

/**
 * Issues a one-time token and queues the email carrying its link, in the caller's transaction.
 * Links are absolute, built from the configured base URL.
 */
export async function sendTokenMail(
  db: Executor,
  purpose: EmailTokenPurpose,
  recipient: MailRecipient,
  context: { baseUrl: string; locale: Locale; now?: Date },
): Promise<void> {
  const token = await issueEmailToken(db, recipient.id, purpose, context.now);
  const url = `${context.baseUrl}${LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
  const ttlMinutes = EMAIL_TOKEN_TTL_MS[purpose] / 60_000;
  const mail = composeMail(mailLocale(recipient, context.locale), {
    subjectKey: `auth.mail.${purpose}.subject`,
    paragraphKeys: [`auth.mail.${purpose}.greeting`, `auth.mail.${purpose}.body`, `auth.mail.${purpose}.ignore`],
    params: { name: recipient.name, hours: ttlMinutes / 60, minutes: ttlMinutes },
    action: { labelKey: `auth.mail.${purpose}.action`, url },
  });
  await queueMail(db, { to: recipient.email, accountId: recipient.id, kind: purpose, ...mail });
}
