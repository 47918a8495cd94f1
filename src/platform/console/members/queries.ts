/** Finding accounts for the console: search by email or name, one account with its roles. */
import type { Executor } from "../../db/index.ts";
import { ROLES, type RoleGrant } from "../../auth/permissions.ts";
import { notFound } from "../../errors.ts";
import { fetchPage, likeEscape, type Page } from "../paging.ts";

export interface MemberRow {
  id: number;
  email: string;
  name: string;
  emailVerified: boolean;
  locale: string | null;
  createdAt: Date;
  suspendedUntil: Date | null;
  deletedAt: Date | null;
  roles: RoleGrant[];
}

/** The roles of many accounts in one query, by account id. */
async function rolesByAccount(db: Executor, ids: number[]): Promise<Map<number, RoleGrant[]>> {
  const byAccount = new Map<number, RoleGrant[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byAccount;
  const rows = await db.selectFrom("account_roles").select(["account_id", "role", "scope"]).where("account_id", "in", ids).orderBy("granted_at").execute();
  for (const row of rows) {
    const role = ROLES.find((known) => known === row.role);
    if (role) byAccount.get(row.account_id)?.push({ role, scope: row.scope });
  }
  return byAccount;
}

/** Loads accounts by id with their roles, in the order given; ids that do not exist are left out. */
export async function loadMembers(db: Executor, ids: number[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("accounts")
    .select(["id", "email", "name", "email_verified_at", "locale", "created_at", "suspended_until", "deleted_at"])
    .where("id", "in", ids)
    .execute();
  const roles = await rolesByAccount(db, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        email: row.email,
        name: row.name,
        emailVerified: row.email_verified_at !== null,
        locale: row.locale,
        createdAt: row.created_at,
        suspendedUntil: row.suspended_until,
        deletedAt: row.deleted_at,
        roles: roles.get(row.id) ?? [],
      },
    ];
  });
}

/** One account with its roles; 404 when there is none. */
export async function findMember(db: Executor, id: number): Promise<MemberRow> {
  const [member] = await loadMembers(db, [id]);
  if (!member) throw notFound();
  return member;
}

/** One page of accounts whose email or name contains the text (all accounts when blank), newest first. */
export async function searchMembers(db: Executor, text: string | undefined, page: number, perPage?: number): Promise<Page<MemberRow>> {
  return fetchPage(
    page,
    async (limit, offset) => {
      let query = db.selectFrom("accounts").select("id");
      const needle = text?.trim();
      if (needle) {
        const pattern = `%${likeEscape(needle)}%`;
        query = query.where((eb) => eb.or([eb("email", "like", `%${likeEscape(needle.toLowerCase())}%`), eb("name", "ilike", pattern)]));
      }
      const ids = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute();
      return loadMembers(
        db,
        ids.map((row) => row.id),
      );
    },
    perPage,
  );
}
