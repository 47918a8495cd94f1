/** Request schemas of the member routes, shared by the console forms and the staff API. */
import { Type } from "typebox";
import { Text } from "../schemas.ts";
import { GRANTABLE_ROLES, SCOPE_PATTERN } from "./rules.ts";

export const RoleChangeBody = Type.Object(
  {
    op: Type.Union([Type.Literal("grant"), Type.Literal("revoke")]),
    role: Type.Union(GRANTABLE_ROLES.map((role) => Type.Literal(role))),
    // Blank (in a form) means everywhere.
    scope: Type.Optional(Type.String({ maxLength: 110, pattern: `^\\s*$|${SCOPE_PATTERN}` })),
  },
  { additionalProperties: false },
);

export const SuspendBody = Type.Object(
  {
    reason: Text({ minLength: 1, maxLength: 500 }),
    until: Text({ minLength: 1, maxLength: 10 }),
  },
  { additionalProperties: false },
);

export const MemberSearchQuery = Type.Object({
  q: Type.Optional(Text({ maxLength: 200 })),
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
});
