/** Row types of the moderation tables (migrations/0031_moderation.sql). */
import type { ColumnType, Generated } from "kysely";
import type { FlagReason } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ModerationFlagsTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: number;
  flagger_id: number;
  reason: FlagReason;
  note: string | null;
  weight: number;
  created_at: Timestamp;
  resolved_at: Date | null;
}

export interface ModerationCasesTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: number;
  author_id: number;
  kind: "flagged" | "approval";
  flag_weight: Generated<number>;
  auto_hidden: Generated<boolean>;
  opened_at: Timestamp;
  closed_at: Date | null;
  closed_by: number | null;
  decision: "kept" | "hidden" | "approved" | "rejected" | null;
}

export interface ContentRevisionsTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: number;
  editor_id: number;
  title: string | null;
  body: string;
  created_at: Timestamp;
}

export interface PostingLogTable {
  account_id: number;
  kind: string;
  posted_at: Date;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    moderation_flags: ModerationFlagsTable;
    moderation_cases: ModerationCasesTable;
    content_revisions: ContentRevisionsTable;
    posting_log: PostingLogTable;
  }
}
