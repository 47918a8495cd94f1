/** Accounts as the staff API sends them: the schema (for the OpenAPI document) and the mapping. */
import { Type, type Static } from "typebox";
import type { MemberRow } from "./queries.ts";

const Timestamp = Type.String({ format: "date-time" });

export const AccountSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
  locale: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  suspendedUntil: Type.Union([Timestamp, Type.Null()]),
  deleted: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: Type.String(), scope: Type.String() })),
});

export type AccountJson = Static<typeof AccountSchema>;

/** One account as the API sends it. */
export function presentAccount(member: MemberRow): AccountJson {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    emailVerified: member.emailVerified,
    locale: member.locale,
    createdAt: member.createdAt.toISOString(),
    suspendedUntil: member.suspendedUntil?.toISOString() ?? null,
    deleted: member.deletedAt !== null,
    roles: member.roles.map((grant) => ({ role: grant.role, scope: grant.scope })),
  };
}
