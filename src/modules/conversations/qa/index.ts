/** Q&A: members ask, answer, comment, vote and accept; unanswered questions find the people who can help. */
import type { FastifyInstance } from "fastify";
import "./tables.ts";
import "./policy.ts";
import "./notifications.ts";
import "./flaggables.ts";
import "./jobs.ts";
import { qaApiRoutes } from "./api-routes.ts";
import { qaPageRoutes } from "./page-routes.tsx";
import { qaConsoleRoutes } from "./console/routes.tsx";

export async function qaRoutes(app: FastifyInstance): Promise<void> {
  await app.register(qaApiRoutes);
  await app.register(qaPageRoutes);
  await app.register(qaConsoleRoutes);
}
