/**
 * Pure rules of the account flows: how long each emailed link lives, when repeated wrong passwords
 * lock an email out, and which accounts may sign in. No database here; the time is passed in.
 */

export type EmailTokenPurpose = "verify" | "magic" | "reset";

/** How long an emailed link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify: 48 * 3600_000,
  magic: 15 * 60_000,
  reset: 60 * 60_000,
};

/** Wrong passwords allowed per email within the window; the next attempt is refused unchecked. */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 60_000;

/** Per-IP limit for the account forms (sign-in, sign-up, emailed links), as @fastify/rate-limit route config. */
export const AUTH_IP_LIMIT = { max: 30, timeWindow: 60_000 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1000;

/**
 * Seconds until the email may try a password again, or 0 when it may try now. `failures` are the
 * times of recent wrong passwords for the email (any order). The lock lifts when the oldest of the
 * latest `LOGIN_FAILURE_LIMIT` failures leaves the window.
 */
export function lockoutSeconds(failures: readonly Date[], now: Date): number {
  const since = now.getTime() - LOGIN_FAILURE_WINDOW_MS;
  const recent = failures
    .map((date) => date.getTime())
    .filter((time) => time > since)
    .sort((a, b) => b - a);
  if (recent.length < LOGIN_FAILURE_LIMIT) return 0;
  const oldestCounted = recent[LOGIN_FAILURE_LIMIT - 1] ?? now.getTime();
  return Math.max(1, Math.ceil((oldestCounted + LOGIN_FAILURE_WINDOW_MS - now.getTime()) / 1000));
}

export interface AccountStanding {
  deleted_at: Date | null;
  suspended_until: Date | null;
}

/** Why an account may not sign in now, or null when it may. */
export function signInRefusal(account: AccountStanding, now: Date): "deleted" | "suspended" | null {
  if (account.deleted_at) return "deleted";
  if (account.suspended_until && account.suspended_until > now) return "suspended";
  return null;
}

export interface EmailTokenState {
  expires_at: Date;
  used_at: Date | null;
}

/** True when an emailed link can still be used. */
export function emailTokenUsable(token: EmailTokenState, now: Date): boolean {
  return token.used_at === null && token.expires_at > now;
}
