/**
 * Getting in without a password: sign-in links and password resets sent by email. Requests answer
 * the same whether or not the email has an account, so they cannot be used to find out who has one.
 */
import { inTransaction, type Executor } from "../db/index.ts";
import { findAccountByEmail, findAccountById } from "./accounts.ts";
import { hashPassword } from "./crypto.ts";
import { consumeEmailToken } from "./email-tokens.ts";
import { clearLoginFailures } from "./login-failures.ts";
import { sendTokenMail } from "./mails.ts";
import { signInRefusal } from "./rules.ts";
import type { FlowContext } from "./service.ts";
import { endAllSessions } from "./sessions.ts";

/** Emails a sign-in link when the address belongs to an account that may sign in; otherwise does nothing. */
export async function requestMagicLink(db: Executor, email: string, context: FlowContext): Promise<void> {
  const account = await findAccountByEmail(db, email);
  if (!account || signInRefusal(account, context.now ?? new Date())) return;
  await inTransaction(db, (tx) => sendTokenMail(tx, "magic", account, context));
}

/**
 * Uses a sign-in link; returns the account to sign in, or null when the link is unusable or the
 * account may not sign in. Following the link proves the address, so it also verifies it.
 */
export async function useMagicLink(db: Executor, token: string, now = new Date()): Promise<number | null> {
  return inTransaction(db, async (tx) => {
    const accountId = await consumeEmailToken(tx, token, "magic", now);
    if (accountId === null) return null;
    const account = await findAccountById(tx, accountId);
    if (!account || signInRefusal(account, now)) return null;
    if (!account.email_verified_at) await tx.updateTable("accounts").set({ email_verified_at: now, updated_at: now }).where("id", "=", accountId).execute();
    return accountId;
  });
}

/** Emails a password-reset link when the address belongs to an account that is not deleted. */
export async function requestPasswordReset(db: Executor, email: string, context: FlowContext): Promise<void> {
  const account = await findAccountByEmail(db, email);
  if (!account || account.deleted_at) return;
  await inTransaction(db, (tx) => sendTokenMail(tx, "reset", account, context));
}

/**
 * Sets a new password through a reset link and ends every session of the account. Returns the
 * account and whether it may sign in now, or null when the link is unusable.
 */
export async function resetPassword(db: Executor, token: string, newPassword: string, now = new Date()): Promise<{ accountId: number; maySignIn: boolean } | null> {
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (tx) => {
    const accountId = await consumeEmailToken(tx, token, "reset", now);
    if (accountId === null) return null;
    const account = await findAccountById(tx, accountId);
    if (!account) return null;
    await tx
      .updateTable("accounts")
      .set({ password_hash: passwordHash, email_verified_at: account.email_verified_at ?? now, updated_at: now })
      .where("id", "=", accountId)
      .execute();
    await endAllSessions(tx, accountId);
    await clearLoginFailures(tx, account.email);
    return { accountId, maySignIn: signInRefusal(account, now) === null };
  });
}
