/**
 * Events: member-run events under a licence, official events, local groups, RSVPs with a waitlist,
 * check-in, calendars and reminders. This is the module's public surface.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { PROJECT_ROOT } from "../../platform/paths.ts";
import "./tables.ts";
import "./policy.ts";
import "./notifications.ts";
import "./jobs.ts";
import { eventsApiRoutes } from "./api-routes.ts";
import { calendarRoutes } from "./calendar-routes.ts";
import { eventsConsoleRoutes } from "./console-routes.tsx";
import { groupApiRoutes } from "./group-api-routes.ts";
import { groupRoutes } from "./group-routes.tsx";
import { eventsPageRoutes } from "./page-routes.tsx";
import "./profile-section.tsx";
import { STYLESHEET_PATH } from "./views/stylesheet.tsx";

export { eventsDemoStep } from "./demo.ts";

const STYLESHEET_FILE = join(PROJECT_ROOT, "src/modules/events/assets/events.css");

/** Every route of the events module. */
export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const css = await readFile(STYLESHEET_FILE, "utf8");
  app.get(STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) => reply.header("content-type", "text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(css));
  await app.register(eventsApiRoutes);
  await app.register(groupApiRoutes);
  await app.register(calendarRoutes);
  await app.register(eventsPageRoutes);
  await app.register(groupRoutes);
  await app.register(eventsConsoleRoutes);
}
