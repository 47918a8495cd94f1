/** Row types of the events tables (migrations 0050–0052). */
import type { ColumnType, Generated } from "kysely";
import type { LicenceConditions, LicenceStatus, RsvpStatus } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface EventGroupsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  city: string;
  /** Description per language: {"en": "…", "fa": "…"}. */
  descriptions: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: Timestamp;
}

export interface EventGroupMembersTable {
  group_id: number;
  account_id: number;
  role: Generated<"organiser" | "member">;
  joined_at: Timestamp;
}

export interface EventLicencesTable {
  id: Generated<number>;
  applicant_id: number;
  about: string;
  city: string;
  reason: string;
  format: "in_person" | "online";
  expected_attendance: number;
  status: Generated<LicenceStatus>;
  conditions: ColumnType<LicenceConditions | null, string | null, string | null>;
  valid_until: Date | null;
  events_used: Generated<number>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: Generated<string>;
  created_at: Timestamp;
}

export interface EventsTable {
  id: Generated<number>;
  kind: "official" | "member";
  licence_id: number | null;
  organiser_id: number;
  group_id: number | null;
  title: Json<Record<string, string>>;
  description: Json<Record<string, string>>;
  language: "en" | "fa" | "he";
  format: "in_person" | "online";
  venue: Generated<string>;
  city: Generated<string>;
  latitude: number | null;
  longitude: number | null;
  online_url: string | null;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  capacity: number;
  questions: Json<string[]>;
  going_count: Generated<number>;
  waitlist_count: Generated<number>;
  next_position: Generated<number>;
  cancelled_at: Date | null;
  cancel_reason: Generated<string>;
  created_at: Timestamp;
}

export interface EventCoOrganisersTable {
  event_id: number;
  account_id: number;
}

export interface EventRsvpsTable {
  id: Generated<number>;
  event_id: number;
  member_id: number;
  status: RsvpStatus;
  position: number | null;
  answers: Json<string[]>;
  checked_in_at: Date | null;
  checked_in_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventFeedbackTable {
  event_id: number;
  member_id: number;
  rating: number;
  best: Generated<string>;
  improve: Generated<string>;
  created_at: Timestamp;
}

export interface EventPhotosTable {
  id: Generated<number>;
  event_id: number;
  uploader_id: number | null;
  file_name: string;
  width: number;
  height: number;
  bytes: number;
  created_at: Timestamp;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    event_groups: EventGroupsTable;
    event_group_members: EventGroupMembersTable;
    event_licences: EventLicencesTable;
    events: EventsTable;
    event_co_organisers: EventCoOrganisersTable;
    event_rsvps: EventRsvpsTable;
    event_feedback: EventFeedbackTable;
    event_photos: EventPhotosTable;
  }
}
