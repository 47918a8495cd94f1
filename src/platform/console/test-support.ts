/**
 * Browsing the app as someone in integration tests: an account with roles, its session cookie, and
 * the CSRF cookie and token that forms carry.
 */
import type { LightMyRequestResponse } from "fastify";
import { createAccount, grantRole } from "../auth/accounts.ts";
import type { Role } from "../auth/permissions.ts";
import { createSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { CSRF_COOKIE } from "../http/security.ts";
import type { App } from "../http/app.ts";

let counter = 0;

/** Creates a verified account with the given staff roles; returns its id and email. */
export async function createPerson(app: App, options: { roles?: Role[]; name?: string; locale?: string; verified?: boolean } = {}): Promise<{ id: number; email: string }> {
  counter += 1;
  const email = `person${counter}-${Date.now()}@example.test`;
  const id = await createAccount(app.hearth.db, { email, name: options.name ?? `Person ${counter}`, locale: options.locale ?? null, verified: options.verified ?? true });
  for (const role of options.roles ?? []) await grantRole(app.hearth.db, id, role);
  return { id, email };
}

export interface Visitor {
  /** The Cookie header: session (when signed in) and CSRF seed. */
  cookie: string;
  /** The token that forms send as `_csrf`. */
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a form with the CSRF token. */
  post(url: string, form?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A browser for an account (or anonymous with null), with its CSRF token read from a rendered page. */
export async function visitor(app: App, accountId: number | null): Promise<Visitor> {
  const session = accountId === null ? null : await createSession(app.hearth.db, accountId, {});
  const sessionCookie = session ? `${SESSION_COOKIE}=${session}` : "";
  const page = await app.inject({ url: "/", headers: sessionCookie ? { cookie: sessionCookie } : {} });
  const seed = page.cookies.find((cookie) => cookie.name === CSRF_COOKIE)?.value;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!seed || !csrf) throw new Error("the home page did not set a CSRF cookie and token");
  const cookie = [sessionCookie, `${CSRF_COOKIE}=${seed}`].filter(Boolean).join("; ");
  return {
    cookie,
    csrf,
    get: (url, headers = {}) => app.inject({ url, headers: { cookie, ...headers } }),
    post: (url, form = {}) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
      }),
  };
}
