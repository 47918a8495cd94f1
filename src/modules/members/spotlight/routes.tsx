/** The spotlight: the home page's section, the public history (`/spotlight`), and the community team's page (`/console/spotlight`), audited. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { recordAudit } from "../../../platform/audit/index.ts";
import { fieldErrorsOf, validationErrors } from "../../../platform/auth/route-helpers.ts";
import { sendConsolePage } from "../../../platform/console/index.ts";
import { PageQuery } from "../../../platform/console/paging.ts";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { inTransaction } from "../../../platform/db/index.ts";
import { notFound, unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import { LOCALES, type Locale } from "../../../platform/i18n/index.ts";
import { addHomeSection } from "../../../platform/web/home-sections.ts";
import { LinkButton } from "../../../platform/web/components.tsx";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { usePage } from "../../../platform/web/page-context.ts";
import { addInvestAction } from "../invest-actions.ts";
import { redirectWithFlash, sendPage } from "../../../platform/web/render.tsx";
import { SUBJECT_TYPES, spotlightInputOf, WRITEUP_MAX, type SpotlightForm, type SubjectType } from "./rules.ts";
import { currentSpotlights, endSpotlight, insertSpotlight, listSpotlights } from "./store.ts";
import { HomeSpotlight, SpotlightConsolePage, SpotlightHistoryPage } from "./views.tsx";

addConsoleNav({ href: "/console/spotlight", labelKey: "spotlight.console.nav", order: 156, action: "members.spotlight" });

/** At most this many spotlights run on the home page at once. */
const ON_HOME = 3;
const PAGE_SIZE = 20;

addHomeSection({
  id: "spotlight",
  order: 10,
  async load(db, _locale, now) {
    const rows = await currentSpotlights(db, now, ON_HOME);
    return rows.length > 0 ? <HomeSpotlight rows={rows} /> : null;
  },
});

const SpotlightBody = Type.Object(
  {
    subjectType: Type.Union(SUBJECT_TYPES.map((type) => Type.Literal(type))),
    subjectId: Text({ maxLength: 20 }),
    ...Object.fromEntries(LOCALES.map((locale) => [`writeup_${locale}`, Type.Optional(Text({ maxLength: WRITEUP_MAX }))])),
    starts: Text({ maxLength: 20 }),
    ends: Type.Optional(Text({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object({ page: Type.Optional(PageQuery) });
/** The console form may arrive with a member chosen, from the "who to invest in" lists. */
const ConsoleQuery = Type.Object({ page: Type.Optional(PageQuery), member: Type.Optional(Type.Integer({ minimum: 1 })) });

addInvestAction({
  id: "spotlight",
  order: 30,
  action: "members.spotlight",
  render: (candidate) => <SpotlightLink memberId={candidate.id} />,
});

function SpotlightLink(props: { memberId: number }) {
  const { t } = usePage();
  return (
    <LinkButton href={`/console/spotlight?member=${props.memberId}`} size="small">
      {t("spotlight.console.featureFromLadder")}
    </LinkButton>
  );
}

function formOf(body: unknown): SpotlightForm {
  const value = (name: string, max = 20) => {
    const field = (body as Record<string, unknown> | null)?.[name];
    return typeof field === "string" ? field.slice(0, max) : "";
  };
  const type = value("subjectType");
  return {
    subjectType: (SUBJECT_TYPES as readonly string[]).includes(type) ? (type as SubjectType) : "member",
    subjectId: value("subjectId"),
    writeups: Object.fromEntries(LOCALES.map((locale) => [locale, value(`writeup_${locale}`, WRITEUP_MAX)])) as Record<Locale, string>,
    starts: value("starts"),
    ends: value("ends"),
  };
}

export async function spotlightRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const manage = { access: { action: "members.spotlight" } };

  app.get("/spotlight", { config: { anonymousCache: true }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1;
    const list = await listSpotlights(db, new Date(), (page - 1) * PAGE_SIZE, PAGE_SIZE);
    return sendPage(request, reply, <SpotlightHistoryPage rows={list.rows} page={page} hasNext={list.hasNext} />, { title: request.t("spotlight.historyTitle"), description: request.t("spotlight.lead") });
  });

  const show = async (request: FastifyRequest, reply: FastifyReply, form: SpotlightForm, errors: FieldErrors | null, page = 1) => {
    const now = new Date();
    const list = await listSpotlights(db, now, (page - 1) * PAGE_SIZE, PAGE_SIZE, { upcoming: true });
    return sendConsolePage(request, reply, <SpotlightConsolePage rows={list.rows} form={form} errors={errors} now={now} page={page} hasNext={list.hasNext} />, { title: request.t("spotlight.console.title"), status: errors ? 400 : 200 });
  };

  app.get("/console/spotlight", { config: manage, schema: { querystring: ConsoleQuery } }, async (request, reply) => {
    const today = new Date().toISOString().slice(0, 10);
    return show(request, reply, { subjectType: "member", subjectId: request.query.member ? String(request.query.member) : "", writeups: { en: "", fa: "", he: "" }, starts: today, ends: "" }, null, request.query.page ?? 1);
  });

  app.post("/console/spotlight", { schema: { body: SpotlightBody }, attachValidation: true, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const form = formOf(request.body);
    const checked = validationErrors(request);
    const parsed = spotlightInputOf(form);
    if (checked || "errors" in parsed) return show(request, reply, form, { ...checked, ...("errors" in parsed ? parsed.errors : {}) });
    try {
      await inTransaction(db, async (tx) => {
        const id = await insertSpotlight(tx, parsed.input, actor.id, new Date());
        await recordAudit(tx, {
          actorId: actor.id,
          action: "members.spotlight.create",
          subjectType: parsed.input.subjectType,
          subjectId: parsed.input.subjectId,
          details: { spotlight: id, startsAt: parsed.input.startsAt.toISOString(), endsAt: parsed.input.endsAt?.toISOString() ?? null, languages: Object.keys(parsed.input.writeups) },
          ip: request.ip,
        });
      });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return show(request, reply, form, fields);
    }
    return redirectWithFlash(reply, "/console/spotlight", { kind: "success", key: "spotlight.console.created" });
  });

  app.post("/console/spotlight/:id/end", { schema: { params: IdParams }, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const id = request.params.id;
    await inTransaction(db, async (tx) => {
      if (!(await endSpotlight(tx, id, new Date()))) throw notFound("spotlight_not_found", "spotlight.errors.notFound");
      await recordAudit(tx, { actorId: actor.id, action: "members.spotlight.end", subjectType: "spotlight", subjectId: id, ip: request.ip });
    });
    return redirectWithFlash(reply, "/console/spotlight", { kind: "success", key: "spotlight.console.ended" });
  });
}
