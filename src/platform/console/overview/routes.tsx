/** GET /console: the console's front page. */
import type { FastifyInstance } from "fastify";
import { defineActions, STAFF_ROLES } from "../../auth/permissions.ts";
import { addConsoleNav } from "../../web/navigation.ts";
import { sendConsolePage } from "../console-page.tsx";
import { consoleCounts } from "./counts.ts";
import { OverviewPage } from "./overview-page.tsx";

// Every staff role may open the console; what it shows inside depends on each page's own action.
defineActions({ "console.view": [...STAFF_ROLES] });
addConsoleNav({ href: "/console", labelKey: "console.nav.overview", order: 0, action: "console.view" });

/** Registers the console's front page. */
export async function overviewRoutes(app: FastifyInstance): Promise<void> {
  app.get("/console", { config: { access: { action: "console.view" } } }, async (request, reply) => {
    const counts = await consoleCounts(app.hearth.db);
    return sendConsolePage(request, reply, <OverviewPage counts={counts} />, { title: request.t("console.overview.title") });
  });
}
