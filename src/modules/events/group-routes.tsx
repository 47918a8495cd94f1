/**
 * The groups pages: the list, one group with join/leave, the management page for its organisers and
 * staff (details, co-organisers), and the console page where staff create groups.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { validationErrors } from "../../platform/auth/route-helpers.ts";
import { EmptyBody } from "../../platform/auth/schemas.ts";
import { sendConsolePage } from "../../platform/console/index.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { notFound, type AppError } from "../../platform/errors.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { formError, memberOf, textValues } from "./form-helpers.ts";
import { appointOrganiser, canManageGroup, createGroup, editGroup, findGroup, groupPeople, joinGroup, leaveGroup, listGroups, removeOrganiser, type GroupDetails } from "./groups.ts";
import { presentEvent } from "./presenters.ts";
import { localized } from "./rules.ts";
import { listEvents } from "./store.ts";
import { ConsoleGroupsPage, GroupManagePage, GroupPage, GroupsPage, type GroupFormValues } from "./views/groups.tsx";
import { EventsStylesheet } from "./views/stylesheet.tsx";

const LIST_LIMIT = 100;
const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,62}$" }) });
const GROUP_FIELDS = { name: Text({ maxLength: 120 }), city: Text({ maxLength: 100 }), descriptionEn: Text({ maxLength: 4000 }), descriptionFa: Text({ maxLength: 4000 }), descriptionHe: Text({ maxLength: 4000 }) };
const GroupBody = Type.Object(GROUP_FIELDS, { additionalProperties: false });
const NewGroupBody = Type.Object({ ...GROUP_FIELDS, slug: Type.String({ maxLength: 63 }), organiserEmail: Type.String({ maxLength: 254 }) }, { additionalProperties: false });
// A member named by email (the form), or one of the group's members by id (the button beside their name).
const AppointBody = Type.Object({ email: Type.Optional(Type.String({ maxLength: 254 })), memberId: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,15}$" })) }, { additionalProperties: false });
const MEMBER_LIMIT = 500;

function details(values: GroupFormValues): GroupDetails {
  return { name: values.name, city: values.city, descriptions: { en: values.descriptionEn, fa: values.descriptionFa, he: values.descriptionHe } };
}

type Problem = { errors: AppError["fields"]; message: string };

export async function groupRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const head = <EventsStylesheet />;

  const groupBySlug = (slug: string) => findGroup(db, { slug });

  app.get("/groups", async (request, reply) => sendPage(request, reply, <GroupsPage groups={await listGroups(db)} />, { title: request.t("events.groups.title"), head }));

  app.get("/groups/:slug", { schema: { params: SlugParams } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    const people = await groupPeople(db, group.id, request.actor?.id ?? null);
    const rows = await listEvents(db, { groupId: group.id, since: new Date(), limit: LIST_LIMIT });
    const events = rows.map((row) => presentEvent(row, { actor: request.actor, locale: request.locale, baseUrl: "", coOrganiserIds: [], rsvp: null }));
    return sendPage(
      request,
      reply,
      <GroupPage
        group={group}
        description={localized(group.descriptions, request.locale, "en")}
        organisers={people.organisers.map((person) => person.name)}
        members={people.members}
        isMember={people.isMember}
        manages={await canManageGroup(db, request.actor, group.id)}
        events={events}
      />,
      { title: group.name, head },
    );
  });

  app.post("/groups/:slug/join", { config: { access: "member" }, schema: { params: SlugParams, body: EmptyBody } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    await joinGroup(db, memberOf(request), group.id);
    return redirectWithFlash(reply, `/groups/${group.slug}`, { kind: "success", key: "events.flash.joined" });
  });

  app.post("/groups/:slug/leave", { config: { access: "member" }, schema: { params: SlugParams, body: EmptyBody } }, async (request, reply) => {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    await leaveGroup(db, memberOf(request), group.id);
    return redirectWithFlash(reply, `/groups/${group.slug}`, { kind: "success", key: "events.flash.left" });
  });

  // ---- management (organisers and staff) -------------------------------------------------------

  async function managedGroup(request: FastifyRequest) {
    const group = await groupBySlug((request.params as Static<typeof SlugParams>).slug);
    // Others learn nothing about the page: 404, as for an event's check-in.
    if (!(await canManageGroup(db, memberOf(request), group.id))) throw notFound("group_not_found", "events.errors.groupNotFound");
    return group;
  }

  async function showManage(request: FastifyRequest, reply: FastifyReply, group: { id: number; slug: string; name: string; city: string; descriptions: Record<string, string> }, values?: GroupFormValues, problem?: Problem, status = 200) {
    const people = await db
      .selectFrom("event_group_members")
      .innerJoin("accounts", "accounts.id", "event_group_members.account_id")
      .select(["accounts.id", "accounts.name", "event_group_members.role"])
      .where("group_id", "=", group.id)
      .orderBy("event_group_members.role", "desc")
      .orderBy("accounts.name")
      .limit(MEMBER_LIMIT)
      .execute();
    const current = { name: group.name, city: group.city, descriptionEn: group.descriptions.en ?? "", descriptionFa: group.descriptions.fa ?? "", descriptionHe: group.descriptions.he ?? "" };
    return sendPage(request, reply, <GroupManagePage slug={group.slug} values={values ?? current} people={people} errors={problem?.errors} message={problem?.message} />, { title: request.t("events.groups.manageTitle", { name: group.name }), head, status });
  }

  app.get("/groups/:slug/manage", { config: { access: "member" }, schema: { params: SlugParams } }, async (request, reply) => showManage(request, reply, await managedGroup(request)));

  app.post("/groups/:slug/manage", { config: { access: "member" }, schema: { params: SlugParams, body: GroupBody }, attachValidation: true }, async (request, reply) => {
    const group = await managedGroup(request);
    const values = textValues(request.body, ["name", "city", "descriptionEn", "descriptionFa", "descriptionHe"] as const);
    if (request.validationError) return showManage(request, reply, group, values, { errors: validationErrors(request) ?? {}, message: request.t("common.formHasErrors") }, 400);
    try {
      await editGroup(db, memberOf(request), group.id, details(values), { ip: request.ip });
    } catch (error) {
      return showManage(request, reply, group, values, formError(request, error), 400);
    }
    return redirectWithFlash(reply, `/groups/${group.slug}`, { kind: "success", key: "events.flash.groupSaved" });
  });

  app.post("/groups/:slug/organisers", { config: { access: "member" }, schema: { params: SlugParams, body: AppointBody }, attachValidation: true }, async (request, reply) => {
    const group = await managedGroup(request);
    const { email, memberId } = textValues(request.body, ["email", "memberId"] as const);
    if (request.validationError || (email === "") === (memberId === "")) return showManage(request, reply, group, undefined, { errors: { email: { key: "events.errors.unknownMember" } }, message: request.t("events.errors.unknownMember") }, 400);
    try {
      await appointOrganiser(db, memberOf(request), group.id, email ? { email } : { memberId: Number(memberId) }, { ip: request.ip });
    } catch (error) {
      return showManage(request, reply, group, undefined, formError(request, error), 400);
    }
    return redirectWithFlash(reply, `/groups/${group.slug}/manage`, { kind: "success", key: "events.flash.organiserAdded" });
  });

  const PersonParams = Type.Object({ slug: SlugParams.properties.slug, accountId: IdParams.properties.id });
  app.post("/groups/:slug/organisers/:accountId/remove", { config: { access: "member" }, schema: { params: PersonParams, body: EmptyBody } }, async (request, reply) => {
    const group = await managedGroup(request);
    try {
      await removeOrganiser(db, memberOf(request), group.id, (request.params as Static<typeof PersonParams>).accountId, { ip: request.ip });
    } catch (error) {
      return showManage(request, reply, group, undefined, formError(request, error), 409);
    }
    return redirectWithFlash(reply, `/groups/${group.slug}/manage`, { kind: "success", key: "events.flash.organiserRemoved" });
  });

  // ---- console: staff create groups ------------------------------------------------------------

  const access = { action: "events.manage" };
  const blank = { slug: "", organiserEmail: "", name: "", city: "", descriptionEn: "", descriptionFa: "", descriptionHe: "" };

  async function showConsole(request: FastifyRequest, reply: FastifyReply, values = blank, problem?: Problem, status = 200) {
    return sendConsolePage(request, reply, <ConsoleGroupsPage groups={await listGroups(db)} values={values} errors={problem?.errors} message={problem?.message} />, { title: request.t("events.console.groupsTitle"), head, status });
  }

  app.get("/console/events/groups", { config: { access } }, async (request, reply) => showConsole(request, reply));

  app.post("/console/events/groups", { config: { access }, schema: { body: NewGroupBody }, attachValidation: true }, async (request, reply) => {
    const values = textValues(request.body, ["slug", "organiserEmail", "name", "city", "descriptionEn", "descriptionFa", "descriptionHe"] as const);
    if (request.validationError) return showConsole(request, reply, values, { errors: validationErrors(request) ?? {}, message: request.t("common.formHasErrors") }, 400);
    try {
      const group = await createGroup(db, memberOf(request), { ...details(values), slug: values.slug, organiserEmail: values.organiserEmail }, { ip: request.ip });
      return redirectWithFlash(reply, `/groups/${group.slug}/manage`, { kind: "success", key: "events.flash.groupCreated" });
    } catch (error) {
      return showConsole(request, reply, values, formError(request, error), 400);
    }
  });
}
