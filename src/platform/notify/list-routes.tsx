/** /notifications: the member's notifications, mark one or all read. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { notFound, unauthorized } from "../errors.ts";
import { PageQuery } from "../console/paging.ts";
import { IdParams } from "../console/schemas.ts";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { NotificationsPage } from "./notifications-page.tsx";
import { listNotifications, markAllRead, markRead } from "./store.ts";

/** Registers the notifications page and its mark-read forms. */
export async function notificationListRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/notifications", { config: { access: "member" }, schema: { querystring: Type.Object({ page: PageQuery }) } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const list = await listNotifications(db, request.actor.id, request.query.page);
    return sendPage(request, reply, <NotificationsPage list={list} />, { title: request.t("notify.list.title") });
  });

  app.post("/notifications/read-all", { config: { access: "member" } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    await markAllRead(db, request.actor.id);
    return redirectWithFlash(reply, "/notifications", { kind: "success", key: "notify.list.allMarkedRead" });
  });

  app.post(
    "/notifications/:id/read",
    { config: { access: "member" }, schema: { params: IdParams } },
    async (request, reply) => {
      if (!request.actor) throw unauthorized();
      if (!(await markRead(db, request.actor.id, request.params.id))) throw notFound();
      return reply.redirect("/notifications", 303);
    },
  );
}
