/**
 * Request security hooks: who is calling (session cookie or API token), whether the route lets
 * them in, the request's locale, and CSRF protection for every state-changing browser request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { forbidden, invalid, unauthorized } from "../errors.ts";
import { randomToken, safeEqual, sign } from "../auth/crypto.ts";
import { can } from "../auth/permissions.ts";
import { actorFromApiToken, actorFromSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { DEFAULT_LOCALE, isLocale, negotiateLocale, translator, type Locale } from "../i18n/index.ts";
import { AppError } from "../errors.ts";

export const CSRF_COOKIE = "hearth_csrf";
export const LOCALE_COOKIE = "hearth_locale";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function localeFor(request: FastifyRequest): Locale {
  if (isLocale(request.actor?.locale)) return request.actor.locale;
  const cookie = request.cookies[LOCALE_COOKIE];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(request.headers["accept-language"]) ?? DEFAULT_LOCALE;
}

async function identify(request: FastifyRequest): Promise<void> {
  const { db } = request.server.hearth;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await actorFromApiToken(db, match[1]) : null;
    if (!actor) throw new AppError("unauthorized", "invalid_token", "errors.invalidToken");
    request.actor = actor;
    request.authMethod = "token";
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const found = await actorFromSession(db, token);
  if (found) {
    request.actor = found.actor;
    request.sessionId = found.sessionId;
    request.authMethod = "session";
  }
}

function checkAccess(request: FastifyRequest): void {
  const config = request.routeOptions.config;
  const access = config.access ?? "public";
  if (access !== "public") {
    if (!request.actor) throw unauthorized();
    if (typeof access === "object" && !can(request.actor, access.action)) throw forbidden();
  }
  if (request.authMethod === "token") {
    const needed = config.scope ?? (SAFE_METHODS.has(request.method) ? "read" : "write");
    if (!request.actor?.tokenScopes?.includes(needed)) throw new AppError("forbidden", "insufficient_scope", "errors.insufficientScope", { scope: needed });
  }
}

function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, secret: string): string {
  let seed = request.cookies[CSRF_COOKIE];
  if (!seed || seed.length < 20) {
    seed = randomToken();
    request.cookies[CSRF_COOKIE] = seed;
    reply.setCookie(CSRF_COOKIE, seed, { path: "/", httpOnly: true, sameSite: "lax", secure: request.server.hearth.config.secureCookies });
  }
  return sign(secret, seed);
}

function checkCsrf(request: FastifyRequest, secret: string): void {
  if (SAFE_METHODS.has(request.method) || request.authMethod === "token" || request.routeOptions.config.csrfExempt) return;
  const seed = request.cookies[CSRF_COOKIE];
  const body = request.body as Record<string, unknown> | undefined;
  const sent = request.headers["x-csrf-token"] ?? (body && typeof body === "object" ? body._csrf : undefined);
  if (!seed || typeof sent !== "string" || !safeEqual(sent, sign(secret, seed))) {
    throw new AppError("forbidden", "csrf_failed", "errors.csrf");
  }
  // The token is not part of any route's schema.
  if (body && typeof body === "object" && "_csrf" in body) delete body._csrf;
}

/** Registers the identification, access, locale and CSRF hooks. */
export function registerSecurity(app: FastifyInstance): void {
  const secret = app.hearth.config.sessionSecret;
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("authMethod", null);
  app.decorateRequest("locale", DEFAULT_LOCALE);
  app.decorateRequest("t", translator(DEFAULT_LOCALE));
  app.decorateRequest("csrfToken", function (this: FastifyRequest) {
    return "";
  });

  app.addHook("onRequest", async (request, reply) => {
    // NUL in the address (path or query) is refused before anything reads it; PostgreSQL cannot store it.
    if (request.url.includes("%00")) throw invalid("invalid_characters", "errors.invalidCharacters");
    request.csrfToken = () => csrfTokenFor(request, reply, secret);
    request.locale = localeFor(request);
    request.t = translator(request.locale);
    await identify(request);
    // A member's own language setting wins over cookie and browser.
    if (request.actor?.locale) {
      request.locale = localeFor(request);
      request.t = translator(request.locale);
    }
    checkAccess(request);
  });

  // Only routes that change state read a CSRF token; GET pages skip the hook.
  const csrf = async (request: FastifyRequest) => checkCsrf(request, secret);
  app.addHook("onRoute", (route) => {
    if ([route.method].flat().some((method) => !SAFE_METHODS.has(method))) route.preValidation = [csrf, ...[route.preValidation ?? []].flat()];
  });
}
