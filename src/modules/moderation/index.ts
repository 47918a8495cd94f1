/**
 * Moderation, for every module with member content: content types register as *flaggable* so flags can
 * hide and restore them; services ask `checkPostingAllowed` before a member posts (rate limit by account
 * age, links by trust level, first-post approval) and record edits with `recordRevision`. The flags, the moderators'
 * queue and its decisions live in service.ts and the console.
 */
import type { Actor } from "../../platform/auth/permissions.ts";
import { isStaff } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";
import { invalid, rateLimited } from "../../platform/errors.ts";
import { countLinks } from "../../platform/markdown/index.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { trustLevelOf } from "../members/index.ts";
import { accountAgeOf, needsApproval, postingProblem } from "./rules.ts";
import { MODERATION_SETTINGS } from "./settings.ts";
import "./tables.ts";

/** A content type that can be flagged, hidden and restored; registered once at import time by its module. */
export interface Flaggable {
  /** e.g. "question", "answer", "topic.post", "review", "creation". */
  type: string;
  load(db: Executor, id: number): Promise<{ authorId: number; title: string; excerpt: string; url: string; hidden: boolean } | undefined>;
  /** Also updates the search document's `visible`. */
  setHidden(db: Executor, id: number, hidden: boolean): Promise<void>;
}

const flaggables = new Map<string, Flaggable>();

export function defineFlaggable(flaggable: Flaggable): void {
  flaggables.set(flaggable.type, flaggable);
}

/** The registered flaggable type, or undefined for an unknown one. */
export function findFlaggable(type: string): Flaggable | undefined {
  return flaggables.get(type);
}

/**
 * Spam controls before a member posts: rate limit by account age, links by trust level, first-post approval. Throws a 4xx
 * AppError; on success logs the post (in the caller's transaction) and says whether it waits for approval.
 * Staff are never limited.
 */
export async function checkPostingAllowed(db: Executor, actor: Actor, content: { body: string; kind: string }, now = new Date()): Promise<{ needsApproval: boolean }> {
  if (isStaff(actor)) return { needsApproval: false };
  const settings = await readSetting(db, MODERATION_SETTINGS);
  const age = accountAgeOf(actor, settings.newAccountHours, now);
  const since = new Date(now.getTime() - settings[age].minutes * 60_000);
  const recent = await db.selectFrom("posting_log").select("posted_at").where("account_id", "=", actor.id).where("posted_at", ">", since).orderBy("posted_at").execute();
  const problem = postingProblem(age, await trustLevelOf(db, actor.id, now), settings, recent.map((row) => row.posted_at), countLinks(content.body), now);
  if (problem?.kind === "rate") throw rateLimited(problem.retryAfterSeconds);
  if (problem?.kind === "links") throw invalid("too_many_links", "moderation.errors.tooManyLinks", { body: { key: "moderation.errors.tooManyLinks", params: { limit: problem.limit } } }, { limit: problem.limit });
  await db.insertInto("posting_log").values({ account_id: actor.id, kind: content.kind, posted_at: now }).execute();
  const approved =
    age === "new" && settings.firstPostApproval
      ? await db.selectFrom("moderation_cases").select("id").where("author_id", "=", actor.id).where("kind", "=", "approval").where("decision", "=", "approved").executeTakeFirst()
      : undefined;
  return { needsApproval: needsApproval(age, settings, approved !== undefined) };
}

/** Puts content that waits for approval in the moderators' queue (call it after creating the hidden content). */
export async function queueForApproval(db: Executor, entry: { subjectType: string; subjectId: number; authorId: number }, now = new Date()): Promise<void> {
  await db
    .insertInto("moderation_cases")
    .values({ subject_type: entry.subjectType, subject_id: entry.subjectId, author_id: entry.authorId, kind: "approval", opened_at: now })
    .onConflict((oc) => oc.columns(["subject_type", "subject_id"]).where("closed_at", "is", null).doNothing())
    .execute();
}

/** Records a revision for edit history (diffs shown to moderators). Record the first version too. */
export async function recordRevision(db: Executor, entry: { subjectType: string; subjectId: number; editorId: number; title?: string | null; body: string }, now = new Date()): Promise<void> {
  await db
    .insertInto("content_revisions")
    .values({ subject_type: entry.subjectType, subject_id: entry.subjectId, editor_id: entry.editorId, title: entry.title ?? null, body: entry.body, created_at: now })
    .execute();
}

export { FLAG_REASONS, type AccountAge, type FlagReason } from "./rules.ts";
