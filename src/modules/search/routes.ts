/** Every route of search: the API and the search page. */
import type { FastifyInstance } from "fastify";
import "./jobs.ts";
import { searchApiRoutes } from "./api-routes.ts";
import { searchPageRoutes } from "./page-routes.tsx";

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  await app.register(searchApiRoutes);
  await app.register(searchPageRoutes);
}
