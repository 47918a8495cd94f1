/** The audit log's API shape: its schema (for validation of responses and the OpenAPI document) and the mapping. */
import { Type, type Static } from "typebox";
import type { AuditRow } from "./queries.ts";

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  actor: Type.Union([Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String() }), Type.Null()]),
  action: Type.String(),
  subject: Type.Union([Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});

export type AuditEntryJson = Static<typeof AuditEntrySchema>;

/** One audit entry as the API sends it. */
export function presentAudit(row: AuditRow): AuditEntryJson {
  return {
    id: row.id,
    actor: row.actorId !== null && row.actorEmail !== null ? { id: row.actorId, email: row.actorEmail, name: row.actorName ?? "" } : null,
    action: row.action,
    subject: row.subjectType ? { type: row.subjectType, id: row.subjectId } : null,
    details: row.details,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  };
}
