/** Members & roles in the console: search, one member, grant/revoke a role, suspend and lift. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listAudit } from "../../audit/index.ts";
import { defineActions } from "../../auth/permissions.ts";
import { unauthorized, type FieldErrors } from "../../errors.ts";
import { fieldErrorsFromAjv } from "../../http/validation.ts";
import { addConsoleNav } from "../../web/navigation.ts";
import { redirectWithFlash } from "../../web/render.tsx";
import { sendConsolePage } from "../console-page.tsx";
import { MemberPage, type MemberFormState } from "./member-page.tsx";
import { MembersPage } from "./members-page.tsx";
import { findMember, searchMembers } from "./queries.ts";
import { normalizeScope, parseSuspensionEnd, suspensionEndProblem } from "./rules.ts";
import { MemberSearchQuery, RoleChangeBody, SuspendBody } from "./schemas.ts";
import { IdParams } from "../schemas.ts";
import { changeRole, liftSuspension, suspendAccount } from "./service.ts";

defineActions({ "accounts.manage": [] });
addConsoleNav({ href: "/console/members", labelKey: "console.nav.members", order: 100, action: "accounts.manage" });

const access = { action: "accounts.manage" };
const HISTORY_SIZE = 20;

/** The text fields of a form body, to show them again next to their errors. */
function formValues(body: unknown): Record<string, string | undefined> {
  if (!body || typeof body !== "object") return {};
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === "string" ? value : undefined]));
}

/** Field errors of an invalid form body; any other invalid part (such as the address) is a plain 400. */
function bodyErrors(request: FastifyRequest): FieldErrors {
  const error = request.validationError;
  if (!error) return {};
  if (error.validationContext !== "body") throw error;
  return fieldErrorsFromAjv(error.validation ?? []);
}

function staffAct(request: FastifyRequest): { actorId: number; ip: string } {
  if (!request.actor) throw unauthorized();
  return { actorId: request.actor.id, ip: request.ip };
}

/** Registers the members & roles pages and their forms. */
export async function memberRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  async function sendMember(request: FastifyRequest, reply: FastifyReply, id: number, form: MemberFormState = {}, status = 200): Promise<FastifyReply> {
    const member = await findMember(db, id);
    const history = await listAudit(db, { subjectType: "account", subjectId: String(id) }, 1, HISTORY_SIZE);
    return sendConsolePage(request, reply, <MemberPage member={member} history={history.rows} now={new Date()} form={form} />, { title: member.name, status });
  }

  app.get("/console/members", { config: { access }, schema: { querystring: MemberSearchQuery } }, async (request, reply) => {
    const list = await searchMembers(db, request.query.q, request.query.page);
    return sendConsolePage(request, reply, <MembersPage list={list} query={request.query.q} now={new Date()} />, { title: request.t("console.members.title") });
  });

  app.get("/console/members/:id", { config: { access }, schema: { params: IdParams } }, async (request, reply) => sendMember(request, reply, request.params.id));

  app.post("/console/members/:id/roles", { config: { access }, schema: { params: IdParams, body: RoleChangeBody }, attachValidation: true }, async (request, reply) => {
    const errors = bodyErrors(request);
    if (Object.keys(errors).length > 0) return sendMember(request, reply, request.params.id, { errors, values: formValues(request.body) }, 400);
    const { op, role, scope } = request.body;
    await changeRole(db, request.params.id, { op, role, scope: normalizeScope(scope) }, staffAct(request));
    return redirectWithFlash(reply, `/console/members/${request.params.id}`, { kind: "success", key: op === "grant" ? "console.members.granted" : "console.members.revoked" });
  });

  app.post("/console/members/:id/suspend", { config: { access }, schema: { params: IdParams, body: SuspendBody }, attachValidation: true }, async (request, reply) => {
    const values = formValues(request.body);
    const errors = bodyErrors(request);
    const reason = values.reason?.trim() ?? "";
    if (!errors.reason && reason === "") errors.reason = { key: "errors.field.required" };
    const until = parseSuspensionEnd(values.until ?? "");
    const problem = suspensionEndProblem(until, new Date());
    if (!errors.until && problem) errors.until = { key: `console.members.errors.${problem}` };
    if (Object.keys(errors).length > 0 || !until) return sendMember(request, reply, request.params.id, { errors, values }, 400);
    await suspendAccount(db, request.params.id, { until, reason }, staffAct(request));
    return redirectWithFlash(reply, `/console/members/${request.params.id}`, { kind: "success", key: "console.members.suspended" });
  });

  app.post("/console/members/:id/unsuspend", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    await liftSuspension(db, request.params.id, staffAct(request));
    return redirectWithFlash(reply, `/console/members/${request.params.id}`, { kind: "success", key: "console.members.unsuspended" });
  });
}
