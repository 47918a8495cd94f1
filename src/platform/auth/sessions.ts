/**
 * Browser sessions and API tokens: creating them, finding the actor behind a request, revoking.
 * Only SHA-256 hashes of session and API tokens are stored.
 */
import { sql, type ExpressionBuilder } from "kysely";
import { LRUCache } from "lru-cache";
import { onSignal, sendSignal } from "../db/signals.ts";
import type { Executor, Tables } from "../db/index.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { isRole, type Actor, type RoleGrant } from "./permissions.ts";

export const SESSION_COOKIE = "hearth_session";
export const SESSION_DAYS = 30;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

type AccountRow = { id: number; email: string; name: string; email_verified_at: Date | null; locale: string | null; created_at: Date; roles: unknown };

/** Roles as a JSON array in the same query as the account, so identifying a request is one round trip. */
function rolesJson(eb: ExpressionBuilder<Tables, "accounts">) {
  return eb
    .selectFrom("account_roles")
    .select(sql<unknown>`coalesce(json_agg(json_build_object('role', account_roles.role, 'scope', account_roles.scope)), '[]'::json)`.as("roles"))
    .whereRef("account_roles.account_id", "=", "accounts.id")
    .as("roles");
}

function parseRoles(value: unknown): RoleGrant[] {
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: { role?: unknown; scope?: unknown }) =>
    typeof item.role === "string" && isRole(item.role) && typeof item.scope === "string" ? [{ role: item.role, scope: item.scope }] : [],
  );
}

function toActor(account: AccountRow, tokenScopes?: string[]): Actor {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    emailVerified: account.email_verified_at !== null,
    locale: account.locale,
    createdAt: account.created_at,
    roles: parseRoles(account.roles),
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}

/** Starts a session; returns the token to put in the cookie. */
export async function createSession(db: Executor, accountId: number, meta: { userAgent?: string | undefined; ip?: string | undefined }, now = new Date()): Promise<string> {
  const token = randomToken();
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      account_id: accountId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
      ip: meta.ip ?? null,
    })
    .execute();
  return token;
}

/** The actor behind a session cookie, or null when the session is unknown, expired, or the account is suspended or deleted. */
export async function actorFromSession(db: Executor, token: string, now = new Date()): Promise<{ actor: Actor; sessionId: string } | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("accounts", "accounts.id", "sessions.account_id")
    .select(["accounts.id", "accounts.email", "accounts.name", "accounts.email_verified_at", "accounts.locale", "accounts.created_at", "accounts.suspended_until", "accounts.deleted_at", "sessions.last_seen_at", "sessions.expires_at"])
    .select(rolesJson)
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || row.expires_at <= now || row.deleted_at || (row.suspended_until && row.suspended_until > now)) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }
  return { actor: toActor(row), sessionId: id };
}

/**
 * API tokens are looked up once per few seconds per process, not per request: an integration
 * calling many times a second then costs no database round trip. Revoking a token, changing roles
 * or suspending an account clears the cache of every app process at once (`forgetCachedActors`
 * sends a signal, see platform/db/signals.ts); the time-to-live only covers a process whose signal
 * connection is reconnecting.
 */
const TOKEN_CACHE_MS = 10_000;
const FORGET_ACTORS = "auth.forget-actors";
const tokenActors = new LRUCache<string, Actor>({ max: 10_000, ttl: TOKEN_CACHE_MS });
onSignal(FORGET_ACTORS, () => tokenActors.clear());

/** Drops cached token look-ups in every app process (after a revocation, a role change or a suspension). */
export async function forgetCachedActors(db: Executor): Promise<void> {
  await sendSignal(db, FORGET_ACTORS);
}

/** The actor behind an API token, with the token's scopes; null when unknown or revoked. */
export async function actorFromApiToken(db: Executor, token: string, now = new Date()): Promise<Actor | null> {
  const key = sha256(token);
  const cached = tokenActors.get(key);
  if (cached) return cached;
  const actor = await lookUpApiToken(db, key, now);
  if (actor) tokenActors.set(key, actor);
  return actor;
}

async function lookUpApiToken(db: Executor, tokenHash: string, now: Date): Promise<Actor | null> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("accounts", "accounts.id", "api_tokens.account_id")
    .select(["accounts.id", "accounts.email", "accounts.name", "accounts.email_verified_at", "accounts.locale", "accounts.created_at", "accounts.suspended_until", "accounts.deleted_at", "api_tokens.scopes", "api_tokens.revoked_at", "api_tokens.last_used_at", "api_tokens.id as token_id"])
    .select(rolesJson)
    .where("api_tokens.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.deleted_at || (row.suspended_until && row.suspended_until > now)) return null;
  // Written at most once per interval, like sessions: a busy integration must not queue on one row.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.token_id).execute();
  }
  return toActor(row, row.scopes);
}

/** Ends one session. */
export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of an account (sign out everywhere, password change). */
export async function endAllSessions(db: Executor, accountId: number): Promise<void> {
  await forgetCachedActors(db);
  await db.deleteFrom("sessions").where("account_id", "=", accountId).execute();
}

/** Creates an API token with scopes; returns the token, shown once. */
export async function createApiToken(db: Executor, accountId: number, name: string, scopes: string[]): Promise<string> {
  const token = `hth_${randomToken()}`;
  await db.insertInto("api_tokens").values({ account_id: accountId, name, token_hash: sha256(token), scopes }).execute();
  return token;
}
