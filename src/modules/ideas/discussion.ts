/**
 * The conversation around an idea: members' comments, the creator's updates, and following. Each
 * write is one transaction that checks the idea can take it, records the activity and announces it
 * (exactly once, keyed by the new row's id) to the creator, supporters and followers.
 */
import { recordActivity } from "../../platform/activity/index.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { announce } from "./notifications.ts";
import { isPubliclyVisible } from "./policy.ts";
import { currentState } from "./rules.ts";
import { ideasSettings } from "./settings.ts";

export const COMMENT_MAX_LENGTH = 5000;
export const UPDATE_TITLE_MAX_LENGTH = 120;
export const UPDATE_MAX_LENGTH = 10_000;

interface DiscussedIdea {
  id: number;
  creator_id: number;
}

/**
 * The idea, if the public may discuss it now: hidden ideas are not found, and merged or expired
 * ones are read-only (an expired idea keeps its conversation but takes no new one).
 */
async function discussableIdea(db: Executor, ideaId: number, now: Date): Promise<DiscussedIdea> {
  const idea = await db.selectFrom("ideas").select(["id", "creator_id", "state", "published_at", "milestones_reached_at"]).where("id", "=", ideaId).executeTakeFirst();
  if (!idea || !isPubliclyVisible(idea.state)) throw notFound("idea_not_found", "ideas.errors.notFound");
  const settings = await readSetting(db, ideasSettings);
  const state = currentState(settings.milestones, { storedState: idea.state, publishedAt: idea.published_at, reachedAt: idea.milestones_reached_at }, now);
  if (state === "merged" || state === "expired") throw conflict("idea_read_only", "ideas.errors.readOnly");
  return idea;
}

function requireText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === "") throw invalid("text_required", "errors.field.required", { [field]: { key: "errors.field.required" } });
  if (text.length > max) throw invalid("text_too_long", "errors.field.maxLength", { [field]: { key: "errors.field.maxLength", params: { limit: max } } });
  return text;
}

/** A member comments on a visible idea (markdown); everyone following the idea hears of it except the author. */
export async function addComment(db: Executor, actor: Actor, ideaId: number, body: string, now = new Date()): Promise<number> {
  const text = requireText("body", body, COMMENT_MAX_LENGTH);
  return inTransaction(db, async (tx) => {
    const idea = await discussableIdea(tx, ideaId, now);
    const row = await tx.insertInto("idea_comments").values({ idea_id: ideaId, author_id: actor.id, body: text, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await recordActivity(tx, { actorId: actor.id, type: "idea.commented", subjectType: "idea", subjectId: ideaId, targetId: idea.creator_id, occurredAt: now });
    await announce(tx, ideaId, "comment", `comment:${row.id}`, {}, "everyone", actor.id);
    return row.id;
  });
}

/** The creator posts an update (a title and a markdown body) to the idea's supporters and followers. */
export async function postUpdate(db: Executor, actor: Actor, ideaId: number, input: { title: string; body: string }, now = new Date()): Promise<number> {
  const title = requireText("title", input.title, UPDATE_TITLE_MAX_LENGTH);
  const body = requireText("body", input.body, UPDATE_MAX_LENGTH);
  return inTransaction(db, async (tx) => {
    const idea = await discussableIdea(tx, ideaId, now);
    if (idea.creator_id !== actor.id) throw forbidden("not_creator", "ideas.errors.notCreator");
    const row = await tx.insertInto("idea_updates").values({ idea_id: ideaId, author_id: actor.id, title, body, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await recordActivity(tx, { actorId: actor.id, type: "idea.updated", subjectType: "idea", subjectId: ideaId, occurredAt: now });
    await announce(tx, ideaId, "update", `update:${row.id}`, { note: title }, "everyone", actor.id);
    return row.id;
  });
}

async function assertFollowable(db: Executor, ideaId: number): Promise<void> {
  const idea = await db.selectFrom("ideas").select("state").where("id", "=", ideaId).executeTakeFirst();
  if (!idea || !isPubliclyVisible(idea.state) || idea.state === "merged") throw notFound("idea_not_found", "ideas.errors.notFound");
}

/** Follows a visible idea (idempotent). */
export async function followIdea(db: Executor, actor: Actor, ideaId: number, now = new Date()): Promise<void> {
  await assertFollowable(db, ideaId);
  await db
    .insertInto("idea_follows")
    .values({ idea_id: ideaId, member_id: actor.id, created_at: now })
    .onConflict((oc) => oc.columns(["idea_id", "member_id"]).doNothing())
    .execute();
}

/** Stops following an idea (idempotent; unfollowing what one does not follow changes nothing). */
export async function unfollowIdea(db: Executor, actor: Actor, ideaId: number): Promise<void> {
  await db.deleteFrom("idea_follows").where("idea_id", "=", ideaId).where("member_id", "=", actor.id).execute();
}
