/** The programme's JSON API under /api/v1 (documented in the OpenAPI document from these schemas). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unauthorized } from "../../platform/errors.ts";
import { daysLeft, membershipState, REASON_MAX } from "./rules.ts";
import { currentMembership, nominate, timesOf } from "./service.ts";
import { runningAmbassadors } from "./store.ts";

const tags = ["ambassadors"];
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const AmbassadorJson = Type.Object({ id: Type.Integer(), name: Type.String(), since: Type.String({ format: "date-time" }) });
const MembershipJson = Type.Object({
  state: Type.Union([Type.Literal("none"), Type.Literal("awaiting_agreement"), Type.Literal("active"), Type.Literal("due"), Type.Literal("lapsed"), Type.Literal("ended")]),
  agreed: Type.Boolean(),
  expiresAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  daysLeft: Type.Integer(),
});
export const NominationCreateBody = Type.Object(
  { nomineeId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), reason: Type.String({ maxLength: REASON_MAX * 2, pattern: "^[^\\u0000]*$" }) },
  { additionalProperties: false },
);

/** Registers the JSON API. */
export async function ambassadorsApiRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/api/v1/ambassadors", { schema: { tags, summary: "The listed ambassadors", response: { 200: Type.Object({ items: Type.Array(AmbassadorJson) }) } } }, async () => {
    const items = await runningAmbassadors(db, new Date(), true);
    return { items: items.map((item) => ({ id: item.id, name: item.name, since: item.since.toISOString() })) };
  });

  app.get("/api/v1/ambassadors/me", { config: { access: "member" }, schema: { tags, summary: "My ambassador membership", response: { 200: MembershipJson } } }, async (request) => {
    if (!request.actor) throw unauthorized();
    const now = new Date();
    const row = await currentMembership(db, request.actor.id);
    if (!row) return { state: "none" as const, agreed: false, expiresAt: null, daysLeft: 0 };
    const times = timesOf(row);
    return { state: membershipState(times, now), agreed: row.accepted_at !== null, expiresAt: row.expires_at?.toISOString() ?? null, daysLeft: daysLeft(times, now) };
  });

  app.post(
    "/api/v1/ambassadors/nominations",
    { config: { access: "member" }, schema: { tags, summary: "Nominate a member (oneself included) as ambassador", body: NominationCreateBody, response: { 201: Type.Object({ id: Type.Integer() }), 400: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson } } },
    async (request, reply) => {
      if (!request.actor) throw unauthorized();
      const id = await nominate(db, request.actor, request.body, new Date(), request.ip);
      return reply.status(201).send({ id });
    },
  );
}
