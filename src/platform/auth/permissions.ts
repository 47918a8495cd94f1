/**
 * The permission model: role × action × scope, checked on the server for every request.
 * Modules declare which roles may perform their actions with `defineActions`; routes name the
 * action they need (see http/guard.ts) and services call `can` / `authorize` before they write.
 */
import { forbidden, unauthorized } from "../errors.ts";

export const ROLES = ["member", "moderator", "community_manager", "product_reviewer", "finance", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** True for one of Hearth's roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
export const STAFF_ROLES: ReadonlySet<Role> = new Set(["moderator", "community_manager", "product_reviewer", "finance", "admin"]);

export interface RoleGrant {
  role: Role;
  /** '*' for everywhere, or a module-defined scope such as 'category:7'. */
  scope: string;
}

/** Who is acting: a signed-in account, with its roles (and, for API tokens, the token's scopes). */
export interface Actor {
  id: number;
  email: string;
  name: string;
  emailVerified: boolean;
  locale: string | null;
  createdAt: Date;
  roles: RoleGrant[];
  /** Scopes of the API token that authenticated the request; undefined for browser sessions. */
  tokenScopes?: string[];
}

const grants = new Map<string, ReadonlySet<Role>>();

/** Declares the roles allowed to perform each action. Admins may perform every action. */
export function defineActions(actions: Record<string, readonly Role[]>): void {
  for (const [action, roles] of Object.entries(actions)) grants.set(action, new Set(roles));
}

/** Every declared action with its roles (for the console's permissions page and tests). */
export function declaredActions(): Array<{ action: string; roles: Role[] }> {
  return [...grants.entries()].map(([action, roles]) => ({ action, roles: [...roles] })).sort((a, b) => a.action.localeCompare(b.action));
}

function scopeCovers(granted: string, wanted: string): boolean {
  return granted === "*" || granted === wanted;
}

/** True when the actor may perform the action within the scope. */
export function can(actor: Actor | null | undefined, action: string, scope = "*"): boolean {
  if (!actor) return false;
  const allowed = grants.get(action);
  return actor.roles.some(
    (grant) => (grant.role === "admin" && grant.scope === "*") || (allowed?.has(grant.role) === true && scopeCovers(grant.scope, scope)),
  );
}

/** Throws 401 for no actor and 403 when the actor may not perform the action. */
export function authorize(actor: Actor | null | undefined, action: string, scope = "*"): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, action, scope)) throw forbidden();
}

/** True when the actor holds any staff role. */
export function isStaff(actor: Actor | null | undefined): boolean {
  return actor?.roles.some((grant) => STAFF_ROLES.has(grant.role)) ?? false;
}
