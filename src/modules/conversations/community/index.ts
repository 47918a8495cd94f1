/**
 * Community conversations: discussions (topics, threaded replies, reactions, polls), product
 * critique, product reviews with verified buyers, and the creations gallery. The conversations
 * module registers `communityRoutes`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { PROJECT_ROOT } from "../../../platform/paths.ts";
import "./tables.ts";
import "./policy.ts";
import "./flaggables.ts";
import "./jobs.ts";
import { communityApiRoutes } from "./api-routes.ts";
import { critiqueRoutes } from "./critique/routes.tsx";
import { creationPageRoutes } from "./creations/page-routes.tsx";
import { categoryConsoleRoutes } from "./discussions/categories.tsx";
import { discussionPageRoutes } from "./discussions/page-routes.tsx";
import { reviewPageRoutes } from "./reviews/page-routes.tsx";
import { STYLESHEET_PATH } from "./views/shared.tsx";

export { productRating, type ProductRating } from "./reviews/service.ts";
export { communityDemoStep } from "./demo/step.ts";

const STYLESHEET_FILE = join(PROJECT_ROOT, "src/modules/conversations/community/assets/community.css");

/** Every route of the community part of conversations. */
export async function communityRoutes(app: FastifyInstance): Promise<void> {
  const css = await readFile(STYLESHEET_FILE, "utf8");
  app.get(STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) => reply.header("content-type", "text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(css));
  await app.register(communityApiRoutes);
  await app.register(discussionPageRoutes);
  await app.register(categoryConsoleRoutes);
  await app.register(reviewPageRoutes);
  await app.register(creationPageRoutes);
  await app.register(critiqueRoutes);
}
