/** Types that the HTTP layer adds to Fastify: the app's services, the request's actor and locale, route access rules. */
import type { Actor } from "../auth/permissions.ts";
import type { Config } from "../config.ts";
import type { Db, DatabaseKind } from "../db/index.ts";
import type { Locale, Translate } from "../i18n/index.ts";

/** What every route and service can reach through `app.hearth`. */
export interface Hearth {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
}

/**
 * Who may call a route, checked before the body is read:
 * - "public" (default): anyone;
 * - "member": a signed-in account;
 * - { action }: an account allowed to perform the action (permissions.ts).
 * API tokens must also carry `scope` (default "read" for GET/HEAD, "write" otherwise).
 */
export type Access = "public" | "member" | { action: string };

/** One registered route, as listed in `app.routeTable` (tests walk it to check every route). */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  hasBody: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    hearth: Hearth;
    routeTable: RouteInfo[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    /** How the actor was identified. */
    authMethod: "session" | "token" | null;
    locale: Locale;
    t: Translate;
    /** The CSRF token for forms on this page (sets the CSRF cookie when needed). */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    access?: Access;
    scope?: string;
    /** Serve this GET page to anonymous visitors from a cache of a few seconds (page-cache.ts). */
    anonymousCache?: boolean;
    /** Skip the CSRF check: only for routes that verify their own signed token (e.g. one-click unsubscribe). */
    csrfExempt?: boolean;
  }
}
