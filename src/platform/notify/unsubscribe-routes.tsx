/**
 * /unsubscribe: works without signing in, because the signed token is the proof. GET shows a
 * confirmation with a button; POST (also RFC 8058 one-click from mail clients) turns email off.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { invalid } from "../errors.ts";
import { sendPage } from "../web/render.tsx";
import { unsubscribe, unsubscribeTarget } from "./unsubscribe.ts";
import { UnsubscribeConfirmPage, UnsubscribeDonePage } from "./unsubscribe-page.tsx";

const Token = Type.String({ minLength: 1, maxLength: 1000 });

/** Registers the unsubscribe page and its one-click POST. */
export async function unsubscribeRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.hearth;

  app.get("/unsubscribe", { config: { access: "public" }, schema: { querystring: Type.Object({ token: Token }) } }, async (request, reply) => {
    const { definition } = await unsubscribeTarget(db, config.sessionSecret, request.query.token);
    reply.header("referrer-policy", "no-referrer");
    return sendPage(request, reply, <UnsubscribeConfirmPage token={request.query.token} typeLabel={request.t(definition.labelKey)} />, {
      title: request.t("notify.unsubscribe.title"),
    });
  });

  app.post(
    "/unsubscribe",
    {
      config: { access: "public", csrfExempt: true },
      schema: {
        querystring: Type.Object({ token: Type.Optional(Token) }),
        body: Type.Optional(
          Type.Object({ token: Type.Optional(Token), "List-Unsubscribe": Type.Optional(Type.Literal("One-Click")), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        ),
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? request.body?.token;
      if (!token) throw invalid("invalid_unsubscribe_token", "notify.unsubscribe.invalid");
      const definition = await unsubscribe(db, config.sessionSecret, token);
      reply.header("referrer-policy", "no-referrer");
      return sendPage(request, reply, <UnsubscribeDonePage typeLabel={request.t(definition.labelKey)} />, { title: request.t("notify.unsubscribe.doneTitle") });
    },
  );
}
