/** The accounts part of the JSON API. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unauthorized } from "../errors.ts";

const Me = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    email: Type.String({ format: "email" }),
    emailVerified: Type.Boolean(),
    locale: Type.Union([Type.String(), Type.Null()], { description: "The member's chosen language; null follows the browser." }),
    roles: Type.Array(Type.Object({ role: Type.String(), scope: Type.String({ description: "'*' for everywhere, or a scope such as 'category:7'." }) })),
  },
  { additionalProperties: false },
);

/** GET /api/v1/me. */
export async function accountApiRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/api/v1/me",
    {
      config: { access: "member" },
      schema: { tags: ["accounts"], summary: "The signed-in member", description: "The account behind the session or API token (needs the read scope).", response: { 200: Me } },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      return { id: actor.id, name: actor.name, email: actor.email, emailVerified: actor.emailVerified, locale: actor.locale, roles: actor.roles.map(({ role, scope }) => ({ role, scope })) };
    },
  );
}
