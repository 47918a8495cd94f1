/**
 * Email through an outbox: `queueMail` writes the message in the caller's transaction and schedules
 * a job; the job sends it over SMTP (nodemailer) with retries. Without SMTP_URL (development) the
 * message is kept as "captured" and read in the console's mail viewer. Each message carries a
 * stable Message-ID, so a retry after a crash mid-send is recognisable as the same message.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Executor } from "../db/index.ts";
import { defineJob, enqueue } from "../jobs/index.ts";
export { composeMail, type ComposedMail, type MailContent } from "./compose.tsx";

export interface OutgoingMail {
  to: string;
  accountId?: number | null;
  /** What kind of message this is (verify, magic, reset, notification type…), for the viewer and metrics. */
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export const MAIL_QUEUE = "mail.send";

/** Writes a message to the outbox and schedules its delivery; returns its outbox id. */
export async function queueMail(db: Executor, mail: OutgoingMail): Promise<number> {
  const row = await db
    .insertInto("mail_outbox")
    .values({
      to_address: mail.to,
      account_id: mail.accountId ?? null,
      kind: mail.kind,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(mail.headers ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueue(db, MAIL_QUEUE, { outboxId: row.id }, { dedupeKey: `mail:${row.id}` });
  return row.id;
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** The Message-ID of an outbox message: the same on every attempt. */
export function messageIdFor(outboxId: number, baseUrl: string): string {
  return `<outbox-${outboxId}@${new URL(baseUrl).hostname}>`;
}

defineJob(MAIL_QUEUE, async (payload, { hearth, lastAttempt }) => {
  const outboxId = Number(payload.outboxId);
  const { db, config } = hearth;
  const mail = await db.selectFrom("mail_outbox").selectAll().where("id", "=", outboxId).executeTakeFirst();
  if (!mail || mail.status === "sent" || mail.status === "captured") return;
  const messageId = messageIdFor(outboxId, config.baseUrl);
  if (!config.smtpUrl) {
    await db.updateTable("mail_outbox").set({ status: "captured", message_id: messageId, sent_at: new Date() }).where("id", "=", outboxId).execute();
    return;
  }
  try {
    await transportFor(config.smtpUrl).sendMail({
      from: config.mailFrom,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body,
      messageId,
      headers: mail.headers,
    });
  } catch (error) {
    await db
      .updateTable("mail_outbox")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: error instanceof Error ? error.message.slice(0, 1000) : String(error), ...(lastAttempt ? { status: "failed" as const } : {}) }))
      .where("id", "=", outboxId)
      .execute();
    throw error;
  }
  await db
    .updateTable("mail_outbox")
    .set((eb) => ({ status: "sent", message_id: messageId, sent_at: new Date(), attempts: eb("attempts", "+", 1), last_error: null }))
    .where("id", "=", outboxId)
    .execute();
});
