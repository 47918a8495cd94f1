/** The session cookie: starting a browser session for a request, and ending it. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Executor } from "../db/index.ts";
import { createSession, endSession, SESSION_COOKIE, SESSION_DAYS } from "./sessions.ts";

/** Where a session comes from, as shown on the account page. */
export function requestMeta(request: FastifyRequest): { userAgent: string | undefined; ip: string } {
  return { userAgent: request.headers["user-agent"], ip: request.ip };
}

function cookieOptions(request: FastifyRequest) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure: request.server.hearth.config.secureCookies };
}

/**
 * Signs the account in on this browser. A session the browser already had is ended first,
 * so a session planted before sign-in cannot ride along (session fixation).
 */
export async function startBrowserSession(db: Executor, request: FastifyRequest, reply: FastifyReply, accountId: number): Promise<void> {
  if (request.sessionId) await endSession(db, request.sessionId);
  const token = await createSession(db, accountId, requestMeta(request));
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), maxAge: SESSION_DAYS * 86_400 });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}
