/** Every route of moderation: flags over the API and the moderators' queue in the console. */
import type { FastifyInstance } from "fastify";
import "./policy.ts";
import "./jobs.ts";
import { moderationApiRoutes } from "./api-routes.ts";
import { moderationConsoleRoutes } from "./console-routes.tsx";

export async function moderationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(moderationApiRoutes);
  await app.register(moderationConsoleRoutes);
}
