/**
 * The category and display status settings pages, under /console/ideas/settings/<taxonomy>:
 * the list (GET) and adding one (POST), one entry (GET) and changing it (POST), deleting it (POST …/delete).
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { IdParams } from "../../../platform/console/schemas.ts";
import { notFound, type FieldErrors } from "../../../platform/errors.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { createTerm, deleteTerm, updateTerm } from "./admin.ts";
import { bodyErrors, formValues, serviceFieldErrors, staffAct } from "./form-support.ts";
import { listTerms, termUsage } from "./queries.ts";
import { sendIdeasConsolePage } from "./send-page.tsx";
import { CategoryBody, DeleteTermBody, StatusBody, termFromForm, type Taxonomy, type TermInput } from "./taxonomy.ts";
import { termsPath, TermPage, TermsPage, type TermFormState } from "./taxonomy-pages.tsx";

const access = { action: "ideas.settings" };

/** The checked term of a submitted form, or the form with its errors to show again. */
function readTerm(request: FastifyRequest): { input: TermInput | null; form: TermFormState } {
  const values = formValues(request.body);
  const { input, errors } = termFromForm(values);
  // Schema errors (too long, unknown field) come first; then blanks and formats.
  const all: FieldErrors = { ...errors, ...bodyErrors(request) };
  return { input: Object.keys(all).length === 0 ? input : null, form: { values, errors: all } };
}

/** The routes of one taxonomy's settings pages. */
export function taxonomyRoutes(taxonomy: Taxonomy) {
  return async function routes(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const { db } = app.hearth;
    const list = termsPath(taxonomy);
    const body = taxonomy === "categories" ? CategoryBody : StatusBody;
    const title = (request: FastifyRequest) => request.t(`ideasConsole.taxonomy.${taxonomy}.title`);

    async function sendList(request: FastifyRequest, reply: FastifyReply, form?: TermFormState): Promise<FastifyReply> {
      const [terms, usage] = await Promise.all([listTerms(db, taxonomy), termUsage(db, taxonomy)]);
      const next = String(Math.max(0, ...terms.map((term) => term.position)) + 1);
      const shown = form ?? { values: { position: next, tone: "neutral" }, errors: {} };
      return sendIdeasConsolePage(request, reply, <TermsPage taxonomy={taxonomy} terms={terms} usage={usage} form={shown} />, { title: title(request), status: form ? 400 : 200 });
    }

    async function sendTerm(request: FastifyRequest, reply: FastifyReply, id: number, sentBack: { form?: TermFormState; deleteErrors?: FieldErrors } = {}): Promise<FastifyReply> {
      const [terms, usage] = await Promise.all([listTerms(db, taxonomy), termUsage(db, taxonomy)]);
      const term = terms.find((candidate) => candidate.id === id);
      if (!term) throw notFound();
      const others = terms.filter((candidate) => candidate.id !== id);
      const page = <TermPage taxonomy={taxonomy} term={term} used={usage.get(id) ?? 0} others={others} form={sentBack.form} deleteErrors={sentBack.deleteErrors} />;
      return sendIdeasConsolePage(request, reply, page, { title: title(request), status: sentBack.form || sentBack.deleteErrors ? 400 : 200 });
    }

    app.get(list, { config: { access } }, (request, reply) => sendList(request, reply));

    app.post(list, { config: { access }, schema: { body }, attachValidation: true }, async (request, reply) => {
      const { input, form } = readTerm(request);
      if (!input) return sendList(request, reply, form);
      try {
        await createTerm(db, taxonomy, input, staffAct(request));
      } catch (error) {
        return sendList(request, reply, { values: form.values, errors: serviceFieldErrors(error) });
      }
      return redirectWithFlash(reply, list, { kind: "success", key: `ideasConsole.taxonomy.${taxonomy}.created` });
    });

    app.get(`${list}/:id`, { config: { access }, schema: { params: IdParams } }, (request, reply) => sendTerm(request, reply, request.params.id));

    app.post(`${list}/:id`, { config: { access }, schema: { params: IdParams, body }, attachValidation: true }, async (request, reply) => {
      const { id } = request.params;
      const { input, form } = readTerm(request);
      if (!input) return sendTerm(request, reply, id, { form });
      try {
        await updateTerm(db, taxonomy, id, input, staffAct(request));
      } catch (error) {
        return sendTerm(request, reply, id, { form: { values: form.values, errors: serviceFieldErrors(error) } });
      }
      return redirectWithFlash(reply, list, { kind: "success", key: `ideasConsole.taxonomy.${taxonomy}.updated` });
    });

    app.post(`${list}/:id/delete`, { config: { access }, schema: { params: IdParams, body: DeleteTermBody }, attachValidation: true }, async (request, reply) => {
      const { id } = request.params;
      const errors = bodyErrors(request);
      if (Object.keys(errors).length > 0) return sendTerm(request, reply, id, { deleteErrors: errors });
      const replacement = request.body.replacement === "" ? null : Number(request.body.replacement);
      try {
        await deleteTerm(db, taxonomy, id, replacement, staffAct(request));
      } catch (error) {
        return sendTerm(request, reply, id, { deleteErrors: serviceFieldErrors(error) });
      }
      return redirectWithFlash(reply, list, { kind: "success", key: `ideasConsole.taxonomy.${taxonomy}.deleted` });
    });
  };
}
