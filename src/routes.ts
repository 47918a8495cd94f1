/** Every route of the application, platform first, then the modules. */
import type { FastifyInstance } from "fastify";
import { accountRoutes } from "./platform/auth/routes.tsx";
import { consoleRoutes } from "./platform/console/routes.tsx";
import { healthRoutes } from "./platform/http/health-routes.ts";
import { notificationRoutes } from "./platform/notify/routes.tsx";
import { siteRoutes } from "./platform/web/site-routes.tsx";
import { ideasRoutes } from "./modules/ideas/index.ts";
import { productsRoutes } from "./modules/products/index.ts";
import { royaltiesRoutes } from "./modules/royalties/index.ts";
import { conversationsRoutes } from "./modules/conversations/index.ts";
import { eventsRoutes } from "./modules/events/index.ts";
import { membersRoutes } from "./modules/members/index.ts";
import { ambassadorsRoutes } from "./modules/ambassadors/index.ts";

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(siteRoutes);
  await app.register(accountRoutes);
  await app.register(notificationRoutes);
  await app.register(consoleRoutes);
  await app.register(ideasRoutes);
  await app.register(productsRoutes);
  await app.register(royaltiesRoutes);
  await app.register(conversationsRoutes);
  await app.register(eventsRoutes);
  await app.register(membersRoutes);
  await app.register(ambassadorsRoutes);
}
