/** Reading and writing spotlights: the current ones for the home page, the history, and the console's changes. */
import { sql } from "kysely";
import type { Executor } from "../../../platform/db/index.ts";
import { invalid } from "../../../platform/errors.ts";
import type { SpotlightInput, SubjectType, Writeups } from "./rules.ts";

export interface SpotlightRow {
  id: number;
  subject_type: SubjectType;
  subject_id: number;
  writeups: Writeups;
  starts_at: Date;
  ends_at: Date | null;
  /** The member's name or the creation's title. */
  title: string;
  /** A creation's author. */
  author_id: number | null;
  author_name: string | null;
}

/**
 * Spotlights with what they feature, in one query. A member who has left or unlisted themselves,
 * or a creation hidden since, drops out of every list.
 */
function spotlightQuery(db: Executor) {
  return db
    .selectFrom("spotlights as s")
    .leftJoin("accounts as m", (join) => join.on("s.subject_type", "=", "member").onRef("m.id", "=", "s.subject_id").on("m.deleted_at", "is", null))
    .leftJoin("member_profiles as mp", "mp.account_id", "m.id")
    .leftJoin("creations as c", (join) => join.on("s.subject_type", "=", "creation").onRef("c.id", "=", "s.subject_id").on("c.hidden_at", "is", null))
    .leftJoin("accounts as ca", "ca.id", "c.author_id")
    .select(["s.id", "s.subject_type", "s.subject_id", "s.writeups", "s.starts_at", "s.ends_at", "ca.id as author_id", "ca.name as author_name", sql<string>`coalesce(m.name, c.title)`.as("title")])
    .where((eb) => eb.or([eb.and([eb("m.id", "is not", null), eb.or([eb("mp.listed", "is", null), eb("mp.listed", "=", true)])]), eb("c.id", "is not", null)]));
}

/** The spotlights running at `now`, newest first (the home page: one query on the start index). */
export async function currentSpotlights(db: Executor, now: Date, limit: number): Promise<SpotlightRow[]> {
  return (await spotlightQuery(db)
    .where("s.starts_at", "<=", now)
    .where((eb) => eb.or([eb("s.ends_at", "is", null), eb("s.ends_at", ">", now)]))
    .orderBy("s.starts_at", "desc")
    .orderBy("s.id", "desc")
    .limit(limit)
    .execute()) as SpotlightRow[];
}

/** Every spotlight that has started, newest first, a page at a time; `upcoming` adds the planned ones (for staff). */
export async function listSpotlights(db: Executor, now: Date, offset: number, limit: number, options: { upcoming?: boolean } = {}): Promise<{ rows: SpotlightRow[]; hasNext: boolean }> {
  let query = spotlightQuery(db);
  if (!options.upcoming) query = query.where("s.starts_at", "<=", now);
  const rows = (await query.orderBy("s.starts_at", "desc").orderBy("s.id", "desc").offset(offset).limit(limit + 1).execute()) as SpotlightRow[];
  return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
}

/** Checks that what is featured exists and may be shown: a listed member, or a creation not hidden. */
async function checkSubject(db: Executor, type: SubjectType, id: number): Promise<void> {
  if (type === "member") {
    const member = await db
      .selectFrom("accounts as a")
      .leftJoin("member_profiles as p", "p.account_id", "a.id")
      .select(["a.id", "p.listed"])
      .where("a.id", "=", id)
      .where("a.deleted_at", "is", null)
      .executeTakeFirst();
    if (!member) throw invalid("unknown_member", "spotlight.errors.unknownMember", { subjectId: { key: "spotlight.errors.unknownMember" } });
    if (member.listed === false) throw invalid("member_unlisted", "spotlight.errors.unlisted", { subjectId: { key: "spotlight.errors.unlisted" } });
    return;
  }
  const creation = await db.selectFrom("creations").select("id").where("id", "=", id).where("hidden_at", "is", null).executeTakeFirst();
  if (!creation) throw invalid("unknown_creation", "spotlight.errors.unknownCreation", { subjectId: { key: "spotlight.errors.unknownCreation" } });
}

export async function insertSpotlight(db: Executor, input: SpotlightInput, createdBy: number, now: Date): Promise<number> {
  await checkSubject(db, input.subjectType, input.subjectId);
  const row = await db
    .insertInto("spotlights")
    .values({ subject_type: input.subjectType, subject_id: input.subjectId, writeups: JSON.stringify(input.writeups), starts_at: input.startsAt, ends_at: input.endsAt, created_by: createdBy, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends a running or planned spotlight now; false when there is none such (already ended or unknown). */
export async function endSpotlight(db: Executor, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("spotlights")
    .set({ ends_at: sql<Date>`greatest(${now}::timestamptz, starts_at + interval '1 second')` })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
