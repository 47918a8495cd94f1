/** GET /console/ideas/merge (search, pick and check a pair) and POST /console/ideas/merge (merge it). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { Id, Text } from "../../../platform/console/schemas.ts";
import { AppError, STATUS_BY_KIND, type FieldErrors } from "../../../platform/errors.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { mergeIdeas } from "../service.ts";
import { bodyErrors, formValues, staffActor } from "./form-support.ts";
import { MergePage, type MergeChoice, type MergePair } from "./merge-page.tsx";
import { ideaSummary, searchIdeas, sharedSupporters } from "./queries.ts";
import { sendIdeasConsolePage } from "./send-page.tsx";

addConsoleNav({ href: "/console/ideas/merge", labelKey: "ideasConsole.nav.merge", order: 220, action: "ideas.merge" });

const access = { action: "ideas.merge" };
const MERGE = "/console/ideas/merge";

const MergeQuery = Type.Object({
  q: Type.Optional(Text({ maxLength: 200 })),
  from: Type.Optional(Text({ maxLength: 16 })),
  into: Type.Optional(Text({ maxLength: 16 })),
  merged: Type.Optional(Id),
});

const RecordNumberText = Type.String({ pattern: "^[1-9][0-9]{0,14}$" });
const MergeBody = Type.Object({ from: RecordNumberText, into: RecordNumberText }, { additionalProperties: false });

/** An idea number as staff type it ("12", "#12", "۱۲"); undefined when blank, null when it is not a number. */
export function readRecordNumber(text: string | undefined): number | null | undefined {
  const trimmed = normalizeText(text ?? "").trim();
  if (trimmed === "") return undefined;
  const match = /^#?\s*(\d{1,15})$/.exec(trimmed);
  const id = match?.[1] ? Number(match[1]) : 0;
  return id >= 1 && id <= Number.MAX_SAFE_INTEGER ? id : null;
}

/** Registers the merge page and its confirmation form. */
export async function mergeRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  async function sendMerge(
    request: FastifyRequest,
    reply: FastifyReply,
    asked: { q?: string | undefined; from?: string | undefined; into?: string | undefined; merged?: number | undefined },
    failure?: { message?: string; fields?: FieldErrors; status: number },
  ): Promise<FastifyReply> {
    const fields: FieldErrors = { ...failure?.fields };
    const fromId = readRecordNumber(asked.from);
    const intoId = readRecordNumber(asked.into);
    if (fromId === null) fields.from ??= { key: "ideasConsole.merge.errors.number" };
    if (intoId === null) fields.into ??= { key: "ideasConsole.merge.errors.number" };
    const choice: MergeChoice = { query: asked.q ?? "", fromText: asked.from ?? "", intoText: asked.into ?? "", fromId: fromId ?? undefined, intoId: intoId ?? undefined };

    const results = choice.query.trim() === "" ? undefined : await searchIdeas(db, choice.query);
    let pair: MergePair | undefined;
    if (choice.fromId !== undefined && choice.intoId !== undefined) {
      const [from, into, shared] = await Promise.all([ideaSummary(db, choice.fromId), ideaSummary(db, choice.intoId), sharedSupporters(db, choice.fromId, choice.intoId)]);
      pair = { from, into, shared };
    }
    const mergedFrom = asked.merged === undefined ? undefined : await ideaSummary(db, asked.merged);
    const mergedInto = mergedFrom?.merged_into ? await ideaSummary(db, mergedFrom.merged_into) : undefined;
    const merged = mergedFrom && mergedInto ? { from: mergedFrom, into: mergedInto } : undefined;

    const hasFieldErrors = Object.keys(fields).length > 0;
    const error = failure || hasFieldErrors ? { ...(failure?.message ? { message: failure.message } : {}), fields } : undefined;
    const status = failure?.status ?? (hasFieldErrors ? 400 : 200);
    return sendIdeasConsolePage(request, reply, <MergePage choice={choice} results={results} pair={pair} merged={merged} error={error} />, { title: request.t("ideasConsole.merge.title"), status });
  }

  app.get(MERGE, { config: { access }, schema: { querystring: MergeQuery } }, (request, reply) => sendMerge(request, reply, request.query));

  app.post(MERGE, { config: { access }, schema: { body: MergeBody }, attachValidation: true }, async (request, reply) => {
    const values = formValues(request.body);
    const errors = bodyErrors(request);
    if (Object.keys(errors).length > 0) return sendMerge(request, reply, values, { fields: errors, status: 400 });
    const fromId = Number(request.body.from);
    const intoId = Number(request.body.into);
    try {
      await mergeIdeas(db, staffActor(request), fromId, intoId, { ip: request.ip });
    } catch (error) {
      // A pair that cannot be merged (the same idea, one already merged, gone) is shown again with the reason.
      if (error instanceof AppError && ["invalid", "conflict", "not_found"].includes(error.kind)) {
        return sendMerge(request, reply, values, { message: request.t(error.messageKey, error.params), status: STATUS_BY_KIND[error.kind] });
      }
      throw error;
    }
    return reply.redirect(`${MERGE}?merged=${fromId}`, 303);
  });
}
