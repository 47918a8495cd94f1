/**
 * The ideas use cases. Each is one transaction that checks permissions and rules, writes, records
 * the activity and announces what changed. Rules come from rules.ts; time is passed in as `now`.
 */
import { sql } from "kysely";
import { recordActivity } from "../../platform/activity/index.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { authorize, type Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { normalizeText } from "../../platform/search/normalize.ts";
import { createProductFromIdea } from "../products/index.ts";
import { announce } from "./notifications.ts";
import { deadlineSql } from "./store.ts";
import { canEditIdea } from "./policy.ts";
import { currentState, MODERATION, REVIEW_DECISIONS } from "./rules.ts";
import { ideasSettings } from "./settings.ts";
import { applyCounts, IDEA_COLUMNS, loadIdea, recordMilestones, type SupportCounts } from "./counts.ts";

export interface IdeaInput {
  title: string;
  body: string;
  language: "en" | "fa" | "he";
  categoryId?: number | null | undefined;
  acceptLicence: boolean;
  submit: boolean;
}

async function assertCategory(db: Executor, categoryId: number | null | undefined): Promise<void> {
  if (categoryId === null || categoryId === undefined) return;
  const found = await db.selectFrom("idea_categories").select("id").where("id", "=", categoryId).executeTakeFirst();
  if (!found) throw invalid("unknown_category", "ideas.errors.unknownCategory", { categoryId: { key: "ideas.errors.unknownCategory" } });
}

function searchText(title: string, body: string): string {
  return normalizeText(`${title} ${body}`).slice(0, 20_000);
}

/** Creates an idea as a draft, or submits it for moderation at once. */
export async function createIdea(db: Executor, actor: Actor, input: IdeaInput, now = new Date()): Promise<number> {
  if (input.submit && !input.acceptLicence) {
    throw invalid("licence_not_accepted", "ideas.errors.licence", { acceptLicence: { key: "ideas.errors.licence" } });
  }
  return inTransaction(db, async (tx) => {
    await assertCategory(tx, input.categoryId);
    const row = await tx
      .insertInto("ideas")
      .values({
        creator_id: actor.id,
        title: input.title.trim(),
        body: input.body,
        language: input.language,
        category_id: input.categoryId ?? null,
        state: input.submit ? "in_moderation" : "draft",
        licence_accepted_at: input.acceptLicence ? now : null,
        submitted_at: input.submit ? now : null,
        created_at: now,
        updated_at: now,
        search_text: searchText(input.title, input.body),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.submit) await recordActivity(tx, { actorId: actor.id, type: "idea.submitted", subjectType: "idea", subjectId: row.id, occurredAt: now });
    return row.id;
  });
}

/** The creator edits a draft, or an idea sent back for changes; `submit` sends it (back) to moderation. */
export async function editIdea(db: Executor, actor: Actor, id: number, input: IdeaInput, now = new Date()): Promise<void> {
  if (input.submit && !input.acceptLicence) {
    throw invalid("licence_not_accepted", "ideas.errors.licence", { acceptLicence: { key: "ideas.errors.licence" } });
  }
  await inTransaction(db, async (tx) => {
    const idea = await loadIdea(tx, id, true);
    if (!canEditIdea(actor, idea)) throw forbidden("idea_not_editable", "ideas.errors.notEditable");
    await assertCategory(tx, input.categoryId);
    await tx
      .updateTable("ideas")
      .set({
        title: input.title.trim(),
        body: input.body,
        language: input.language,
        category_id: input.categoryId ?? null,
        updated_at: now,
        search_text: searchText(input.title, input.body),
        ...(input.submit ? { state: "in_moderation", submitted_at: now, licence_accepted_at: now } : {}),
      })
      .where("id", "=", id)
      .execute();
    if (input.submit && idea.state === "draft") {
      await recordActivity(tx, { actorId: actor.id, type: "idea.submitted", subjectType: "idea", subjectId: id, occurredAt: now });
    }
  });
}

/** A moderator approves (the idea opens for support), asks for changes, or rejects; the creator is told why. */
export async function moderateIdea(db: Executor, actor: Actor, id: number, decision: keyof typeof MODERATION, note: string, meta: { ip?: string } = {}, now = new Date()): Promise<void> {
  authorize(actor, "ideas.moderate");
  if (decision !== "approve" && note.trim() === "") {
    throw invalid("reason_required", "ideas.errors.reasonRequired", { note: { key: "ideas.errors.reasonRequired" } });
  }
  await inTransaction(db, async (tx) => {
    const idea = await loadIdea(tx, id, true);
    const rule = MODERATION[decision];
    if (!rule.from.includes(idea.state)) throw conflict("invalid_transition", "ideas.errors.invalidTransition");
    await tx
      .updateTable("ideas")
      .set({ state: rule.to, moderation_note: note.trim() || null, moderated_by: actor.id, updated_at: now, ...(decision === "approve" ? { published_at: now } : {}) })
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, { actorId: actor.id, action: `ideas.moderate.${decision}`, subjectType: "idea", subjectId: id, details: { note }, ip: meta.ip ?? null });
    if (decision === "approve") await recordActivity(tx, { actorId: idea.creator_id, type: "idea.published", subjectType: "idea", subjectId: id, occurredAt: now });
    await announce(tx, id, "moderated", `${decision}:${now.getTime()}`, { decision, note: note.trim() }, "creator");
  });
}

/** Reviewers decide on an idea in review (or on hold); an approved idea becomes a product. */
export async function decideIdea(
  db: Executor,
  actor: Actor,
  id: number,
  decision: keyof typeof REVIEW_DECISIONS,
  notes: { publicNote: string; privateNote: string },
  meta: { ip?: string } = {},
  now = new Date(),
): Promise<{ productId: number | null }> {
  authorize(actor, "ideas.review");
  return inTransaction(db, async (tx) => {
    const idea = await loadIdea(tx, id, true);
    if (idea.state !== "in_review" && idea.state !== "on_hold") throw conflict("invalid_transition", "ideas.errors.invalidTransition");
    let productId: number | null = null;
    if (decision === "approved") {
      productId = await createProductFromIdea(tx, { ideaId: id, title: idea.title, language: idea.language, creatorIds: [idea.creator_id], createdBy: actor.id });
      await recordActivity(tx, { actorId: idea.creator_id, type: "idea.approved", subjectType: "idea", subjectId: id, occurredAt: now });
    }
    await tx
      .updateTable("ideas")
      .set({
        state: REVIEW_DECISIONS[decision],
        decision_public_note: notes.publicNote.trim() || null,
        decision_private_note: notes.privateNote.trim() || null,
        decided_at: now,
        decided_by: actor.id,
        updated_at: now,
        ...(productId ? { product_id: productId } : {}),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, { actorId: actor.id, action: `ideas.review.${decision}`, subjectType: "idea", subjectId: id, details: { publicNote: notes.publicNote }, ip: meta.ip ?? null });
    await announce(tx, id, "decision", `${decision}:${now.getTime()}`, { decision, note: notes.publicNote.trim() });
    return { productId };
  });
}

/**
 * Merges a duplicate into another idea: supports move over (a member who supported both counts
 * once), followers too, and the duplicate redirects to the idea it was merged into.
 */
export async function mergeIdeas(db: Executor, actor: Actor, fromId: number, intoId: number, meta: { ip?: string } = {}, now = new Date()): Promise<SupportCounts> {
  authorize(actor, "ideas.merge");
  if (fromId === intoId) throw invalid("merge_into_self", "ideas.errors.mergeSelf");
  return inTransaction(db, async (tx) => {
    // Lock both rows in id order so two opposite merges cannot deadlock.
    const [first, second] = fromId < intoId ? [fromId, intoId] : [intoId, fromId];
    await loadIdea(tx, first, true);
    await loadIdea(tx, second, true);
    const from = await loadIdea(tx, fromId);
    const into = await loadIdea(tx, intoId);
    if (from.state === "merged" || into.state === "merged") throw conflict("already_merged", "ideas.errors.alreadyMerged");
    await sql`
      insert into idea_supports (idea_id, member_id, status, would_buy, price_band, quantity, created_at)
      select ${intoId}, member_id, status, would_buy, price_band, quantity, created_at from idea_supports
      where idea_id = ${fromId} and member_id <> ${into.creator_id}
      on conflict (idea_id, member_id) do nothing`.execute(tx);
    await sql`insert into idea_follows (idea_id, member_id, created_at) select ${intoId}, member_id, created_at from idea_follows where idea_id = ${fromId} on conflict do nothing`.execute(tx);
    await tx.deleteFrom("idea_supports").where("idea_id", "=", fromId).execute();
    await tx.updateTable("ideas").set({ state: "merged", merged_into: intoId, verified_supporters: 0, pending_supporters: 0, updated_at: now }).where("id", "=", fromId).execute();
    const counted = await sql<{ verified: number; pending: number }>`
      select count(*) filter (where status = 'verified')::int as verified, count(*) filter (where status = 'pending')::int as pending
      from idea_supports where idea_id = ${intoId}`.execute(tx);
    const totals = counted.rows[0] ?? { verified: 0, pending: 0 };
    const delta = { verified: totals.verified - into.verified_supporters, pending: totals.pending - into.pending_supporters };
    const counts = await applyCounts(tx, await readSetting(tx, ideasSettings), into, delta, now);
    await recordAudit(tx, { actorId: actor.id, action: "ideas.merge", subjectType: "idea", subjectId: fromId, details: { into: intoId }, ip: meta.ip ?? null });
    return counts;
  });
}

/** An expired idea may be resubmitted once: a copy goes back to moderation and starts from zero. */
export async function resubmitIdea(db: Executor, actor: Actor, id: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const settings = await readSetting(tx, ideasSettings);
    const idea = await tx.selectFrom("ideas").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!idea) throw notFound("idea_not_found", "ideas.errors.notFound");
    if (idea.creator_id !== actor.id) throw forbidden();
    const state = currentState(settings.milestones, { storedState: idea.state, publishedAt: idea.published_at, reachedAt: idea.milestones_reached_at }, now);
    if (state !== "expired") throw conflict("not_expired", "ideas.errors.notExpired");
    if (idea.resubmission_of !== null) throw conflict("already_resubmitted", "ideas.errors.alreadyResubmitted");
    const again = await tx.selectFrom("ideas").select("id").where("resubmission_of", "=", id).executeTakeFirst();
    if (again) throw conflict("already_resubmitted", "ideas.errors.alreadyResubmitted");
    const row = await tx
      .insertInto("ideas")
      .values({
        creator_id: actor.id,
        title: idea.title,
        body: idea.body,
        language: idea.language,
        category_id: idea.category_id,
        state: "in_moderation",
        licence_accepted_at: now,
        submitted_at: now,
        created_at: now,
        updated_at: now,
        resubmission_of: id,
        search_text: idea.search_text,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into idea_images (idea_id, position, file_name, width, height, bytes, alt) select ${row.id}, position, file_name, width, height, bytes, alt from idea_images where idea_id = ${id}`.execute(tx);
    return row.id;
  });
}

/**
 * Brings stored states in line with the clock: open ideas past their deadline become expired
 * (announced once). Safe to run any number of times; pages derive the same state at read time.
 */
export async function sweepExpired(db: Executor, now = new Date()): Promise<number> {
  const settings = await readSetting(db, ideasSettings);
  // Only ideas whose deadline has passed by the SQL mirror of the rules; the rules then decide.
  const candidates = await db.selectFrom("ideas").select(IDEA_COLUMNS).where("state", "=", "open").where(sql<boolean>`${deadlineSql(settings.milestones)} <= ${now}`).execute();
  let expired = 0;
  for (const idea of candidates) {
    const state = currentState(settings.milestones, { storedState: idea.state, publishedAt: idea.published_at, reachedAt: idea.milestones_reached_at }, now);
    if (state !== "expired") continue;
    await inTransaction(db, async (tx) => {
      const changed = await tx.updateTable("ideas").set({ state: "expired", updated_at: now }).where("id", "=", idea.id).where("state", "=", "open").returning("id").executeTakeFirst();
      if (changed) await announce(tx, idea.id, "expired", "expired", {}, "everyone");
    });
    expired += 1;
  }
  return expired;
}

/**
 * Records milestones that an open idea's verified count has reached but that were never recorded:
 * supports commit before their milestone is written (see supports.ts), so a process that stopped in
 * between leaves one behind. The milestone then counts as reached when the sweep finds it.
 */
export async function recordMissedMilestones(db: Executor, now = new Date()): Promise<number> {
  const settings = await readSetting(db, ideasSettings);
  const targets = settings.milestones.steps.map((step) => step.target);
  const missed = await db
    .selectFrom("ideas")
    .select("id")
    .where("state", "=", "open")
    .where(sql<boolean>`verified_supporters >= (${targets}::int[])[cardinality(milestones_reached_at) + 1]`)
    .execute();
  for (const { id } of missed) await inTransaction(db, async (tx) => recordMilestones(tx, settings, await loadIdea(tx, id, true), now));
  return missed.length;
}

/** The trending window: supports of the last seven days. */
const TRENDING_MS = 7 * 86_400_000;

/**
 * Recounts open ideas' supports of the last seven days (the trending count): of the ideas whose
 * supports changed since `changedSince` (the frequent refresh that follows new supports), or of
 * every open idea (the sweep, as supports age out). Supports do not move the count themselves: an
 * update of the counters that changes no indexed column writes no index entry (migration 0014).
 */
export async function recountRecentSupports(db: Executor, now = new Date(), changedSince?: Date): Promise<void> {
  await sql`
    update ideas set recent_supports = counted.recent
    from (
      select i.id, count(s.idea_id)::int as recent
      from ideas i left join idea_supports s on s.idea_id = i.id and s.created_at > ${new Date(now.getTime() - TRENDING_MS)}
      where i.state = 'open' ${changedSince ? sql`and i.supports_changed_at >= ${changedSince}` : sql``}
      group by i.id
    ) counted
    where ideas.id = counted.id and ideas.recent_supports <> counted.recent`.execute(db);
}

/**
 * Turns pending supports into verified ones for members who now pass the trust bar (their email
 * was verified, their account aged), and records milestones that this reaches.
 */
export async function promotePendingSupports(db: Executor, now = new Date()): Promise<number> {
  const settings = await readSetting(db, ideasSettings);
  const bar = settings.trustBar;
  // The accounts that pass the trust bar now.
  const trusted = (executor: Executor) =>
    executor
      .selectFrom("accounts")
      .select("id")
      .where("created_at", "<=", new Date(now.getTime() - bar.minAccountAgeHours * 3_600_000))
      .$if(bar.requireVerifiedEmail, (query) => query.where("email_verified_at", "is not", null));
  const ideaIds = await db.selectFrom("idea_supports").select("idea_id").distinct().where("status", "=", "pending").where("member_id", "in", trusted(db)).execute();
  let promoted = 0;
  for (const { idea_id: ideaId } of ideaIds) {
    await inTransaction(db, async (tx) => {
      const idea = await loadIdea(tx, ideaId, true);
      const rows = await tx
        .updateTable("idea_supports")
        .set({ status: "verified" })
        .where("idea_id", "=", ideaId)
        .where("status", "=", "pending")
        .where("member_id", "in", trusted(tx))
        .returning("member_id")
        .execute();
      if (rows.length === 0) return;
      const open = currentState(settings.milestones, { storedState: idea.state, publishedAt: idea.published_at, reachedAt: idea.milestones_reached_at }, now) === "open";
      if (open) await applyCounts(tx, settings, idea, { verified: rows.length, pending: -rows.length }, now);
      else await tx.updateTable("ideas").set((eb) => ({ verified_supporters: eb("verified_supporters", "+", rows.length), pending_supporters: eb("pending_supporters", "-", rows.length) })).where("id", "=", ideaId).execute();
      promoted += rows.length;
    });
  }
  return promoted;
}
