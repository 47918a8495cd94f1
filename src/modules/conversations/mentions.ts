/**
 * Mentions in member posts: `@name` names a member by their display name, with `_` for spaces
 * (`@Maryam_Rezaei`, `@مریم_رضایی`). Mentioned members are notified; the text itself renders as plain
 * text (markdown), so a mention can never become markup.
 */
import { sql, type Executor } from "../../platform/db/index.ts";
import { defineNotificationType, notify } from "../../platform/notify/index.ts";

export const MENTIONED = "conversations.mentioned";
/** A post names at most this many members; more are ignored (mass mentions are a spam pattern). */
export const MENTION_LIMIT = 10;

defineNotificationType({
  type: MENTIONED,
  labelKey: "qa.notifications.mentioned.label",
  messageKey: "qa.notifications.mentioned.message",
  defaults: { inApp: true, email: false },
  email: (params) => ({ subjectKey: "qa.notifications.mentioned.subject", paragraphKeys: ["qa.notifications.mentioned.message"], params }),
});

const MENTION = /(^|[^\p{L}\p{N}_@.])@([\p{L}\p{N}][\p{L}\p{M}\p{N}_.\-]{0,39})/gu;

/** The names mentioned in a text (spaces for underscores, lower case, each once, at most MENTION_LIMIT). */
export function extractMentions(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const name = match[2]!.replace(/[._\-]+$/, "").replace(/_/g, " ").toLowerCase();
    if (name !== "") names.add(name);
    if (names.size >= MENTION_LIMIT) break;
  }
  return [...names];
}

/** Notifies the members a post mentions (not its author), inside the post's transaction. */
export async function notifyMentions(db: Executor, post: { body: string; authorId: number; authorName: string; title: string; url: string }): Promise<number[]> {
  const names = extractMentions(post.body);
  if (names.length === 0) return [];
  const accounts = await db
    .selectFrom("accounts")
    .select("id")
    .where(sql<string>`lower(name)`, "in", names)
    .where("deleted_at", "is", null)
    .where("id", "!=", post.authorId)
    .execute();
  for (const account of accounts) {
    await notify(db, { accountId: account.id, type: MENTIONED, params: { author: post.authorName, title: post.title }, url: post.url });
  }
  return accounts.map((account) => account.id);
}
