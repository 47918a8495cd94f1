/** Sign-up, and the email-verification link with its resend. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError, type FieldErrors } from "../errors.ts";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { safeReturnPath } from "../web/site-routes.tsx";
import { chosenLocale, fieldErrorsOf, flowContext, textOf, validationErrors } from "./route-helpers.ts";
import { AUTH_IP_LIMIT } from "./rules.ts";
import { EmailField, EmptyBody, LocaleField, NameField, NewPasswordField, ReturnToField, ReturnToQuery, TokenField } from "./schemas.ts";
import { resendVerification, signUp, verifyEmail } from "./service.ts";
import { startBrowserSession } from "./session-cookie.ts";
import { LinkProblemPage } from "./views/link-problem-page.tsx";
import { SignUpPage, type SignUpValues } from "./views/sign-up-page.tsx";

const SignUpBody = Type.Object(
  { name: NameField, email: EmailField, password: NewPasswordField, locale: Type.Optional(LocaleField), returnTo: Type.Optional(ReturnToField) },
  { additionalProperties: false },
);

function showSignUp(request: FastifyRequest, reply: FastifyReply, values: SignUpValues, returnTo: string, errors: FieldErrors | null, status = 200) {
  return sendPage(request, reply, <SignUpPage values={values} errors={errors} returnTo={returnTo} />, { title: request.t("auth.signUp.title"), status });
}

/** GET/POST /sign-up, GET /verify-email, POST /verify-email/resend. */
export async function signUpRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/sign-up", { schema: { querystring: ReturnToQuery } }, async (request, reply) =>
    showSignUp(request, reply, { name: "", email: "", locale: request.locale }, safeReturnPath(request.query.returnTo), null),
  );

  app.post("/sign-up", { schema: { body: SignUpBody }, attachValidation: true, config: { rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const returnTo = safeReturnPath(textOf(request.body, "returnTo"));
    const values = { name: textOf(request.body, "name"), email: textOf(request.body, "email"), locale: chosenLocale(textOf(request.body, "locale")) };
    const errors = validationErrors(request);
    if (errors) return showSignUp(request, reply, values, returnTo, errors, 400);
    let accountId: number;
    try {
      accountId = await signUp(db, { name: values.name, email: values.email, password: request.body.password, locale: values.locale ?? undefined }, flowContext(request));
    } catch (error) {
      if (error instanceof AppError && error.code === "email_taken") return showSignUp(request, reply, values, returnTo, { email: { key: error.messageKey } }, 409);
      const fields = fieldErrorsOf(error);
      if (fields) return showSignUp(request, reply, values, returnTo, fields, 400);
      throw error;
    }
    await startBrowserSession(db, request, reply, accountId);
    return redirectWithFlash(reply, returnTo, { kind: "success", key: "auth.flash.signedUp" });
  });

  app.get("/verify-email", { schema: { querystring: Type.Object({ token: TokenField }) } }, async (request, reply) => {
    if (await verifyEmail(db, request.query.token)) {
      return redirectWithFlash(reply, request.actor ? "/account" : "/", { kind: "success", key: "auth.flash.emailVerified" });
    }
    return sendPage(request, reply, <LinkProblemPage purpose="verify" />, { title: request.t("auth.linkProblem.title"), status: 400 });
  });

  app.post("/verify-email/resend", { schema: { body: EmptyBody }, config: { access: "member", rateLimit: AUTH_IP_LIMIT } }, async (request, reply) => {
    const sent = request.actor ? await resendVerification(db, request.actor.id, flowContext(request)) : false;
    return redirectWithFlash(reply, "/account", { kind: sent ? "success" : "info", key: sent ? "auth.flash.verificationSent" : "auth.flash.alreadyVerified" });
  });
}
