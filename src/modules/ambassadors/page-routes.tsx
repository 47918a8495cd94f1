/**
 * The programme's member pages: `/ambassadors` (who they are, how to be nominated, the nomination
 * form), the agreement, the ambassador-only space (403 with the reason for everyone else) and task
 * reports. Also the profile section that shows a member's membership.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { validationErrors } from "../../platform/auth/route-helpers.ts";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { AppError, invalid, unauthorized, type FieldErrors } from "../../platform/errors.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { addProfileSection, memberHasAbility } from "../members/index.ts";
import { agreementRefusal, daysLeft, LINK_MAX, mayEnterSpace, membershipState, nomineeIdOf, REASON_MAX, termsDigest } from "./rules.ts";
import { acceptAgreement, currentMembership, latestMembership, nominate, reportTask, timesOf } from "./service.ts";
import { ambassadorsSettings, termsText } from "./settings.ts";
import { runningAmbassadors, spaceContent } from "./store.ts";
import { AgreementPage, AmbassadorsPage, NotInSpacePage, SpacePage, type NominationFormValues, type OwnStatus } from "./views/pages.tsx";
import { ProfileBadge } from "./views/profile.tsx";

addSiteNav({ href: "/ambassadors", labelKey: "ambassadors.nav", order: 450, more: true });

const NominationBody = Type.Object({ nominee: Type.Optional(Text({ maxLength: 200 })), reason: Text({ maxLength: REASON_MAX * 2 }) }, { additionalProperties: false });
const NominateQuery = Type.Object({ nominee: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) });
const AgreementBody = Type.Object({ digest: Type.String({ pattern: "^[0-9a-f]{64}$" }) }, { additionalProperties: false });
const ReportBody = Type.Object({ link: Type.Optional(Text({ maxLength: LINK_MAX })) }, { additionalProperties: false });

async function ownStatus(request: FastifyRequest, now: Date): Promise<OwnStatus | null> {
  if (!request.actor) return null;
  const db = request.server.hearth.db;
  const row = (await currentMembership(db, request.actor.id)) ?? (await latestMembership(db, request.actor.id));
  if (!row) return null;
  const times = timesOf(row);
  return { state: membershipState(times, now), agreed: row.accepted_at !== null, expiresAt: row.expires_at, daysLeft: daysLeft(times, now) };
}

function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** Registers the member pages and the profile section. */
export async function ambassadorsPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  addProfileSection({
    id: "ambassadors",
    order: 200,
    async load(context) {
      const row = await currentMembership(context.db, context.accountId);
      const now = new Date();
      const ambassador = mayEnterSpace(row ? timesOf(row) : null, now);
      const viewer = context.viewer;
      const mayNominate = viewer !== null && viewer.id !== context.accountId && !ambassador && (can(viewer, "ambassadors.review") || (await memberHasAbility(context.db, viewer.id, "apply_programmes", now)));
      if (!ambassador && !mayNominate) return null;
      return <ProfileBadge accountId={context.accountId} since={ambassador && row ? row.created_at : null} mayNominate={mayNominate} />;
    },
  });

  const showPublic = async (request: FastifyRequest, reply: FastifyReply, values: NominationFormValues, errors: FieldErrors | undefined, status = 200) => {
    const now = new Date();
    const actor = request.actor;
    const mayNominate = actor !== null && (can(actor, "ambassadors.review") || (await memberHasAbility(db, actor.id, "apply_programmes", now)));
    const page = <AmbassadorsPage ambassadors={await runningAmbassadors(db, now, true)} status={await ownStatus(request, now)} signedIn={actor !== null} mayNominate={mayNominate} values={values} errors={errors} />;
    return sendPage(request, reply, page, { title: request.t("ambassadors.title"), description: request.t("ambassadors.lead"), status });
  };

  app.get("/ambassadors", { schema: { querystring: NominateQuery } }, async (request, reply) =>
    showPublic(request, reply, { nominee: request.query.nominee ? String(request.query.nominee) : "", reason: "" }, undefined),
  );

  app.post("/ambassadors/nominations", { config: { access: "member" }, schema: { body: NominationBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const body = (request.body ?? {}) as { nominee?: unknown; reason?: unknown };
    const values = { nominee: typeof body.nominee === "string" ? body.nominee.slice(0, 200) : "", reason: typeof body.reason === "string" ? body.reason.slice(0, REASON_MAX * 2) : "" };
    const schemaErrors = validationErrors(request);
    if (schemaErrors) return showPublic(request, reply, values, schemaErrors, 400);
    const nomineeId = nomineeIdOf(values.nominee, actor.id);
    try {
      if (nomineeId === null) throw invalid("nominee_invalid", "errors.validation", { nominee: { key: "ambassadors.errors.nominee" } });
      await nominate(db, actor, { nomineeId, reason: values.reason }, new Date(), request.ip);
    } catch (error) {
      // Field errors show on the form; refusals (403, 404, 409) are pages of their own.
      if (error instanceof AppError && error.kind === "invalid") return showPublic(request, reply, values, error.fields, 400);
      throw error;
    }
    return redirectWithFlash(reply, "/ambassadors", { kind: "success", key: nomineeId === actor.id ? "ambassadors.flash.selfNominated" : "ambassadors.flash.nominated" });
  });

  /** The terms in the reader's language, with the reason they may not accept them now (or null). */
  const agreementFor = async (request: FastifyRequest, now: Date) => {
    const actor = memberOf(request);
    const terms = termsText(await readSetting(db, ambassadorsSettings), request.locale, request.t);
    const row = await currentMembership(db, actor.id);
    return { actor, terms, row, refusal: agreementRefusal(row ? timesOf(row) : null, now) };
  };

  app.get("/ambassadors/agreement", { config: { access: "member" } }, async (request, reply) => {
    const { terms, row, refusal } = await agreementFor(request, new Date());
    const refusalText = refusal === null ? null : request.t(`ambassadors.agreement.refusal.${refusal}`);
    return sendPage(request, reply, <AgreementPage terms={terms} digest={termsDigest(terms)} renewal={row?.accepted_at != null} refusal={refusalText} />, { title: request.t("ambassadors.agreement.title") });
  });

  app.post("/ambassadors/agreement", { config: { access: "member" }, schema: { body: AgreementBody } }, async (request, reply) => {
    const now = new Date();
    const { actor, terms } = await agreementFor(request, now);
    await acceptAgreement(db, actor, { terms, shownDigest: request.body.digest, locale: request.locale }, now, request.ip);
    return redirectWithFlash(reply, "/ambassadors/space", { kind: "success", key: "ambassadors.flash.accepted" });
  });

  app.get("/ambassadors/space", async (request, reply) => {
    const now = new Date();
    const status = await ownStatus(request, now);
    const refused = (reason: "signedOut" | "notAmbassador" | "awaitingAgreement" | "lapsed") =>
      sendPage(request, reply, <NotInSpacePage reason={reason} />, { title: request.t("ambassadors.space.forbiddenTitle"), status: 403 });
    if (!request.actor) return refused("signedOut");
    if (!status) return refused("notAmbassador");
    if (status.state === "lapsed" || status.state === "ended") return refused("lapsed");
    if (!status.agreed) return refused("awaitingAgreement");
    const content = await spaceContent(db, request.actor.id, now);
    return sendPage(request, reply, <SpacePage status={status} now={now} {...content} />, { title: request.t("ambassadors.space.title") });
  });

  app.post("/ambassadors/tasks/:id/report", { config: { access: "member" }, schema: { params: IdParams, body: ReportBody } }, async (request, reply) => {
    const link = request.body.link?.trim() ?? "";
    await reportTask(db, memberOf(request), request.params.id, link === "" ? null : link, new Date());
    return redirectWithFlash(reply, "/ambassadors/space", { kind: "success", key: "ambassadors.flash.reported" });
  });
}
