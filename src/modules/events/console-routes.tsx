/** The console's events pages: the licence applications queue (approve with conditions, reject, revoke) and the report by region and city. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { sendConsolePage } from "../../platform/console/index.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { unauthorized } from "../../platform/errors.ts";
import { addConsoleNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash } from "../../platform/web/render.tsx";
import { eventsReport } from "./report.ts";
import { decideLicence } from "./service.ts";
import { EventsStylesheet } from "./views/stylesheet.tsx";
import { LicenceQueuePage, ReportPage, type QueueRow } from "./views/console.tsx";

addConsoleNav({ href: "/console/events", labelKey: "events.console.nav", order: 400, action: "events.manage" });

const DecisionForm = Type.Object(
  {
    decision: Type.Enum(["approve", "extend", "reject", "revoke"]),
    maxAttendees: Type.Optional(Type.String({ pattern: "^([1-9][0-9]{0,4})?$" })),
    maxEvents: Type.Optional(Type.String({ pattern: "^([1-9][0-9]{0,2})?$" })),
    validityMonths: Type.Optional(Type.String({ pattern: "^([1-9][0-9]?)?$" })),
    brandRules: Type.Optional(Text({ maxLength: 4000 })),
    reason: Type.Optional(Text({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const StatusQuery = Type.Object({ status: Type.Optional(Type.Enum(["applied", "approved", "rejected", "revoked"])) }, { additionalProperties: false });

function staffOf(request: FastifyRequest) {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export async function eventsConsoleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const access = { action: "events.manage" };

  app.get("/console/events", { config: { access }, schema: { querystring: StatusQuery } }, async (request, reply) => {
    const status = (request.query as Static<typeof StatusQuery>).status ?? "applied";
    const rows: QueueRow[] = await db
      .selectFrom("event_licences")
      .innerJoin("accounts", "accounts.id", "event_licences.applicant_id")
      .select(["event_licences.id", "accounts.name", "accounts.email", "event_licences.about", "event_licences.city", "event_licences.reason", "event_licences.format", "event_licences.expected_attendance", "event_licences.conditions", "event_licences.valid_until", "event_licences.events_used", "event_licences.created_at", "event_licences.decision_reason"])
      .where("event_licences.status", "=", status)
      .orderBy("event_licences.created_at")
      .limit(100)
      .execute();
    return sendConsolePage(request, reply, <LicenceQueuePage status={status} rows={rows} />, { title: request.t("events.console.queueTitle"), head: <EventsStylesheet /> });
  });

  app.post("/console/events/licences/:id/decision", { config: { access }, schema: { params: IdParams, body: DecisionForm } }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const body = request.body as Static<typeof DecisionForm>;
    const number = (value: string | undefined) => (value ? Number(value) : undefined);
    const choice =
      body.decision === "approve" || body.decision === "extend"
        ? { decision: body.decision as "approve" | "extend", maxAttendees: number(body.maxAttendees), maxEvents: number(body.maxEvents), validityMonths: number(body.validityMonths), brandRules: body.brandRules }
        : { decision: body.decision as "reject" | "revoke", reason: body.reason ?? "" };
    await decideLicence(db, staffOf(request), id, choice, { ip: request.ip });
    return redirectWithFlash(reply, "/console/events", { kind: "success", key: `events.flash.licence.${body.decision}` });
  });

  app.get("/console/events/report", { config: { access } }, async (request, reply) => {
    return sendConsolePage(request, reply, <ReportPage report={await eventsReport(db)} />, { title: request.t("events.console.reportTitle"), head: <EventsStylesheet /> });
  });
}
