/** Sign-in by emailed link and password reset. Requests answer the same whether the email has an account or not. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { peekEmailToken } from "./email-tokens.ts";
import { requestMagicLink, requestPasswordReset, resetPassword, useMagicLink } from "./recovery.ts";
import { flowContext, textOf, validationErrors } from "./route-helpers.ts";
import { AUTH_IP_LIMIT, type EmailTokenPurpose } from "./rules.ts";
import { EmailField, NewPasswordField, TokenField } from "./schemas.ts";
import { clearSessionCookie, startBrowserSession } from "./session-cookie.ts";
import { LinkProblemPage } from "./views/link-problem-page.tsx";
import { MagicLinkConfirmPage, MagicLinkRequestPage } from "./views/magic-link-pages.tsx";
import { NewPasswordPage, ResetRequestPage } from "./views/reset-pages.tsx";

const EmailBody = Type.Object({ email: EmailField }, { additionalProperties: false });
const TokenQuery = Type.Object({ token: Type.Optional(TokenField) });

function linkProblem(request: FastifyRequest, reply: FastifyReply, purpose: EmailTokenPurpose) {
  return sendPage(request, reply, <LinkProblemPage purpose={purpose} />, { title: request.t("auth.linkProblem.title"), status: 400 });
}

/** /sign-in/magic (request, open, confirm) and /reset-password (request, choose a new password). */
export async function recoveryRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const title = (request: FastifyRequest, key: string) => ({ title: request.t(key) });

  app.get("/sign-in/magic", { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const { token } = request.query;
    if (token === undefined) return sendPage(request, reply, <MagicLinkRequestPage email="" errors={null} />, title(request, "auth.magic.title"));
    if ((await peekEmailToken(db, token, "magic")) === null) return linkProblem(request, reply, "magic");
    return sendPage(request, reply, <MagicLinkConfirmPage token={token} />, title(request, "auth.magic.confirmTitle"));
  });

  app.post("/sign-in/magic", { schema: { body: EmailBody }, attachValidation: true, config: { rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const errors = validationErrors(request);
    if (errors) return sendPage(request, reply, <MagicLinkRequestPage email={textOf(request.body, "email")} errors={errors} />, { ...title(request, "auth.magic.title"), status: 400 });
    await requestMagicLink(db, request.body.email, flowContext(request));
    return redirectWithFlash(reply, "/sign-in/magic", { kind: "info", key: "auth.flash.magicSent" });
  });

  app.post("/sign-in/magic/confirm", { schema: { body: Type.Object({ token: TokenField }, { additionalProperties: false }) }, config: { rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const accountId = await useMagicLink(db, request.body.token);
    if (accountId === null) return linkProblem(request, reply, "magic");
    await startBrowserSession(db, request, reply, accountId);
    return redirectWithFlash(reply, "/", { kind: "success", key: "auth.flash.signedIn" });
  });

  app.get("/reset-password", async (request, reply) => sendPage(request, reply, <ResetRequestPage email="" errors={null} />, title(request, "auth.reset.title")));

  app.post("/reset-password", { schema: { body: EmailBody }, attachValidation: true, config: { rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const errors = validationErrors(request);
    if (errors) return sendPage(request, reply, <ResetRequestPage email={textOf(request.body, "email")} errors={errors} />, { ...title(request, "auth.reset.title"), status: 400 });
    await requestPasswordReset(db, request.body.email, flowContext(request));
    return redirectWithFlash(reply, "/reset-password", { kind: "info", key: "auth.flash.resetSent" });
  });

  app.get("/reset-password/new", { schema: { querystring: Type.Object({ token: TokenField }) } }, async (request, reply) => {
    if ((await peekEmailToken(db, request.query.token, "reset")) === null) return linkProblem(request, reply, "reset");
    return sendPage(request, reply, <NewPasswordPage token={request.query.token} errors={null} />, title(request, "auth.reset.newTitle"));
  });

  app.post(
    "/reset-password/new",
    { schema: { body: Type.Object({ token: TokenField, password: NewPasswordField }, { additionalProperties: false }) }, attachValidation: true, config: { rateLimit: AUTH_IP_LIMIT } },
    async (request, reply) => {
      const errors = validationErrors(request);
      if (errors) return sendPage(request, reply, <NewPasswordPage token={textOf(request.body, "token")} errors={errors} />, { ...title(request, "auth.reset.newTitle"), status: 400 });
      const result = await resetPassword(db, request.body.token, request.body.password);
      if (!result) return linkProblem(request, reply, "reset");
      if (!result.maySignIn) {
        clearSessionCookie(request, reply);
        return redirectWithFlash(reply, "/sign-in", { kind: "success", key: "auth.flash.passwordReset" });
      }
      await startBrowserSession(db, request, reply, result.accountId);
      return redirectWithFlash(reply, "/", { kind: "success", key: "auth.flash.passwordReset" });
    },
  );
}
