/** GET /console/ideas/review (ideas waiting for a decision) and POST /console/ideas/review/:id (the decision). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PageQuery, pageHref } from "../../../platform/console/index.ts";
import { Id, IdParams, Text } from "../../../platform/console/schemas.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { readSetting } from "../../../platform/settings/index.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { decideIdea } from "../service.ts";
import { ideasSettings } from "../settings.ts";
import { listCategories, surveySummary } from "../store.ts";
import { bodyErrors, formPage, formValues, scopedErrors, staffActor } from "./form-support.ts";
import { countInState, ideaSummary, recentDecisions, reviewQueue } from "./queries.ts";
import { groupByPeriod } from "./review-periods.ts";
import { DECISIONS, ReviewPage, type DecisionFormState } from "./review-page.tsx";
import { sendIdeasConsolePage } from "./send-page.tsx";

addConsoleNav({ href: "/console/ideas/review", labelKey: "ideasConsole.nav.review", order: 210, action: "ideas.review" });

const access = { action: "ideas.review" };
const REVIEW = "/console/ideas/review";

const ReviewQuery = Type.Object({ page: PageQuery, decided: Type.Optional(Id) });

const DecisionBody = Type.Object(
  {
    decision: Type.Union(DECISIONS.map((decision) => Type.Literal(decision))),
    publicNote: Type.Optional(Text({ maxLength: 5000 })),
    privateNote: Type.Optional(Text({ maxLength: 5000 })),
    page: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,4}$" })),
  },
  { additionalProperties: false },
);

/** Registers the review page and its decision form. */
export async function reviewRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  async function sendReview(request: FastifyRequest, reply: FastifyReply, page: number, decidedId: number | undefined, form?: DecisionFormState): Promise<FastifyReply> {
    const [queue, total, categories, settings, recent] = await Promise.all([reviewQueue(db, page), countInState(db, ["in_review", "on_hold"]), listCategories(db), readSetting(db, ideasSettings), recentDecisions(db)]);
    const surveys = new Map(await Promise.all(queue.rows.map(async (row) => [row.id, await surveySummary(db, row.id)] as const)));
    const decided = decidedId === undefined ? undefined : await ideaSummary(db, decidedId);
    const content = (
      <ReviewPage
        groups={groupByPeriod(settings.review, queue.rows)}
        surveys={surveys}
        categories={categories}
        total={total}
        page={queue.page}
        hasNext={queue.hasNext}
        timeZone={settings.review.timeZone}
        recent={recent}
        decided={decided}
        form={form}
      />
    );
    return sendIdeasConsolePage(request, reply, content, { title: request.t("ideasConsole.review.title"), status: form ? 400 : 200 });
  }

  app.get(REVIEW, { config: { access }, schema: { querystring: ReviewQuery } }, (request, reply) => sendReview(request, reply, request.query.page, request.query.decided));

  app.post(`${REVIEW}/:id`, { config: { access }, schema: { params: IdParams, body: DecisionBody }, attachValidation: true }, async (request, reply) => {
    const { id } = request.params;
    const values = formValues(request.body);
    const page = formPage(values);
    const errors: FieldErrors = bodyErrors(request);
    if (Object.keys(errors).length > 0) return sendReview(request, reply, page, undefined, { ideaId: id, errors: scopedErrors(errors, id), values });
    const { decision, publicNote, privateNote } = request.body;
    try {
      await decideIdea(db, staffActor(request), id, decision, { publicNote: publicNote ?? "", privateNote: privateNote ?? "" }, { ip: request.ip });
    } catch (error) {
      // Another reviewer decided first.
      if (error instanceof AppError && error.kind === "conflict") return redirectWithFlash(reply, pageHref(REVIEW, {}, page), { kind: "error", key: "ideasConsole.review.alreadyDecided" });
      throw error;
    }
    return reply.redirect(pageHref(REVIEW, { decided: String(id) }, page), 303);
  });
}
