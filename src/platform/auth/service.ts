/**
 * Account use cases for sign-up, email verification, password sign-in and the member's own
 * account settings. Each is one transaction; emails go through the outbox inside it.
 * Emailed sign-in links and password resets are in recovery.ts.
 */
import { inTransaction, type Executor } from "../db/index.ts";
import { invalid } from "../errors.ts";
import type { Locale } from "../i18n/index.ts";
import { createAccount, findAccountByEmail, findAccountById, normalizeEmail } from "./accounts.ts";
import { hashPassword, verifyPassword } from "./crypto.ts";
import { consumeEmailToken } from "./email-tokens.ts";
import { assertNotLockedOut, clearLoginFailures, recordLoginFailure } from "./login-failures.ts";
import { sendTokenMail } from "./mails.ts";
import { signInRefusal } from "./rules.ts";
import { endAllSessions } from "./sessions.ts";

/** What a flow needs to know about the request that started it. */
export interface FlowContext {
  baseUrl: string;
  /** The request's language, for emails to accounts without a language of their own. */
  locale: Locale;
  ip: string | null;
  now?: Date;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  locale?: Locale | undefined;
}

function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid("validation_failed", "errors.validation", { name: { key: "errors.field.required" } });
  return trimmed;
}

/** Creates an account and queues the mail that verifies its address; returns the account id. */
export async function signUp(db: Executor, input: SignUpInput, context: FlowContext): Promise<number> {
  const name = requireName(input.name);
  const email = normalizeEmail(input.email);
  // Hash before the transaction opens: scrypt takes a while and must not hold a connection.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const accountId = await createAccount(tx, { email, name, locale: input.locale ?? null, createdAt: context.now }, passwordHash);
    await sendTokenMail(tx, "verify", { id: accountId, email, name, locale: input.locale ?? null }, context);
    return accountId;
  });
}

/** Sends a new verification link; false when the address is already verified. */
export async function resendVerification(db: Executor, accountId: number, context: FlowContext): Promise<boolean> {
  const account = await findAccountById(db, accountId);
  if (!account || account.email_verified_at) return false;
  await inTransaction(db, (tx) => sendTokenMail(tx, "verify", account, context));
  return true;
}

/** Marks the address behind a verification link as verified; false when the link is unusable. */
export async function verifyEmail(db: Executor, token: string, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const accountId = await consumeEmailToken(tx, token, "verify", now);
    if (accountId === null) return false;
    await tx.updateTable("accounts").set({ email_verified_at: now, updated_at: now }).where("id", "=", accountId).where("email_verified_at", "is", null).execute();
    return true;
  });
}

export type PasswordSignIn = { ok: true; accountId: number } | { ok: false; reason: "credentials" | "suspended" };

let decoyHash: Promise<string> | undefined;

/** A real hash to check against when the email is unknown, so both cases take the same time. */
function decoy(): Promise<string> {
  decoyHash ??= hashPassword("decoy password that matches nothing");
  return decoyHash;
}

/**
 * Checks an email and password. Refuses (429) without checking the password when the email has
 * too many recent failures. Unknown emails, deleted accounts and wrong passwords are the same
 * failure; a suspended account is told so only once its password is right.
 */
export async function checkPassword(db: Executor, input: { email: string; password: string }, context: FlowContext): Promise<PasswordSignIn> {
  const now = context.now ?? new Date();
  const email = normalizeEmail(input.email);
  await assertNotLockedOut(db, email, now);
  const account = await findAccountByEmail(db, email);
  const matches = await verifyPassword(input.password, account?.password_hash ?? (await decoy()));
  if (!account?.password_hash || !matches || account.deleted_at) {
    await recordLoginFailure(db, email, context.ip, now);
    return { ok: false, reason: "credentials" };
  }
  await clearLoginFailures(db, email);
  if (signInRefusal(account, now)) return { ok: false, reason: "suspended" };
  return { ok: true, accountId: account.id };
}

/** Changes the member's name and language. */
export async function updateProfile(db: Executor, accountId: number, input: { name: string; locale: Locale | null }): Promise<void> {
  const name = requireName(input.name);
  await db.updateTable("accounts").set({ name, locale: input.locale, updated_at: new Date() }).where("id", "=", accountId).execute();
}

/**
 * Changes a password after checking the current one (accounts that never had one may set one
 * directly). Wrong current passwords count towards the sign-in limit. Ends every session of the
 * account: the caller starts a fresh one for the browser that made the change.
 */
export async function changePassword(db: Executor, accountId: number, input: { currentPassword?: string | undefined; newPassword: string }, context: FlowContext): Promise<void> {
  const now = context.now ?? new Date();
  const account = await findAccountById(db, accountId);
  if (!account) throw invalid("validation_failed", "errors.validation");
  if (account.password_hash) {
    await assertNotLockedOut(db, account.email, now);
    if (!(await verifyPassword(input.currentPassword ?? "", account.password_hash))) {
      await recordLoginFailure(db, account.email, context.ip, now);
      throw invalid("wrong_password", "auth.errors.wrongPassword", { currentPassword: { key: "auth.errors.wrongPassword" } });
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await tx.updateTable("accounts").set({ password_hash: passwordHash, updated_at: now }).where("id", "=", accountId).execute();
    await endAllSessions(tx, accountId);
  });
}
