/**
 * The community team's side of the programme (`/console/ambassadors`): reviewing and making
 * nominations, the memberships with their renewal state, perks, tasks and reports, announcements,
 * the agreement's terms, and each ambassador's impact with a CSV export. Every change is audited.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../../../platform/auth/permissions.ts";
import { sendConsolePage } from "../../../platform/console/index.ts";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { invalid, notFound, unauthorized } from "../../../platform/errors.ts";
import { hasMessage } from "../../../platform/i18n/index.ts";
import { readSetting, writeSetting } from "../../../platform/settings/index.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { Button, Form } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { addInvestAction, type InvestCandidate } from "../../members/index.ts";
import { csvRow } from "../../../platform/csv.ts";
import { nomineeIdOf, REASON_MAX } from "../rules.ts";
import { addPerk, addTask, closeTask, decideReport, nominate, postAnnouncement, removePerk, reviewNomination, TEXT_MAX, TITLE_MAX } from "../service.ts";
import { ambassadorsSettings, TERMS_MAX } from "../settings.ts";
import { activitiesByType, currentMemberships, impactReport, openNominations, programmeItems, reportedTasks, type Impact } from "../store.ts";
import { ImpactPage, PeoplePage, ProgrammePage } from "./pages.tsx";

/** Inviting from the console's "who to invest in" lists: a staff nomination with the reason the team saw. */
addInvestAction({
  id: "ambassadors.nominate",
  order: 20,
  action: "ambassadors.review",
  render: (candidate) => <NominateButton candidate={candidate} />,
});

function NominateButton(props: { candidate: InvestCandidate }) {
  const { t } = usePage();
  return (
    <Form action="/console/ambassadors/nominations" class="inline-form">
      <input type="hidden" name="nominee" value={String(props.candidate.id)} />
      <input type="hidden" name="reason" value={props.candidate.reason.slice(0, REASON_MAX)} />
      <Button size="small" variant="secondary">{t("ambassadors.console.inviteFromLadder")}</Button>
    </Form>
  );
}

addConsoleNav({ href: "/console/ambassadors", labelKey: "ambassadors.console.nav", order: 155, action: "ambassadors.review" });

const ReasonBody = Type.Object({ reason: Type.Optional(Text({ maxLength: REASON_MAX })) }, { additionalProperties: false });
const NominateBody = Type.Object({ nominee: Text({ minLength: 1, maxLength: 200 }), reason: Text({ maxLength: REASON_MAX }) }, { additionalProperties: false });
const PerkBody = Type.Object({ perkTitle: Text({ minLength: 1, maxLength: TITLE_MAX }), perkBody: Type.Optional(Text({ maxLength: TEXT_MAX })) }, { additionalProperties: false });
const TaskBody = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: TITLE_MAX }),
    description: Type.Optional(Text({ maxLength: TEXT_MAX })),
    dueOn: Type.Optional(Type.Union([Type.Literal(""), Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })])),
    points: Type.String({ pattern: "^\\d{1,4}$" }),
  },
  { additionalProperties: false },
);
const AnnouncementBody = Type.Object({ announcement: Text({ minLength: 1, maxLength: TEXT_MAX }) }, { additionalProperties: false });
const TermsBody = Type.Object({ en: Text({ maxLength: TERMS_MAX }), fa: Text({ maxLength: TERMS_MAX }), he: Text({ maxLength: TERMS_MAX }) }, { additionalProperties: false });
const EmptyForm = Type.Object({}, { additionalProperties: false });

function staffOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** The impact rows as CSV (cells a spreadsheet could run as formulas are neutralised). */
export function impactCsv(rows: readonly Impact[]): string {
  let text = csvRow(["account_id", "name", "since", "tasks_done", "task_points", "activities", "reputation_gained", "events_organised", "event_attendees"]);
  for (const row of rows) text += csvRow([row.accountId, row.name, row.since.toISOString(), row.tasksDone, row.taskPoints, row.activities, row.reputationGained, row.eventsOrganised, row.eventAttendees]);
  return text;
}

/** Registers the console pages and forms. */
export async function ambassadorsConsoleRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const review = { access: { action: "ambassadors.review" } };
  const manage = { access: { action: "ambassadors.manage" } };
  const back = "/console/ambassadors";
  const programme = "/console/ambassadors/programme";

  app.get("/console/ambassadors", { config: review }, async (request, reply) => {
    const page = <PeoplePage nominations={await openNominations(db)} memberships={await currentMemberships(db, new Date())} />;
    return sendConsolePage(request, reply, page, { title: request.t("ambassadors.console.title") });
  });

  app.post("/console/ambassadors/nominations", { config: review, schema: { body: NominateBody } }, async (request, reply) => {
    const actor = staffOf(request);
    const nomineeId = nomineeIdOf(request.body.nominee, actor.id);
    if (nomineeId === null) throw invalid("nominee_invalid", "errors.validation", { nominee: { key: "ambassadors.errors.nominee" } });
    await nominate(db, actor, { nomineeId, reason: request.body.reason }, new Date(), request.ip);
    return redirectWithFlash(reply, back, { kind: "success", key: "ambassadors.flash.nominated" });
  });

  for (const decision of ["accept", "decline"] as const) {
    app.post(`/console/ambassadors/nominations/:id/${decision}`, { config: review, schema: { params: IdParams, body: ReasonBody } }, async (request, reply) => {
      await reviewNomination(db, staffOf(request), request.params.id, decision, request.body.reason ?? "", new Date(), request.ip);
      return redirectWithFlash(reply, back, { kind: "success", key: decision === "accept" ? "ambassadors.flash.nominationAccepted" : "ambassadors.flash.nominationDeclined" });
    });
  }

  app.get("/console/ambassadors/programme", { config: manage }, async (request, reply) => {
    const items = await programmeItems(db);
    const page = <ProgrammePage perks={items.perks} tasks={items.tasks} reports={await reportedTasks(db)} settings={await readSetting(db, ambassadorsSettings)} />;
    return sendConsolePage(request, reply, page, { title: request.t("ambassadors.console.programme") });
  });

  app.post("/console/ambassadors/perks", { config: manage, schema: { body: PerkBody } }, async (request, reply) => {
    await addPerk(db, staffOf(request), { title: request.body.perkTitle, body: request.body.perkBody ?? "" }, new Date(), request.ip);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
  });

  app.post("/console/ambassadors/perks/:id/remove", { config: manage, schema: { params: IdParams, body: EmptyForm } }, async (request, reply) => {
    await removePerk(db, staffOf(request), request.params.id, new Date(), request.ip);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
  });

  app.post("/console/ambassadors/tasks", { config: manage, schema: { body: TaskBody } }, async (request, reply) => {
    const body = request.body;
    await addTask(db, staffOf(request), { title: body.title, description: body.description ?? "", dueOn: body.dueOn ? body.dueOn : null, points: Number(body.points) }, new Date(), request.ip);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
  });

  app.post("/console/ambassadors/tasks/:id/close", { config: manage, schema: { params: IdParams, body: EmptyForm } }, async (request, reply) => {
    await closeTask(db, staffOf(request), request.params.id, new Date(), request.ip);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
  });

  for (const decision of ["confirm", "return"] as const) {
    app.post(`/console/ambassadors/reports/:id/${decision}`, { config: manage, schema: { params: IdParams, body: EmptyForm } }, async (request, reply) => {
      await decideReport(db, staffOf(request), request.params.id, decision, new Date(), request.ip);
      return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
    });
  }

  app.post("/console/ambassadors/announcements", { config: manage, schema: { body: AnnouncementBody } }, async (request, reply) => {
    await postAnnouncement(db, staffOf(request), request.body.announcement, new Date(), request.ip);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.announced" });
  });

  app.post("/console/ambassadors/terms", { config: manage, schema: { body: TermsBody } }, async (request, reply) => {
    // writeSetting records the change in the audit log.
    await writeSetting(db, ambassadorsSettings, { terms: { en: request.body.en, fa: request.body.fa, he: request.body.he } }, staffOf(request).id);
    return redirectWithFlash(reply, programme, { kind: "success", key: "ambassadors.flash.saved" });
  });

  /** An activity type's name from the members' catalogue or this one (`ambassador.task`); an unknown type shows as itself. */
  const typeName = (request: FastifyRequest) => (type: string) => {
    const id = type.replace(".", "_");
    const key = [`members.activityTypes.${id}`, `ambassadors.activityTypes.${id}`].find((candidate) => hasMessage(request.locale, candidate));
    return key ? request.t(key) : type;
  };

  app.get("/console/ambassadors/impact", { config: review }, async (request, reply) => {
    return sendConsolePage(request, reply, <ImpactPage rows={await impactReport(db)} byType={null} typeName={typeName(request)} />, { title: request.t("ambassadors.console.impact") });
  });

  app.get("/console/ambassadors/impact.csv", { config: review }, async (_request, reply) => {
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="ambassadors-impact.csv"').send(impactCsv(await impactReport(db)));
  });

  app.get("/console/ambassadors/:id/impact", { config: review, schema: { params: IdParams } }, async (request, reply) => {
    const rows = await impactReport(db, request.params.id);
    const row = rows[0];
    if (!row) throw notFound("ambassador_not_found", "ambassadors.errors.notAmbassadorMember");
    const page = <ImpactPage rows={rows} byType={await activitiesByType(db, row.accountId, row.since)} typeName={typeName(request)} />;
    return sendConsolePage(request, reply, page, { title: request.t("ambassadors.console.impactOf", { name: row.name }) });
  });
}
