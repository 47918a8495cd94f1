/** Row types of the members tables (migrations/0040_members.sql). */
import type { ColumnType, Generated } from "kysely";
import type { Stage } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string | undefined, T | string>;

export interface ProfileLink {
  label: string;
  url: string;
}

export interface MemberProfilesTable {
  account_id: number;
  bio: Generated<string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  location: Generated<string>;
  links: Json<ProfileLink[]>;
  listed: Generated<boolean>;
  show_location: Generated<boolean>;
  show_links: Generated<boolean>;
  show_activity: Generated<boolean>;
  /** The photo's file name under uploads/avatars/<account id>/ (avatar.ts), or null. */
  avatar: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export interface MemberScoresTable {
  account_id: number;
  reputation: Generated<number>;
  reputation_parts: Json<Record<string, number>>;
  trust_level: Generated<number>;
  trust_granted: number | null;
  trust_since: Timestamp;
  trust_reviewed_at: Timestamp;
  stage: Generated<Stage>;
  stage_since: Timestamp;
  ambassador: Generated<boolean>;
  metrics: Json<Record<string, number>>;
  contributions: Json<Record<string, number>>;
  reasons: Json<Record<string, unknown>>;
  computed_at: Timestamp;
}

export interface MemberStageChangesTable {
  id: Generated<number>;
  account_id: number;
  kind: "stage" | "trust";
  from_value: string;
  to_value: string;
  reasons: Json<unknown[]>;
  changed_at: Timestamp;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    member_profiles: MemberProfilesTable;
    member_scores: MemberScoresTable;
    member_stage_changes: MemberStageChangesTable;
  }
}
