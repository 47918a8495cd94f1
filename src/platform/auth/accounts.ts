/** Accounts and their roles: the functions the CLI, the demo and the account flows share. */
import { inTransaction, type Executor } from "../db/index.ts";
import { recordAudit } from "../audit/index.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { hashPassword } from "./crypto.ts";
import { forgetCachedActors } from "./sessions.ts";
import { isRole } from "./permissions.ts";

export interface NewAccount {
  email: string;
  name: string;
  password?: string | undefined;
  locale?: string | null | undefined;
  verified?: boolean | undefined;
  createdAt?: Date | undefined;
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an account (with the member role); refuses an email already in use. */
export async function createAccount(db: Executor, input: NewAccount, passwordHash?: string): Promise<number> {
  const email = normalizeEmail(input.email);
  const hash = passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return inTransaction(db, async (tx) => {
    const existing = await tx.selectFrom("accounts").select("id").where("email", "=", email).executeTakeFirst();
    if (existing) throw conflict("email_taken", "auth.errors.emailTaken");
    const now = input.createdAt ?? new Date();
    // Two sign-ups racing for one address both pass the check above; the unique index decides.
    const row = await tx
      .insertInto("accounts")
      .values({
        email,
        name: input.name.trim(),
        password_hash: hash,
        locale: input.locale ?? null,
        email_verified_at: input.verified ? now : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("email_taken", "auth.errors.emailTaken");
    await tx.insertInto("account_roles").values({ account_id: row.id, role: "member", scope: "*" }).execute();
    return row.id;
  });
}

/** The account with the given id, deleted or not. */
export async function findAccountById(db: Executor, id: number) {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The account with the given email (compared case-insensitively), deleted or not. */
export async function findAccountByEmail(db: Executor, email: string) {
  return db.selectFrom("accounts").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}


/** Grants a role (idempotent) and records it in the audit log. */
export async function grantRole(db: Executor, accountId: number, role: string, options: { scope?: string; grantedBy?: number | null; ip?: string | null } = {}): Promise<void> {
  if (!isRole(role)) throw invalid("unknown_role", "auth.errors.unknownRole", {}, { role });
  const scope = options.scope ?? "*";
  await inTransaction(db, async (tx) => {
    const account = await tx.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
    if (!account) throw notFound();
    await tx
      .insertInto("account_roles")
      .values({ account_id: accountId, role, scope, granted_by: options.grantedBy ?? null })
      .onConflict((oc) => oc.columns(["account_id", "role", "scope"]).doNothing())
      .execute();
    await recordAudit(tx, { actorId: options.grantedBy ?? null, action: "accounts.role.grant", subjectType: "account", subjectId: accountId, details: { role, scope }, ip: options.ip ?? null });
  });
  await forgetCachedActors(db);
}

/** Removes a role and records it in the audit log. */
export async function revokeRole(db: Executor, accountId: number, role: string, options: { scope?: string; revokedBy?: number | null; ip?: string | null } = {}): Promise<void> {
  if (!isRole(role)) throw invalid("unknown_role", "auth.errors.unknownRole", {}, { role });
  const scope = options.scope ?? "*";
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom("account_roles").where("account_id", "=", accountId).where("role", "=", role).where("scope", "=", scope).execute();
    await recordAudit(tx, { actorId: options.revokedBy ?? null, action: "accounts.role.revoke", subjectType: "account", subjectId: accountId, details: { role, scope }, ip: options.ip ?? null });
  });
  await forgetCachedActors(db);
}
