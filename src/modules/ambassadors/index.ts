/**
 * The ambassador programme: nominations by members or staff and their review, the agreement accepted
 * yearly, perks and tasks, the ambassador-only space and each ambassador's impact. The public surface.
 */
import type { FastifyInstance } from "fastify";
import "./tables.ts";
import "./policy.ts";
import "./notifications.ts";
import "./jobs.ts";
import { ambassadorsApiRoutes } from "./api-routes.ts";
import { ambassadorsConsoleRoutes } from "./console/routes.tsx";
import { ambassadorsPageRoutes } from "./page-routes.tsx";

import { onAmbassadorGrant } from "../members/index.ts";
import { applyAmbassadorGrant } from "./service.ts";

onAmbassadorGrant(applyAmbassadorGrant);

/** Every route of the ambassador programme. */
export async function ambassadorsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(ambassadorsApiRoutes);
  await app.register(ambassadorsPageRoutes);
  await app.register(ambassadorsConsoleRoutes);
}
