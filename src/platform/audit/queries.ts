/** Reading the audit log: newest first, filtered by actor email and action prefix. */
import type { Executor } from "../db/index.ts";
import { fetchPage, likeEscape, type Page } from "../console/paging.ts";

export interface AuditFilter {
  /** Part of the actor's email address. */
  actor?: string | undefined;
  /** The start of the action, e.g. `accounts.` or `accounts.role.grant`. */
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
}

export interface AuditRow {
  id: number;
  actorId: number | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: Date;
}

/** One page of audit entries matching the filter, newest first. */
export async function listAudit(db: Executor, filter: AuditFilter, page: number, perPage?: number): Promise<Page<AuditRow>> {
  return fetchPage(
    page,
    async (limit, offset) => {
      let query = db
        .selectFrom("audit_log")
        .leftJoin("accounts", "accounts.id", "audit_log.actor_id")
        .select([
          "audit_log.id",
          "audit_log.actor_id",
          "accounts.email",
          "accounts.name",
          "audit_log.action",
          "audit_log.subject_type",
          "audit_log.subject_id",
          "audit_log.details",
          "audit_log.ip",
          "audit_log.created_at",
        ]);
      const actor = filter.actor?.trim().toLowerCase();
      if (actor) query = query.where("accounts.email", "like", `%${likeEscape(actor)}%`);
      const action = filter.action?.trim();
      if (action) query = query.where("audit_log.action", "like", `${likeEscape(action)}%`);
      if (filter.subjectType) query = query.where("audit_log.subject_type", "=", filter.subjectType);
      if (filter.subjectId) query = query.where("audit_log.subject_id", "=", filter.subjectId);
      const rows = await query.orderBy("audit_log.created_at", "desc").orderBy("audit_log.id", "desc").limit(limit).offset(offset).execute();
      return rows.map((row) => ({
        id: row.id,
        actorId: row.actor_id,
        actorEmail: row.email,
        actorName: row.name,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        details: row.details,
        ip: row.ip,
        createdAt: row.created_at,
      }));
    },
    perPage,
  );
}
