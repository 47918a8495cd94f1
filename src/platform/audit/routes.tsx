/** The audit log for admins: the console page and GET /api/v1/audit. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { defineActions } from "../auth/permissions.ts";
import { PageQuery } from "../console/paging.ts";
import { sendConsolePage } from "../console/console-page.tsx";
import { Text } from "../console/schemas.ts";
import { addConsoleNav } from "../web/navigation.ts";
import { AuditPage } from "./audit-page.tsx";
import { AuditEntrySchema, presentAudit } from "./presenter.ts";
import { listAudit } from "./queries.ts";

defineActions({ "audit.read": [] });
addConsoleNav({ href: "/console/audit", labelKey: "console.nav.audit", order: 900, action: "audit.read" });

const AuditQuery = Type.Object({
  actor: Type.Optional(Text({ maxLength: 320 })),
  action: Type.Optional(Text({ maxLength: 200 })),
  page: PageQuery,
});

/** Registers the audit log page and its API. */
export async function auditRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/console/audit", { config: { access: { action: "audit.read" } }, schema: { querystring: AuditQuery } }, async (request, reply) => {
    const { page, ...filter } = request.query;
    const list = await listAudit(db, filter, page);
    return sendConsolePage(request, reply, <AuditPage list={list} filter={filter} />, { title: request.t("audit.title") });
  });

  app.get(
    "/api/v1/audit",
    {
      config: { access: { action: "audit.read" } },
      schema: {
        tags: ["admin"],
        summary: "Audit log entries, newest first",
        querystring: Type.Object({ ...AuditQuery.properties, perPage: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ entries: Type.Array(AuditEntrySchema), page: Type.Integer(), hasNext: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { page, perPage, ...filter } = request.query;
      const list = await listAudit(db, filter, page, perPage);
      return { entries: list.rows.map(presentAudit), page: list.page, hasNext: list.hasNext };
    },
  );
}
