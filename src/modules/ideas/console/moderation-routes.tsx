/** GET /console/ideas/moderation (the queue) and POST /console/ideas/moderation/:id (a decision on one idea). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PageQuery, pageHref } from "../../../platform/console/index.ts";
import { IdParams, Text } from "../../../platform/console/schemas.ts";
import { AppError } from "../../../platform/errors.ts";
import { readSetting } from "../../../platform/settings/index.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { moderateIdea } from "../service.ts";
import { ideasSettings } from "../settings.ts";
import { listCategories } from "../store.ts";
import { bodyErrors, formPage, formValues, scopedErrors, serviceFieldErrors, staffActor } from "./form-support.ts";
import { ModerationPage, type ModerationFormState } from "./moderation-page.tsx";
import { countInState, imagesByIdea, moderationQueue } from "./queries.ts";
import { sendIdeasConsolePage } from "./send-page.tsx";

addConsoleNav({ href: "/console/ideas/moderation", labelKey: "ideasConsole.nav.moderation", order: 200, action: "ideas.moderate" });

const access = { action: "ideas.moderate" };
const QUEUE = "/console/ideas/moderation";

const ModerationQuery = Type.Object({ page: PageQuery });

const ModerationBody = Type.Object(
  {
    decision: Type.Union([Type.Literal("approve"), Type.Literal("request_changes"), Type.Literal("reject")]),
    note: Type.Optional(Text({ maxLength: 5000 })),
    // The queue page the form was on, to show it again with the form's errors.
    page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,4}$" })),
  },
  { additionalProperties: false },
);

/** Registers the moderation queue and its decision form. */
export async function moderationRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  async function sendQueue(request: FastifyRequest, reply: FastifyReply, page: number, form?: ModerationFormState): Promise<FastifyReply> {
    const [queue, total, categories, settings] = await Promise.all([moderationQueue(db, page), countInState(db, ["in_moderation"]), listCategories(db), readSetting(db, ideasSettings)]);
    const images = await imagesByIdea(db, queue.rows.map((row) => row.id));
    const content = <ModerationPage queue={queue} total={total} images={images} categories={categories} guidelines={settings.guidelines} {...(form ? { form } : {})} />;
    return sendIdeasConsolePage(request, reply, content, { title: request.t("ideasConsole.moderation.title"), status: form ? 400 : 200 });
  }

  app.get(QUEUE, { config: { access }, schema: { querystring: ModerationQuery } }, (request, reply) => sendQueue(request, reply, request.query.page));

  app.post(`${QUEUE}/:id`, { config: { access }, schema: { params: IdParams, body: ModerationBody }, attachValidation: true }, async (request, reply) => {
    const { id } = request.params;
    const values = formValues(request.body);
    const page = formPage(values);
    const sendBack = (errors: Parameters<typeof scopedErrors>[0]) => sendQueue(request, reply, page, { ideaId: id, errors: scopedErrors(errors, id), note: values.note ?? "" });
    const errors = bodyErrors(request);
    if (Object.keys(errors).length > 0) return sendBack(errors);
    const { decision, note } = request.body;
    try {
      await moderateIdea(db, staffActor(request), id, decision, note ?? "", { ip: request.ip });
    } catch (error) {
      // Someone else decided first: the queue has moved on, show it again.
      if (error instanceof AppError && error.kind === "conflict") return redirectWithFlash(reply, pageHref(QUEUE, {}, page), { kind: "error", key: "ideasConsole.moderation.alreadyDecided" });
      return sendBack(serviceFieldErrors(error));
    }
    return redirectWithFlash(reply, pageHref(QUEUE, {}, page), { kind: "success", key: `ideasConsole.moderation.done.${decision}` });
  });
}
