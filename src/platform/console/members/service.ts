/** Staff changes to accounts: roles and suspensions, each audited with who did it and from where. */
import { recordAudit } from "../../audit/index.ts";
import { forgetCachedActors } from "../../auth/sessions.ts";
import { grantRole, revokeRole } from "../../auth/accounts.ts";
import type { Role } from "../../auth/permissions.ts";
import { inTransaction, type Executor } from "../../db/index.ts";
import { conflict, notFound } from "../../errors.ts";
import { notify } from "../../notify/index.ts";
import { ROLE_GRANTED } from "./role-notification.ts";
import { roleChangeProblem, type RoleOp } from "./rules.ts";

export interface StaffAct {
  actorId: number;
  ip: string | null;
}

/** Grants or revokes a role. A member who newly gets a role is told, in the app and by email. */
export async function changeRole(db: Executor, accountId: number, change: { op: RoleOp; role: Role; scope: string }, by: StaffAct): Promise<void> {
  if (roleChangeProblem({ actorId: by.actorId, accountId, ...change })) throw conflict("own_admin_role", "console.members.errors.ownAdmin");
  await inTransaction(db, async (tx) => {
    const account = await tx.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
    if (!account) throw notFound();
    if (change.op === "revoke") {
      await revokeRole(tx, accountId, change.role, { scope: change.scope, revokedBy: by.actorId, ip: by.ip });
      return;
    }
    const held = await tx.selectFrom("account_roles").select("role").where("account_id", "=", accountId).where("role", "=", change.role).where("scope", "=", change.scope).executeTakeFirst();
    await grantRole(tx, accountId, change.role, { scope: change.scope, grantedBy: by.actorId, ip: by.ip });
    if (!held) await notify(tx, { accountId, type: ROLE_GRANTED, params: { role: change.role }, url: "/console" });
  });
}

/** Suspends an account until a date, with a reason kept in the audit log. Staff cannot suspend themselves. */
export async function suspendAccount(db: Executor, accountId: number, suspension: { until: Date; reason: string }, by: StaffAct): Promise<void> {
  if (accountId === by.actorId) throw conflict("own_account", "console.members.errors.ownAccount");
  await inTransaction(db, async (tx) => {
    const updated = await tx.updateTable("accounts").set({ suspended_until: suspension.until, updated_at: new Date() }).where("id", "=", accountId).returning("id").executeTakeFirst();
    if (!updated) throw notFound();
    await recordAudit(tx, {
      actorId: by.actorId,
      action: "accounts.suspend",
      subjectType: "account",
      subjectId: accountId,
      details: { until: suspension.until.toISOString(), reason: suspension.reason },
      ip: by.ip,
    });
  });
  await forgetCachedActors(db);
}

/** Ends an account's suspension now. */
export async function liftSuspension(db: Executor, accountId: number, by: StaffAct): Promise<void> {
  await inTransaction(db, async (tx) => {
    const updated = await tx.updateTable("accounts").set({ suspended_until: null, updated_at: new Date() }).where("id", "=", accountId).returning("id").executeTakeFirst();
    if (!updated) throw notFound();
    await recordAudit(tx, { actorId: by.actorId, action: "accounts.unsuspend", subjectType: "account", subjectId: accountId, ip: by.ip });
  });
  await forgetCachedActors(db);
}
