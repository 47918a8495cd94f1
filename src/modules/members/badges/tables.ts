/** Row types of the badge tables (migrations/0042_member_badges.sql). */
import type { ColumnType, Generated } from "kysely";
import type { Locale } from "../../../platform/i18n/index.ts";
import type { BadgeIcon, BadgeKind, BadgeRule } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export type PerLanguage = Record<Locale, string>;

export interface BadgesTable {
  id: Generated<number>;
  slug: string;
  names: Json<PerLanguage>;
  descriptions: Json<PerLanguage>;
  icon: BadgeIcon;
  kind: BadgeKind;
  rule: ColumnType<BadgeRule | null, string | null, string | null>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberBadgesTable {
  account_id: number;
  badge_id: number;
  awarded_at: Timestamp;
  awarded_by: number | null;
  reason: Generated<string>;
}

declare module "../../../platform/db/index.ts" {
  interface Tables {
    badges: BadgesTable;
    member_badges: MemberBadgesTable;
  }
}
