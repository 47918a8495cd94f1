/** Password sign-in and sign-out. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { safeReturnPath } from "../web/site-routes.tsx";
import { flowContext, textOf, validationErrors } from "./route-helpers.ts";
import { AUTH_IP_LIMIT, PASSWORD_MAX_LENGTH } from "./rules.ts";
import { EmptyBody, ReturnToField, ReturnToQuery } from "./schemas.ts";
import { checkPassword } from "./service.ts";
import { clearSessionCookie, startBrowserSession } from "./session-cookie.ts";
import { endSession } from "./sessions.ts";
import { SignInPage } from "./views/sign-in-page.tsx";

// No email format check here: any wrong input gets the same answer as a wrong password.
const SignInBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }), returnTo: Type.Optional(ReturnToField) },
  { additionalProperties: false },
);

function showSignIn(request: FastifyRequest, reply: FastifyReply, email: string, returnTo: string, messageKey?: string, status = 200) {
  const message = messageKey ? request.t(messageKey) : undefined;
  return sendPage(request, reply, <SignInPage email={email} returnTo={returnTo} message={message} />, { title: request.t("auth.signIn.title"), status });
}

/** GET/POST /sign-in, POST /sign-out. */
export async function signInRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/sign-in", { schema: { querystring: ReturnToQuery } }, async (request, reply) => showSignIn(request, reply, "", safeReturnPath(request.query.returnTo)));

  app.post("/sign-in", { schema: { body: SignInBody }, attachValidation: true, config: { rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const email = textOf(request.body, "email");
    const returnTo = safeReturnPath(textOf(request.body, "returnTo"));
    if (validationErrors(request)) return showSignIn(request, reply, email, returnTo, "auth.errors.signInMissing", 400);
    const result = await checkPassword(db, { email, password: request.body.password }, flowContext(request));
    if (!result.ok) {
      return result.reason === "suspended"
        ? showSignIn(request, reply, email, returnTo, "auth.errors.suspended", 403)
        : showSignIn(request, reply, email, returnTo, "auth.errors.signInFailed", 401);
    }
    await startBrowserSession(db, request, reply, result.accountId);
    return reply.redirect(returnTo, 303);
  });

  app.post("/sign-out", { schema: { body: EmptyBody } }, async (request, reply) => {
    if (request.sessionId) await endSession(db, request.sessionId);
    clearSessionCookie(request, reply);
    return redirectWithFlash(reply, "/", { kind: "info", key: "auth.flash.signedOut" });
  });
}
