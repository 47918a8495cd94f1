/**
 * Flags and the moderators' queue. A flag weighs by the flagger's trust level; when a subject's open flags reach
 * the threshold it is hidden until a moderator decides. Decisions close the case, resolve its flags and are
 * audited; approving a first post also lifts its author's first-post approval.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { authorize, isStaff, type Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { findFlaggable } from "./index.ts";
import { trustLevelOf } from "../members/index.ts";
import { flagWeight, reachesHideThreshold, type FlagReason } from "./rules.ts";
import { MODERATION_SETTINGS } from "./settings.ts";

/** Flags content. Flagging the same thing twice adds no weight (409). Returns whether the content is now hidden. */
export async function flagContent(db: Executor, actor: Actor, input: { subjectType: string; subjectId: number; reason: FlagReason; note?: string | undefined }, now = new Date()): Promise<{ hidden: boolean }> {
  const flaggable = findFlaggable(input.subjectType);
  if (!flaggable) throw invalid("unknown_subject_type", "moderation.errors.unknownType", { subjectType: { key: "moderation.errors.unknownType" } });
  return inTransaction(db, async (tx) => {
    const subject = await flaggable.load(tx, input.subjectId);
    if (!subject || (subject.hidden && !isStaff(actor))) throw notFound("subject_not_found", "moderation.errors.subjectNotFound");
    if (subject.authorId === actor.id) throw forbidden("own_content", "moderation.errors.ownContent");
    const settings = await readSetting(tx, MODERATION_SETTINGS);
    const weight = flagWeight(await trustLevelOf(tx, actor.id, now), isStaff(actor), settings);
    const inserted = await tx
      .insertInto("moderation_flags")
      .values({ subject_type: input.subjectType, subject_id: input.subjectId, flagger_id: actor.id, reason: input.reason, note: input.note?.trim() || null, weight, created_at: now })
      .onConflict((oc) => oc.columns(["subject_type", "subject_id", "flagger_id"]).where("resolved_at", "is", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw conflict("already_flagged", "moderation.errors.alreadyFlagged");
    await tx
      .insertInto("moderation_cases")
      .values({ subject_type: input.subjectType, subject_id: input.subjectId, author_id: subject.authorId, kind: "flagged", opened_at: now })
      .onConflict((oc) => oc.columns(["subject_type", "subject_id"]).where("closed_at", "is", null).doNothing())
      .execute();
    const { total } = await tx
      .selectFrom("moderation_flags")
      .select(sql<number>`coalesce(sum(weight), 0)::int`.as("total"))
      .where("subject_type", "=", input.subjectType)
      .where("subject_id", "=", input.subjectId)
      .where("resolved_at", "is", null)
      .executeTakeFirstOrThrow();
    const hide = !subject.hidden && reachesHideThreshold(total, settings);
    await tx
      .updateTable("moderation_cases")
      .set({ flag_weight: total, ...(hide ? { auto_hidden: true } : {}) })
      .where("subject_type", "=", input.subjectType)
      .where("subject_id", "=", input.subjectId)
      .where("closed_at", "is", null)
      .execute();
    if (hide) await flaggable.setHidden(tx, input.subjectId, true);
    return { hidden: subject.hidden || hide };
  });
}

export type Decision = "keep" | "hide" | "approve" | "reject";

/**
 * A moderator's decision on an open case: keep (flags dismissed, shown again if auto-hidden), hide,
 * approve (a waiting first post is published) or reject (it stays hidden).
 */
export async function decideCase(db: Executor, actor: Actor, caseId: number, decision: Decision, context: { ip?: string | null } = {}, now = new Date()): Promise<void> {
  authorize(actor, "moderation.review");
  await inTransaction(db, async (tx) => {
    const found = await tx.selectFrom("moderation_cases").selectAll().where("id", "=", caseId).forUpdate().executeTakeFirst();
    if (!found) throw notFound("case_not_found", "moderation.errors.caseNotFound");
    if (found.closed_at !== null) throw conflict("case_closed", "moderation.errors.caseClosed");
    const valid = found.kind === "approval" ? decision === "approve" || decision === "reject" : decision === "keep" || decision === "hide";
    if (!valid) throw invalid("decision_not_allowed", "moderation.errors.decision", { decision: { key: "moderation.errors.decision" } });
    const flaggable = findFlaggable(found.subject_type);
    if (!flaggable) throw notFound("case_not_found", "moderation.errors.caseNotFound");
    const show = decision === "keep" || decision === "approve";
    await flaggable.setHidden(tx, found.subject_id, !show);
    const recorded = { keep: "kept", hide: "hidden", approve: "approved", reject: "rejected" } as const;
    await tx.updateTable("moderation_cases").set({ closed_at: now, closed_by: actor.id, decision: recorded[decision] }).where("id", "=", caseId).execute();
    await tx.updateTable("moderation_flags").set({ resolved_at: now }).where("subject_type", "=", found.subject_type).where("subject_id", "=", found.subject_id).where("resolved_at", "is", null).execute();
    await recordAudit(tx, { actorId: actor.id, action: `moderation.${decision}`, subjectType: found.subject_type, subjectId: found.subject_id, details: { caseId, kind: found.kind, flagWeight: found.flag_weight }, ip: context.ip ?? null });
  });
}

export interface QueueEntry {
  id: number;
  subjectType: string;
  subjectId: number;
  kind: "flagged" | "approval";
  flagWeight: number;
  autoHidden: boolean;
  openedAt: Date;
  authorId: number;
  authorName: string;
  title: string;
  excerpt: string;
  url: string;
  reasons: Array<{ reason: FlagReason; count: number }>;
}

/** The open cases, oldest first, with what they are about. */
export async function moderationQueue(db: Executor, limit = 50): Promise<QueueEntry[]> {
  const cases = await db
    .selectFrom("moderation_cases")
    .innerJoin("accounts", "accounts.id", "moderation_cases.author_id")
    .select(["moderation_cases.id", "subject_type", "subject_id", "kind", "flag_weight", "auto_hidden", "opened_at", "author_id", "accounts.name as author_name"])
    .where("closed_at", "is", null)
    .orderBy("auto_hidden", "desc")
    .orderBy("opened_at")
    .limit(limit)
    .execute();
  const entries: QueueEntry[] = [];
  for (const row of cases) {
    const subject = await findFlaggable(row.subject_type)?.load(db, row.subject_id);
    const reasons = await db
      .selectFrom("moderation_flags")
      .select(["reason", sql<number>`count(*)::int`.as("count")])
      .where("subject_type", "=", row.subject_type)
      .where("subject_id", "=", row.subject_id)
      .where("resolved_at", "is", null)
      .groupBy("reason")
      .orderBy("reason")
      .execute();
    entries.push({
      id: row.id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      kind: row.kind,
      flagWeight: row.flag_weight,
      autoHidden: row.auto_hidden,
      openedAt: row.opened_at,
      authorId: row.author_id,
      authorName: row.author_name,
      title: subject?.title ?? "",
      excerpt: subject?.excerpt ?? "",
      url: subject?.url ?? "",
      reasons,
    });
  }
  return entries;
}

/** The revisions of a subject, oldest first (the console shows each as a diff to the one before). */
export async function revisionsOf(db: Executor, subjectType: string, subjectId: number) {
  return db
    .selectFrom("content_revisions")
    .innerJoin("accounts", "accounts.id", "content_revisions.editor_id")
    .select(["content_revisions.id", "content_revisions.title", "content_revisions.body", "content_revisions.created_at", "accounts.name as editor_name"])
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("content_revisions.id")
    .execute();
}
