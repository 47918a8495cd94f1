/** The staff side of ideas in the console: moderation, review, merging duplicates, and the module's settings. */
import type { FastifyInstance } from "fastify";
import { mergeRoutes } from "./merge-routes.tsx";
import { moderationRoutes } from "./moderation-routes.tsx";
import { reviewRoutes } from "./review-routes.tsx";
import { settingsRoutes } from "./settings-routes.tsx";
import { taxonomyRoutes } from "./taxonomy-routes.tsx";

/** Registers every ideas console page. */
export async function ideasConsoleRoutes(app: FastifyInstance): Promise<void> {
  await app.register(moderationRoutes);
  await app.register(reviewRoutes);
  await app.register(mergeRoutes);
  await app.register(settingsRoutes);
  await app.register(taxonomyRoutes("categories"));
  await app.register(taxonomyRoutes("statuses"));
}
