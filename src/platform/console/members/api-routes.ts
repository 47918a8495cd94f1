/** The staff API for accounts: GET /api/v1/admin/accounts and POST /api/v1/admin/accounts/{id}/roles. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unauthorized } from "../../errors.ts";
import { AccountSchema, presentAccount } from "./presenter.ts";
import { findMember, searchMembers } from "./queries.ts";
import { normalizeScope } from "./rules.ts";
import { MemberSearchQuery, RoleChangeBody } from "./schemas.ts";
import { IdParams } from "../schemas.ts";
import { changeRole } from "./service.ts";

const access = { action: "accounts.manage" };

/** Registers the staff API for accounts. */
export async function memberApiRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get(
    "/api/v1/admin/accounts",
    {
      config: { access },
      schema: {
        tags: ["admin"],
        summary: "Search accounts by email or name, newest first",
        querystring: Type.Object({ ...MemberSearchQuery.properties, perPage: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ accounts: Type.Array(AccountSchema), page: Type.Integer(), hasNext: Type.Boolean() }) },
      },
    },
    async (request) => {
      const list = await searchMembers(db, request.query.q, request.query.page, request.query.perPage);
      return { accounts: list.rows.map(presentAccount), page: list.page, hasNext: list.hasNext };
    },
  );

  app.post(
    "/api/v1/admin/accounts/:id/roles",
    {
      config: { access },
      schema: {
        tags: ["admin"],
        summary: "Grant or revoke a staff role (audited; a newly granted member is notified)",
        params: IdParams,
        body: RoleChangeBody,
        response: { 200: AccountSchema },
      },
    },
    async (request) => {
      if (!request.actor) throw unauthorized();
      const { op, role, scope } = request.body;
      await changeRole(db, request.params.id, { op, role, scope: normalizeScope(scope) }, { actorId: request.actor.id, ip: request.ip });
      return presentAccount(await findMember(db, request.params.id));
    },
  );
}
