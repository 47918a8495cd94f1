/**
 * Ideas: members propose products; others support them through milestones with deadlines; staff
 * moderate and review; approved ideas become products. This is the module's public surface.
 */
import type { FastifyInstance } from "fastify";
import "./tables.ts";
import "./notifications.ts";
import "./jobs.ts";
import { ideasApiRoutes } from "./api-routes.ts";
import { ideasPageRoutes } from "./page-routes.tsx";
import { ideasConsoleRoutes } from "./console/routes.tsx";

export { supportIdea, withdrawSupport } from "./supports.ts";

/** Every route of the ideas module. */
export async function ideasRoutes(app: FastifyInstance): Promise<void> {
  await app.register(ideasApiRoutes);
  await app.register(ideasPageRoutes);
  await app.register(ideasConsoleRoutes);
}
