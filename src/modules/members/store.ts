/** Reading and writing members: one member with their profile and score, the directory, the profile form. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import type { ProfileLink } from "./tables.ts";
import type { Stage } from "./rules.ts";

export interface MemberRow {
  id: number;
  name: string;
  created_at: Date;
  bio: string | null;
  languages: string[] | null;
  location: string | null;
  links: ProfileLink[] | null;
  listed: boolean | null;
  show_location: boolean | null;
  show_links: boolean | null;
  show_activity: boolean | null;
  avatar: string | null;
  reputation: number | null;
  reputation_parts: Record<string, number> | null;
  trust_level: number | null;
  stage: Stage | null;
  stage_since: Date | null;
  trust_since: Date | null;
  metrics: Record<string, number> | null;
  contributions: Record<string, number> | null;
  computed_at: Date | null;
  ambassador: boolean | null;
  trust_granted: number | null;
}

function memberQuery(db: Executor) {
  return db
    .selectFrom("accounts as a")
    .leftJoin("member_profiles as p", "p.account_id", "a.id")
    .leftJoin("member_scores as s", "s.account_id", "a.id")
    .select([
      "a.id",
      "a.name",
      "a.created_at",
      "p.bio",
      "p.languages",
      "p.location",
      "p.links",
      "p.listed",
      "p.show_location",
      "p.show_links",
      "p.show_activity",
      "p.avatar",
      "s.reputation",
      "s.reputation_parts",
      "s.trust_level",
      "s.stage",
      "s.stage_since",
      "s.trust_since",
      "s.metrics",
      "s.contributions",
      "s.computed_at",
      "s.ambassador",
      "s.trust_granted",
    ])
    .where("a.deleted_at", "is", null);
}

/** A member with profile and score, or undefined for an unknown or deleted account. */
export async function findMember(db: Executor, id: number): Promise<MemberRow | undefined> {
  return (await memberQuery(db).where("a.id", "=", id).executeTakeFirst()) as MemberRow | undefined;
}

export interface DirectoryFilter {
  stage?: Stage | undefined;
  language?: string | undefined;
  offset: number;
  limit: number;
}

/** Listed community members (scored ones: staff are not on the ladder), highest reputation first. */
export async function listMembers(db: Executor, filter: DirectoryFilter): Promise<{ rows: MemberRow[]; hasNext: boolean }> {
  let query = memberQuery(db)
    .where("s.account_id", "is not", null)
    .where((eb) => eb.or([eb("p.listed", "is", null), eb("p.listed", "=", true)]));
  if (filter.stage) query = query.where("s.stage", "=", filter.stage);
  if (filter.language) query = query.where(sql<boolean>`${filter.language} = any(p.languages)`);
  const rows = (await query.orderBy("s.reputation", "desc").orderBy("a.id").offset(filter.offset).limit(filter.limit + 1).execute()) as MemberRow[];
  return { rows: rows.slice(0, filter.limit), hasNext: rows.length > filter.limit };
}

export interface ProfileInput {
  bio: string;
  languages: string[];
  location: string;
  links: ProfileLink[];
  listed: boolean;
  showLocation: boolean;
  showLinks: boolean;
  showActivity: boolean;
}

/** Saves the member's own profile. */
export async function saveProfile(db: Executor, actor: Actor, input: ProfileInput, now = new Date()): Promise<void> {
  const values = {
    bio: input.bio,
    languages: input.languages,
    location: input.location,
    links: JSON.stringify(input.links),
    listed: input.listed,
    show_location: input.showLocation,
    show_links: input.showLinks,
    show_activity: input.showActivity,
    updated_at: now,
  };
  await db
    .insertInto("member_profiles")
    .values({ account_id: actor.id, ...values })
    .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
    .execute();
}
