/**
 * The members' routes: the JSON API (`/api/v1/members`), the directory and profiles, the member's
 * own profile form, and the data page (download my data, delete my account).
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { fieldErrorsOf, requireBrowserSession, validationErrors } from "../../platform/auth/route-helpers.ts";
import { clearSessionCookie } from "../../platform/auth/session-cookie.ts";
import { PageQuery } from "../../platform/console/paging.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { invalid, notFound, unauthorized, type FieldErrors } from "../../platform/errors.ts";
import { hasMessage, isLocale, LOCALES, type Locale, type Translate } from "../../platform/i18n/index.ts";
import { readSettingCached } from "../../platform/settings/index.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { badgesRoutes } from "./badges/index.ts";
import { spotlightRoutes } from "./spotlight/index.ts";
import { avatarUrl, removeAvatar, removeAvatarFiles, setAvatar } from "./avatar.ts";
import { membersConsoleRoutes } from "./console.tsx";
import { deleteMemberAccount, exportMemberData } from "./data-rights.ts";
import { activityTypeName } from "./explain.ts";
import { canSeePrivate } from "./policy.ts";
import { loadProfileSections } from "./profile-sections.ts";
import { MemberJson, MemberSummaryJson, presentMember, presentSummary } from "./presenters.ts";
import { STAGES, type Stage } from "./rules.ts";
import { membersSettings } from "./settings.ts";
import { findMember, listMembers, saveProfile, type MemberRow, type ProfileInput } from "./store.ts";
import type { ProfileLink } from "./tables.ts";
import { DataPage, DirectoryPage, MembersStylesheet, ProfileFormPage, ProfilePage, type ProfileFormValues } from "./views/pages.tsx";

addSiteNav({ href: "/members", labelKey: "members.nav", order: 400, more: true });

const PAGE_SIZE = 30;
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const StageParam = Type.Union(STAGES.map((stage) => Type.Literal(stage)));
const LanguageParam = Type.Union(LOCALES.map((locale) => Type.Literal(locale)));

const ListQuery = Type.Object(
  {
    stage: Type.Optional(StageParam),
    language: Type.Optional(LanguageParam),
    cursor: Type.Optional(Type.String({ pattern: "^[0-9]{1,7}$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/** The directory's filters arrive from a form, where "any" is an empty value. */
const DirectoryQuery = Type.Object({
  stage: Type.Optional(Type.Union([Type.Literal(""), StageParam])),
  language: Type.Optional(Type.Union([Type.Literal(""), LanguageParam])),
  page: Type.Optional(PageQuery),
});

const Checkbox = Type.Optional(Type.Literal("on"));
const ProfileBody = Type.Object(
  {
    bio: Text({ maxLength: 1000 }),
    languages: Type.Optional(Type.Union([LanguageParam, Type.Array(LanguageParam, { maxItems: 3 })])),
    location: Text({ maxLength: 80 }),
    links: Text({ maxLength: 2000 }),
    listed: Checkbox,
    showLocation: Checkbox,
    showLinks: Checkbox,
    showActivity: Checkbox,
  },
  { additionalProperties: false },
);
/** A multipart form: the file arrives as a buffer, checked by setAvatar. */
const AvatarBody = Type.Object({ avatar: Type.Optional(Type.Unknown()) }, { additionalProperties: false });
const DeleteBody = Type.Object({ confirm: Checkbox }, { additionalProperties: false });

const MAX_LINKS = 5;

/**
 * Links from the form, one a line: "label https://…" or a bare address. Only http(s) addresses are
 * kept, so a profile can never carry a script or data link.
 */
export function parseLinks(text: string): ProfileLink[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length > MAX_LINKS) throw invalid("invalid_links", "members.errors.links", { links: { key: "members.errors.tooManyLinks", params: { max: MAX_LINKS } } });
  return lines.map((line) => {
    const match = /^(?:(.*?)\s+)?(\S+)$/.exec(line);
    let url: URL | null = null;
    try {
      url = new URL(match?.[2] ?? "");
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw invalid("invalid_links", "members.errors.links", { links: { key: "members.errors.links" } });
    return { label: (match?.[1] ?? "").slice(0, 60) || url.hostname, url: url.toString() };
  });
}

function activityNames(t: Translate, locale: Locale, row: MemberRow): Record<string, string> {
  const types = new Set([...Object.keys(row.contributions ?? {}), ...Object.keys(row.reputation_parts ?? {})]);
  return Object.fromEntries([...types].map((type) => [type, activityTypeName(t, type, (key) => hasMessage(locale, key))]));
}

/** The member as this viewer may see them; unlisted profiles exist only for the member and staff. */
async function visibleMember(request: FastifyRequest, id: number) {
  const { db } = request.server.hearth;
  const row = await findMember(db, id);
  const own = canSeePrivate(request.actor, id);
  if (!row || (row.listed === false && !own)) throw notFound("member_not_found", "members.errors.notFound");
  const rules = await readSettingCached(db, membersSettings);
  return { row, own: request.actor?.id === id, json: presentMember(row, rules, request.t, { private: own }) };
}

function signedIn(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

function profileValues(row: MemberRow | undefined): ProfileFormValues {
  return {
    bio: row?.bio ?? "",
    languages: row?.languages ?? [],
    location: row?.location ?? "",
    links: (row?.links ?? []).map((link) => `${link.label} ${link.url}`).join("\n"),
    listed: row?.listed !== false,
    showLocation: row?.show_location !== false,
    showLinks: row?.show_links !== false,
    showActivity: row?.show_activity !== false,
  };
}

export async function membersRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const tags = ["members"];
  const member = { access: "member" as const };
  await app.register(membersConsoleRoutes);
  await app.register(badgesRoutes);
  await app.register(spotlightRoutes);

  app.get(
    "/api/v1/members",
    { schema: { tags, summary: "List members on the fan ladder", querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(MemberSummaryJson), next: Type.Union([Type.String(), Type.Null()]) }) } } },
    async (request) => {
      const query = request.query as Static<typeof ListQuery>;
      const offset = Number(query.cursor ?? 0);
      const limit = query.limit ?? 20;
      const page = await listMembers(db, { stage: query.stage, language: query.language, offset, limit });
      return { items: page.rows.map(presentSummary), next: page.hasNext ? String(offset + limit) : null };
    },
  );

  app.get("/api/v1/members/:id", { schema: { tags, summary: "One member: stage, trust level, reputation and the reasons", params: IdParams, response: { 200: MemberJson, 404: ErrorJson } } }, async (request) => {
    return (await visibleMember(request, request.params.id)).json;
  });

  app.get("/members", { schema: { querystring: DirectoryQuery } }, async (request, reply) => {
    const stage = (request.query.stage || undefined) as Stage | undefined;
    const language = request.query.language || undefined;
    const page = request.query.page ?? 1;
    const result = await listMembers(db, { stage, language, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    return sendPage(request, reply, <DirectoryPage members={result.rows.map(presentSummary)} stage={stage} language={language} page={page} hasNext={result.hasNext} />, { title: request.t("members.directory.title"), head: <MembersStylesheet /> });
  });

  app.get("/members/:id", { schema: { params: IdParams } }, async (request, reply) => {
    const { row, own, json } = await visibleMember(request, request.params.id);
    const grants = can(request.actor, "members.manage") && row.stage !== null ? { ambassador: row.ambassador === true, leader: row.trust_granted === 4 } : null;
    const sections = await loadProfileSections({ db, accountId: row.id, viewer: request.actor ?? null, private: json.private !== undefined });
    return sendPage(request, reply, <ProfilePage member={json} own={own} activityNames={activityNames(request.t, request.locale, row)} grants={grants} sections={sections} />, { title: row.name, head: <MembersStylesheet /> });
  });

  const showProfileForm = async (request: FastifyRequest, reply: FastifyReply, values: ProfileFormValues, errors: FieldErrors | null, avatarErrors: FieldErrors | null = null) => {
    const actor = signedIn(request);
    const row = await findMember(db, actor.id);
    const page = <ProfileFormPage values={values} errors={errors} memberId={actor.id} avatarUrl={avatarUrl(actor.id, row?.avatar)} avatarErrors={avatarErrors} />;
    return sendPage(request, reply, page, { title: request.t("members.profile.editTitle"), status: errors || avatarErrors ? 400 : 200 });
  };

  app.get("/account/member-profile", { config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    return showProfileForm(request, reply, profileValues(await findMember(db, actor.id)), null);
  });

  app.post("/account/member-profile/avatar", { schema: { body: AvatarBody }, attachValidation: true, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    const file = (request.body as { avatar?: unknown } | undefined)?.avatar;
    const retry = async (avatarErrors: FieldErrors) => showProfileForm(request, reply, profileValues(await findMember(db, actor.id)), null, avatarErrors);
    if (validationErrors(request) || !Buffer.isBuffer(file) || file.length === 0) return retry({ avatar: { key: "members.errors.avatarMissing" } });
    try {
      await setAvatar(db, app.hearth.config.dataDir, actor.id, file);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return retry(fields);
    }
    return redirectWithFlash(reply, "/account/member-profile", { kind: "success", key: "members.profile.avatarSaved" });
  });

  app.post("/account/member-profile/avatar/remove", { config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    await removeAvatar(db, app.hearth.config.dataDir, actor.id);
    return redirectWithFlash(reply, "/account/member-profile", { kind: "success", key: "members.profile.avatarRemoved" });
  });

  app.post("/account/member-profile", { schema: { body: ProfileBody }, attachValidation: true, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    const body = (request.body ?? {}) as Partial<Static<typeof ProfileBody>>;
    const languages: unknown[] = body.languages === undefined ? [] : [body.languages].flat();
    const values: ProfileFormValues = {
      bio: typeof body.bio === "string" ? body.bio.slice(0, 1000) : "",
      languages: languages.filter(isLocale),
      location: typeof body.location === "string" ? body.location.slice(0, 80) : "",
      links: typeof body.links === "string" ? body.links.slice(0, 2000) : "",
      listed: body.listed === "on",
      showLocation: body.showLocation === "on",
      showLinks: body.showLinks === "on",
      showActivity: body.showActivity === "on",
    };
    const errors = validationErrors(request);
    if (errors) return showProfileForm(request, reply, values, errors);
    try {
      const input: ProfileInput = { ...values, bio: values.bio.trim(), location: values.location.trim(), links: parseLinks(values.links) };
      await saveProfile(db, actor, input);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showProfileForm(request, reply, values, fields);
    }
    return redirectWithFlash(reply, `/members/${actor.id}`, { kind: "success", key: "members.profile.saved" });
  });

  app.get("/account/data", { config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    signedIn(request);
    return sendPage(request, reply, <DataPage errors={null} />, { title: request.t("members.data.title") });
  });

  app.get("/account/data/export", { config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    const data = await exportMemberData(db, actor.id);
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="hearth-data-${actor.id}.json"`)
      .header("cache-control", "no-store")
      .send(JSON.stringify(data, null, 2));
  });

  app.post("/account/data/delete", { schema: { body: DeleteBody }, attachValidation: true, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const actor = signedIn(request);
    if (validationErrors(request) || (request.body as Static<typeof DeleteBody>).confirm !== "on") {
      return sendPage(request, reply, <DataPage errors={{ confirm: { key: "members.errors.confirmDelete" } }} />, { title: request.t("members.data.title"), status: 400 });
    }
    await deleteMemberAccount(db, actor.id, { ip: request.ip });
    await removeAvatarFiles(app.hearth.config.dataDir, actor.id);
    clearSessionCookie(request, reply);
    return redirectWithFlash(reply, "/", { kind: "success", key: "members.data.deleted" });
  });
}
