/** The member's account page and its forms: name and language, password, sessions. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound, unauthorized } from "../errors.ts";
import type { Actor } from "./permissions.ts";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { activeSessions } from "./account-queries.ts";
import { findAccountById } from "./accounts.ts";
import { chosenLocale, fieldErrorsOf, flowContext, requireBrowserSession, textOf, validationErrors } from "./route-helpers.ts";
import { AUTH_IP_LIMIT, PASSWORD_MAX_LENGTH } from "./rules.ts";
import { EmptyBody, LocaleField, NameField, NewPasswordField } from "./schemas.ts";
import { changePassword, updateProfile } from "./service.ts";
import { clearSessionCookie, startBrowserSession } from "./session-cookie.ts";
import { endAllSessions } from "./sessions.ts";
import { AccountPage, type AccountFormErrors, type SessionSummary } from "./views/account-page.tsx";

const ProfileBody = Type.Object({ name: NameField, locale: LocaleField }, { additionalProperties: false });
const PasswordBody = Type.Object({ currentPassword: Type.Optional(Type.String({ maxLength: PASSWORD_MAX_LENGTH })), newPassword: NewPasswordField }, { additionalProperties: false });

function signedIn(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

async function showAccount(request: FastifyRequest, reply: FastifyReply, errors: AccountFormErrors | null = null, submittedName?: string) {
  const { db } = request.server.hearth;
  const actor = signedIn(request);
  const account = await findAccountById(db, actor.id);
  if (!account) throw notFound();
  const sessions = await activeSessions(db, actor.id);
  const summaries: SessionSummary[] = sessions.map((session) => ({
    userAgent: session.user_agent,
    ip: session.ip,
    createdAt: session.created_at,
    lastSeenAt: session.last_seen_at,
    current: session.id === request.sessionId,
  }));
  const summary = {
    name: submittedName ?? account.name,
    email: account.email,
    locale: account.locale,
    emailVerified: account.email_verified_at !== null,
    hasPassword: account.password_hash !== null,
  };
  return sendPage(request, reply, <AccountPage account={summary} sessions={summaries} errors={errors} />, { title: request.t("auth.account.title"), status: errors ? 400 : 200 });
}

/** GET /account, POST /account/profile, /account/password, /account/sessions/revoke-all. */
export async function accountPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const member = { access: "member" as const };

  app.get("/account", { config: member, onRequest: requireBrowserSession }, async (request, reply) => showAccount(request, reply));

  app.post("/account/profile", { schema: { body: ProfileBody }, attachValidation: true, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    const errors = validationErrors(request);
    if (errors) return showAccount(request, reply, { form: "profile", fields: errors }, textOf(request.body, "name"));
    try {
      await updateProfile(db, signedIn(request).id, { name: request.body.name, locale: chosenLocale(request.body.locale) });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return showAccount(request, reply, { form: "profile", fields }, request.body.name);
      throw error;
    }
    return redirectWithFlash(reply, "/account", { kind: "success", key: "auth.flash.profileSaved" });
  });

  app.post(
    "/account/password",
    { schema: { body: PasswordBody }, attachValidation: true, config: { ...member, rateLimit: AUTH_IP_LIMIT }, onRequest: requireBrowserSession },
    async (request, reply) => {
      const errors = validationErrors(request);
      if (errors) return showAccount(request, reply, { form: "password", fields: errors });
      const accountId = signedIn(request).id;
      try {
        await changePassword(db, accountId, request.body, flowContext(request));
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields) return showAccount(request, reply, { form: "password", fields });
        throw error;
      }
      // Every session ended with the old password; this browser goes on with a new one.
      await startBrowserSession(db, request, reply, accountId);
      return redirectWithFlash(reply, "/account", { kind: "success", key: "auth.flash.passwordChanged" });
    },
  );

  app.post("/account/sessions/revoke-all", { schema: { body: EmptyBody }, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    await endAllSessions(db, signedIn(request).id);
    clearSessionCookie(request, reply);
    return redirectWithFlash(reply, "/sign-in", { kind: "success", key: "auth.flash.signedOutEverywhere" });
  });
}
