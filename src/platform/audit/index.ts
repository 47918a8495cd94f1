/** The audit log: an append-only record of staff actions (who, what, on what, when, from where). */
import type { Executor } from "../db/index.ts";
export { listAudit, type AuditFilter, type AuditRow } from "./queries.ts";

export interface AuditEntry {
  actorId: number | null;
  /** A dotted verb such as `accounts.role.grant` or `ideas.moderate.approve`. */
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Records a staff action; call it inside the transaction of the action itself. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
