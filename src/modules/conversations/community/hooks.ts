/**
 * Where community content meets search, moderation and mentions: every write calls these in its
 * own transaction, so the index, the revision history and the mention notices change with the content.
 */
import type { Actor } from "../../../platform/auth/permissions.ts";
import type { Executor } from "../../../platform/db/index.ts";
import { markdownToText } from "../../../platform/markdown/index.ts";
import { checkPostingAllowed, queueForApproval, recordRevision } from "../../moderation/index.ts";
import { indexDocuments, type SearchDocument } from "../../search/index.ts";
import { notifyMentions } from "../mentions.ts";

export { defineFlaggable } from "../../moderation/index.ts";
export { indexDocuments, type SearchDocument };

/** Spam controls before a member posts; true when the post must wait for a moderator. */
export async function mustWaitForApproval(db: Executor, actor: Actor, body: string, kind: string, now: Date): Promise<boolean> {
  const { needsApproval } = await checkPostingAllowed(db, actor, { body, kind }, now);
  return needsApproval;
}

/** Puts content that was stored hidden, waiting for approval, in the moderators' queue. */
export async function awaitApproval(db: Executor, subjectType: string, subjectId: number, authorId: number, now: Date): Promise<void> {
  await queueForApproval(db, { subjectType, subjectId, authorId }, now);
}

/** Keeps the text before an edit for the moderators' edit history. */
export async function keepRevision(db: Executor, entry: { subjectType: string; subjectId: number; editorId: number; title?: string | null; body: string }, now: Date): Promise<void> {
  await recordRevision(db, entry, now);
}

/** Tells the members named with @name in a body, once per body written. */
export async function mentionMembers(db: Executor, actor: Actor, body: string, source: { url: string; title: string }): Promise<void> {
  await notifyMentions(db, { body, authorId: actor.id, authorName: actor.name, url: source.url, title: source.title });
}

/** A one-line excerpt of markdown, for flag queues and previews. */
export function excerptOf(body: string, length = 200): string {
  return markdownToText(body).slice(0, length);
}
