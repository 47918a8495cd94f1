/**
 * One-time tokens sent by email (verify an address, sign in by link, reset a password).
 * The link carries a random token; the table keeps only its SHA-256, so a copy of the database
 * cannot be turned into working links.
 */
import type { Executor } from "../db/index.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { EMAIL_TOKEN_TTL_MS, emailTokenUsable, type EmailTokenPurpose } from "./rules.ts";

/** Creates a token for the account; returns the token to put in the link. */
export async function issueEmailToken(db: Executor, accountId: number, purpose: EmailTokenPurpose, now = new Date()): Promise<string> {
  const token = randomToken();
  await db
    .insertInto("email_tokens")
    .values({ id: sha256(token), account_id: accountId, purpose, created_at: now, expires_at: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]) })
    .execute();
  return token;
}

/** The account a still-usable token belongs to, without using it up (for the page the link opens). */
export async function peekEmailToken(db: Executor, token: string, purpose: EmailTokenPurpose, now = new Date()): Promise<number | null> {
  const row = await db
    .selectFrom("email_tokens")
    .select(["account_id", "expires_at", "used_at"])
    .where("id", "=", sha256(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return row && emailTokenUsable(row, now) ? row.account_id : null;
}

/**
 * Uses a token up and returns its account, or null when it is unknown, expired or already used.
 * The update is conditional, so two requests racing with the same token cannot both succeed.
 * The account's other unused tokens of the same purpose are retired with it.
 */
export async function consumeEmailToken(db: Executor, token: string, purpose: EmailTokenPurpose, now = new Date()): Promise<number | null> {
  const row = await db
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("id", "=", sha256(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("account_id")
    .executeTakeFirst();
  if (!row) return null;
  await db
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("account_id", "=", row.account_id)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  return row.account_id;
}
