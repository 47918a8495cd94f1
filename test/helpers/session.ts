/**
 * Signed-in test clients without going through the sign-in form: an account with roles, a session
 * cookie and a CSRF token, ready for `app.inject`.
 */
import type { App } from "../../src/platform/http/app.ts";
import { createAccount, grantRole } from "../../src/platform/auth/accounts.ts";
import { createApiToken, createSession, SESSION_COOKIE } from "../../src/platform/auth/sessions.ts";
import type { Role } from "../../src/platform/auth/permissions.ts";

export interface Client {
  accountId: number;
  email: string;
  /** Cookie header value with the session and CSRF cookies. */
  cookie: string;
  csrf: string;
  /** Headers for a state-changing JSON request from this browser session. */
  headers: Record<string, string>;
}

let counter = 0;

/** Reads the CSRF cookie and the form token from any page. */
export async function csrfFor(app: App, cookie = ""): Promise<{ cookie: string; token: string }> {
  const page = await app.inject({ url: "/", headers: cookie ? { cookie } : {} });
  const setCookie = [page.headers["set-cookie"] ?? []].flat().find((value) => value.startsWith("hearth_csrf="));
  const csrfCookie = setCookie ? setCookie.split(";")[0] ?? "" : (cookie.split("; ").find((part) => part.startsWith("hearth_csrf=")) ?? "");
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrfCookie || !token) throw new Error("no CSRF token on the home page");
  return { cookie: csrfCookie, token };
}

/** Creates a verified account with the given roles and a signed-in session. */
export async function signedInClient(app: App, roles: Role[] = [], options: { verified?: boolean; locale?: string } = {}): Promise<Client> {
  const { db } = app.hearth;
  counter += 1;
  const email = `user${counter}-${Date.now()}@example.test`;
  const accountId = await createAccount(db, { email, name: `Test User ${counter}`, password: "correct horse battery", verified: options.verified ?? true, locale: options.locale });
  for (const role of roles) await grantRole(db, accountId, role);
  const token = await createSession(db, accountId, {});
  const session = `${SESSION_COOKIE}=${token}`;
  const csrf = await csrfFor(app, session);
  const cookie = `${session}; ${csrf.cookie}`;
  return { accountId, email, cookie, csrf: csrf.token, headers: { cookie, "x-csrf-token": csrf.token } };
}

/** An API token for a new account with the given roles and scopes. */
export async function apiToken(app: App, roles: Role[], scopes: string[]): Promise<{ accountId: number; token: string }> {
  const client = await signedInClient(app, roles);
  return { accountId: client.accountId, token: await createApiToken(app.hearth.db, client.accountId, "test", scopes) };
}
