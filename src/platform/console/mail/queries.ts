/** Reading the mail outbox for the console's mail viewer, and sending a failed message again. */
import { inTransaction, type Executor } from "../../db/index.ts";
import { recordAudit } from "../../audit/index.ts";
import { conflict, notFound } from "../../errors.ts";
import { enqueue } from "../../jobs/index.ts";
import { MAIL_QUEUE } from "../../mail/index.ts";
import { fetchPage, type Page } from "../paging.ts";

export const MAIL_STATUSES = ["queued", "sent", "captured", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailSummary {
  id: number;
  to: string;
  kind: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  createdAt: Date;
}

export interface MailMessage extends MailSummary {
  text: string;
  html: string;
  headers: Record<string, string>;
  lastError: string | null;
  sentAt: Date | null;
}

/** One page of the outbox, newest first, optionally of one status. */
export async function listMail(db: Executor, status: MailStatus | undefined, page: number): Promise<Page<MailSummary>> {
  return fetchPage(page, async (limit, offset) => {
    let query = db.selectFrom("mail_outbox").select(["id", "to_address", "kind", "subject", "status", "attempts", "created_at"]);
    if (status) query = query.where("status", "=", status);
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute();
    return rows.map((row) => ({ id: row.id, to: row.to_address, kind: row.kind, subject: row.subject, status: row.status, attempts: row.attempts, createdAt: row.created_at }));
  });
}

/** One message with its bodies; 404 when there is none. */
export async function findMail(db: Executor, id: number): Promise<MailMessage> {
  const row = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return {
    id: row.id,
    to: row.to_address,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    text: row.text_body,
    html: row.html_body,
    headers: row.headers,
    lastError: row.last_error,
    sentAt: row.sent_at,
  };
}

/**
 * Puts a failed message back in the queue and schedules its delivery, audited. Only a failed
 * message can be retried, and only once at a time: the status change is the guard.
 */
export async function retryMail(db: Executor, id: number, by: { actorId: number; ip: string | null }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const retried = await tx.updateTable("mail_outbox").set({ status: "queued", last_error: null }).where("id", "=", id).where("status", "=", "failed").returning("id").executeTakeFirst();
    if (!retried) {
      await findMail(tx, id);
      throw conflict("mail_not_failed", "console.mail.notFailed");
    }
    await enqueue(tx, MAIL_QUEUE, { outboxId: id });
    await recordAudit(tx, { actorId: by.actorId, action: "mail.retry", subjectType: "mail", subjectId: id, ip: by.ip });
  });
}
