/** Flags from members, and the moderators' decisions, over the API. */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import type { Actor } from "../../platform/auth/permissions.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { FLAG_REASONS } from "./rules.ts";
import { decideCase, flagContent } from "./service.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });

export const FlagBody = Type.Object(
  { subjectType: Type.String({ maxLength: 40 }), subjectId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), reason: literals(FLAG_REASONS), note: Type.Optional(Text({ maxLength: 1000 })) },
  { additionalProperties: false },
);
const DecisionBody = Type.Object({ decision: literals(["keep", "hide", "approve", "reject"] as const) }, { additionalProperties: false });

export async function moderationApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["moderation"];

  app.post(
    "/api/v1/flags",
    { config: { access: "member" }, schema: { tags, summary: "Flag content for moderators (weighted by the flagger's trust; enough weight hides it until reviewed)", body: FlagBody, response: { 201: Type.Object({ hidden: Type.Boolean() }), 400: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      const result = await flagContent(db, request.actor as Actor, request.body as Static<typeof FlagBody>);
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/api/v1/moderation/cases/:id/decision",
    { config: { access: { action: "moderation.review" } }, schema: { tags, summary: "Decide an open moderation case", params: IdParams, body: DecisionBody, response: { 200: Type.Object({ ok: Type.Boolean() }), 400: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      await decideCase(db, request.actor as Actor, id, (request.body as Static<typeof DecisionBody>).decision, { ip: request.ip });
      return { ok: true };
    },
  );
}
