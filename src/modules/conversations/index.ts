/**
 * Conversations: where fans help each other. Q&A lives here (qa/), discussions, reviews and creations in
 * community/. This plugin registers both, with the search and moderation routes they rely on.
 */
import type { FastifyInstance } from "fastify";
import { moderationRoutes } from "../moderation/routes.ts";
import { searchRoutes } from "../search/routes.ts";
import { communityRoutes } from "./community/index.ts";
import { serveFiles } from "./qa/assets.ts";
import { qaRoutes } from "./qa/index.ts";

export async function conversationsRoutes(app: FastifyInstance): Promise<void> {
  await serveFiles(app, {
    "/qa-assets/qa.css": "src/modules/conversations/qa/assets/qa.css",
    "/qa-assets/search-suggest.js": "src/modules/search/assets/search-suggest.js",
  });
  await app.register(searchRoutes);
  await app.register(moderationRoutes);
  await app.register(qaRoutes);
  await app.register(communityRoutes);
}
