/** The mail viewer: the outbox, one message, and retrying a failed message. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { defineActions } from "../../auth/permissions.ts";
import { unauthorized } from "../../errors.ts";
import { addConsoleNav } from "../../web/navigation.ts";
import { redirectWithFlash } from "../../web/render.tsx";
import { sendConsolePage } from "../console-page.tsx";
import { PageQuery } from "../paging.ts";
import { IdParams } from "../schemas.ts";
import { MailListPage } from "./mail-list-page.tsx";
import { MailMessagePage } from "./mail-message-page.tsx";
import { findMail, listMail, MAIL_STATUSES, retryMail } from "./queries.ts";

defineActions({ "mail.read": ["community_manager"] });
addConsoleNav({ href: "/console/mail", labelKey: "console.nav.mail", order: 800, action: "mail.read" });

const access = { action: "mail.read" };

/** Registers the mail viewer. */
export async function mailRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get(
    "/console/mail",
    { config: { access }, schema: { querystring: Type.Object({ status: Type.Optional(Type.Union(MAIL_STATUSES.map((status) => Type.Literal(status)))), page: PageQuery }) } },
    async (request, reply) => {
      const list = await listMail(db, request.query.status, request.query.page);
      return sendConsolePage(request, reply, <MailListPage list={list} status={request.query.status} />, { title: request.t("console.mail.title") });
    },
  );

  app.get("/console/mail/:id", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    const mail = await findMail(db, request.params.id);
    return sendConsolePage(request, reply, <MailMessagePage mail={mail} />, { title: mail.subject });
  });

  app.post("/console/mail/:id/retry", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    await retryMail(db, request.params.id, { actorId: request.actor.id, ip: request.ip });
    return redirectWithFlash(reply, `/console/mail/${request.params.id}`, { kind: "success", key: "console.mail.retried" });
  });
}
