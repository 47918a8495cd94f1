/** Row types of the ideas tables (migrations/0010_ideas.sql). */
import type { ColumnType, Generated } from "kysely";
import type { IdeaState } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface IdeaCategoriesTable {
  id: Generated<number>;
  slug: string;
  names: ColumnType<Record<string, string>, string, string>;
  position: Generated<number>;
}

export interface IdeaStatusesTable {
  id: Generated<number>;
  slug: string;
  names: ColumnType<Record<string, string>, string, string>;
  tone: Generated<"neutral" | "info" | "success" | "warning" | "danger">;
  position: Generated<number>;
}

export interface IdeasTable {
  id: Generated<number>;
  creator_id: number;
  title: string;
  body: string;
  language: "en" | "fa" | "he";
  category_id: number | null;
  state: Generated<IdeaState>;
  status_id: number | null;
  licence_accepted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
  published_at: Date | null;
  milestones_reached_at: ColumnType<Date[], Date[] | undefined, Date[]>;
  verified_supporters: Generated<number>;
  /** Supports in the last seven days (the trending list), recounted each minute (migration 0014, ideas/jobs.ts). */
  recent_supports: Generated<number>;
  /** When supports last came or went: the trending refresh recounts these ideas. */
  supports_changed_at: Date | null;
  pending_supporters: Generated<number>;
  moderation_note: string | null;
  moderated_by: number | null;
  resubmission_of: number | null;
  merged_into: number | null;
  review_period: string | null;
  qualified_at: Date | null;
  decision_public_note: string | null;
  decision_private_note: string | null;
  decided_at: Date | null;
  decided_by: number | null;
  product_id: number | null;
  search_text: Generated<string>;
}

export interface IdeaImagesTable {
  id: Generated<number>;
  idea_id: number;
  position: number;
  file_name: string;
  width: number;
  height: number;
  bytes: number;
  alt: Generated<string>;
  created_at: Timestamp;
}

export interface IdeaSupportsTable {
  idea_id: number;
  member_id: number;
  status: "verified" | "pending";
  would_buy: "yes" | "maybe" | "no" | null;
  price_band: "under_25" | "25_50" | "50_100" | "100_200" | "over_200" | null;
  quantity: number | null;
  created_at: Timestamp;
}

export interface IdeaCommentsTable {
  id: Generated<number>;
  idea_id: number;
  author_id: number;
  body: string;
  created_at: Timestamp;
  hidden_at: Date | null;
}

export interface IdeaUpdatesTable {
  id: Generated<number>;
  idea_id: number;
  author_id: number;
  title: string;
  body: string;
  created_at: Timestamp;
}

export interface IdeaFollowsTable {
  idea_id: number;
  member_id: number;
  created_at: Timestamp;
}

declare module "../../platform/db/index.ts" {
  interface Tables {
    idea_categories: IdeaCategoriesTable;
    idea_statuses: IdeaStatusesTable;
    ideas: IdeasTable;
    idea_images: IdeaImagesTable;
    idea_supports: IdeaSupportsTable;
    idea_comments: IdeaCommentsTable;
    idea_updates: IdeaUpdatesTable;
    idea_follows: IdeaFollowsTable;
  }
}
