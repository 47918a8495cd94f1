/** GET /console/jobs: queued and failed background jobs. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { defineActions } from "../../auth/permissions.ts";
import { addConsoleNav } from "../../web/navigation.ts";
import { sendConsolePage } from "../console-page.tsx";
import { PageQuery } from "../paging.ts";
import { JobsPage } from "./jobs-page.tsx";
import { JOB_STATES, listJobs } from "./queries.ts";

defineActions({ "jobs.read": [] });
addConsoleNav({ href: "/console/jobs", labelKey: "console.nav.jobs", order: 850, action: "jobs.read" });

/** Registers the jobs page. */
export async function jobRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/console/jobs",
    {
      config: { access: { action: "jobs.read" } },
      schema: { querystring: Type.Object({ state: Type.Union(JOB_STATES.map((state) => Type.Literal(state)), { default: "queued" }), page: PageQuery }) },
    },
    async (request, reply) => {
      const list = await listJobs(app.hearth.db, request.query.state, request.query.page);
      return sendConsolePage(request, reply, <JobsPage list={list} state={request.query.state} />, { title: request.t("console.jobs.title") });
    },
  );
}
