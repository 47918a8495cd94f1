/** Pure rules for staff changes to accounts: which roles the console grants, and what nobody may do to themselves. */
import { ROLES, STAFF_ROLES, type Role } from "../../auth/permissions.ts";

/** Staff roles, in the model's order; every account is a member already. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES.filter((role) => STAFF_ROLES.has(role));

export type RoleOp = "grant" | "revoke";

/** The scope of a grant: everywhere (`*`) or a module's scope such as `category:7`. */
export const SCOPE_PATTERN = "^(\\*|[a-z_]{1,40}:[A-Za-z0-9_-]{1,64})$";

/** Blank means everywhere. */
export function normalizeScope(scope: string | undefined): string {
  const trimmed = scope?.trim() ?? "";
  return trimmed === "" ? "*" : trimmed;
}

/**
 * Why a role change is refused, or null. An admin may not remove their own admin role: the site
 * must not be left without anyone able to manage it by one slip.
 */
export function roleChangeProblem(change: { actorId: number; accountId: number; op: RoleOp; role: Role; scope: string }): "own_admin_role" | null {
  return change.op === "revoke" && change.role === "admin" && change.scope === "*" && change.actorId === change.accountId ? "own_admin_role" : null;
}

export const MAX_SUSPENSION_DAYS = 3650;

/** The end of a suspension from a `YYYY-MM-DD` date: that day's start (UTC); null when not a real date. */
export function parseSuspensionEnd(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text.trim()) ? date : null;
}

export type SuspensionProblem = "date_invalid" | "date_past" | "date_too_far";

/** Why a suspension end is not acceptable, or null: it must be a date after now and within ten years. */
export function suspensionEndProblem(end: Date | null, now: Date): SuspensionProblem | null {
  if (!end) return "date_invalid";
  if (end.getTime() <= now.getTime()) return "date_past";
  if (end.getTime() - now.getTime() > MAX_SUSPENSION_DAYS * 86_400_000) return "date_too_far";
  return null;
}
