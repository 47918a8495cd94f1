/** Row types of the spotlight table (migrations/0043_member_spotlight.sql). */
import type { ColumnType, Generated } from "kysely";
import type { Writeups } from "./rules.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SpotlightsTable {
  id: Generated<number>;
  subject_type: "member" | "creation";
  subject_id: number;
  writeups: ColumnType<Writeups, string, string>;
  starts_at: Timestamp;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: number | null;
  created_at: Timestamp;
}

declare module "../../../platform/db/index.ts" {
  interface Tables {
    spotlights: SpotlightsTable;
  }
}
