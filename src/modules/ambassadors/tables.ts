/** Row types of the ambassadors tables (migrations/0044_ambassadors.sql). */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type NominationStatus = "open" | "accepted" | "declined";
export type EndReason = "lapsed" | "withdrawn";
export type ReportStatus = "reported" | "confirmed" | "returned";

export interface AmbassadorNominationsTable {
  id: Generated<number>;
  nominee_id: number;
  nominator_id: number | null;
  reason: string;
  status: Generated<NominationStatus>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  decision_reason: Generated<string>;
  created_at: Timestamp;
}

export interface AmbassadorMembershipsTable {
  id: Generated<number>;
  account_id: number;
  nomination_id: number | null;
  granted_by: number | null;
  created_at: Timestamp;
  accepted_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  reminded_for: NullableTimestamp;
  ended_at: NullableTimestamp;
  end_reason: EndReason | null;
  reputation_at_start: Generated<number>;
}

export interface AmbassadorAgreementsTable {
  id: Generated<number>;
  membership_id: number;
  account_id: number;
  terms_sha256: string;
  locale: string;
  accepted_at: Timestamp;
}

export interface AmbassadorPerksTable {
  id: Generated<number>;
  title: string;
  body: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
  removed_at: NullableTimestamp;
}

export interface AmbassadorTasksTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  /** A calendar day (`YYYY-MM-DD`); read it with `::text`. */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  points: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface AmbassadorTaskReportsTable {
  id: Generated<number>;
  task_id: number;
  account_id: number;
  link: string | null;
  status: Generated<ReportStatus>;
  reported_at: Timestamp;
  decided_by: number | null;
  decided_at: NullableTimestamp;
}

export interface AmbassadorAnnouncementsTable {
  id: Generated<number>;
  author_id: number | null;
  body: string;
  created_at: Timestamp;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    ambassador_nominations: AmbassadorNominationsTable;
    ambassador_memberships: AmbassadorMembershipsTable;
    ambassador_agreements: AmbassadorAgreementsTable;
    ambassador_perks: AmbassadorPerksTable;
    ambassador_tasks: AmbassadorTasksTable;
    ambassador_task_reports: AmbassadorTaskReportsTable;
    ambassador_announcements: AmbassadorAnnouncementsTable;
  }
}
