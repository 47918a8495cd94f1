/** What the account pages read and revoke: the member's sessions and API tokens, always scoped to the member. */
import type { Executor } from "../db/index.ts";
import { forgetCachedActors } from "./sessions.ts";

/** The account's unexpired sessions, most recently active first. */
export async function activeSessions(db: Executor, accountId: number, now = new Date()) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_agent", "ip", "created_at", "last_seen_at"])
    .where("account_id", "=", accountId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .limit(100)
    .execute();
}

/** The account's API tokens (never the tokens themselves), newest first. */
export async function listApiTokens(db: Executor, accountId: number) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "scopes", "created_at", "last_used_at", "revoked_at"])
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

/** Revokes one of the account's own tokens; false when it has no such active token. */
export async function revokeApiToken(db: Executor, accountId: number, tokenId: number, now = new Date()): Promise<boolean> {
  const row = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", tokenId)
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  await forgetCachedActors(db);
  return row !== undefined;
}
