/** The staff console at /console: its front page and the platform's staff pages and API. */
import type { FastifyInstance } from "fastify";
import { auditRoutes } from "../audit/routes.tsx";
import { jobRoutes } from "./jobs/routes.tsx";
import { mailRoutes } from "./mail/routes.tsx";
import { memberApiRoutes } from "./members/api-routes.ts";
import { memberRoutes } from "./members/routes.tsx";
import { overviewRoutes } from "./overview/routes.tsx";

/** Registers every console page and staff API route of the platform. */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  await app.register(overviewRoutes);
  await app.register(memberRoutes);
  await app.register(memberApiRoutes);
  await app.register(mailRoutes);
  await app.register(jobRoutes);
  await app.register(auditRoutes);
}
