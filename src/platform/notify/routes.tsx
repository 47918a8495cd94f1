/** Notification pages: the member's list, their settings, and the one-click unsubscribe. */
import type { FastifyInstance } from "fastify";
import { configureNotifications } from "./links.ts";
import { notificationListRoutes } from "./list-routes.tsx";
import { notificationSettingsRoutes } from "./settings-routes.tsx";
import { unsubscribeRoutes } from "./unsubscribe-routes.tsx";

/** Configures notification links from the app's config and registers the notification pages. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  configureNotifications(app.hearth.config);
  await app.register(notificationListRoutes);
  await app.register(notificationSettingsRoutes);
  await app.register(unsubscribeRoutes);
}
