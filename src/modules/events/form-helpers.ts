/** What the events pages' routes share: the signed-in member, a form's text values, a form's error, uploaded files. */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/permissions.ts";
import { AppError, unauthorized } from "../../platform/errors.ts";

/** The non-empty files of a multipart field. */
export function uploadedFiles(body: unknown, name: string): Buffer[] {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return [value].flat().filter((item): item is Buffer => Buffer.isBuffer(item) && item.length > 0);
}

/** The signed-in member (the route's access rule already asked for one). */
export function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** A form's text fields, for showing it again (anything else reads as empty). */
export function textValues<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const source = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((name) => [name, typeof source[name] === "string" ? (source[name] as string).slice(0, 20_000) : ""])) as Record<K, string>;
}

/** An error a form shows beside itself (invalid input or a refused rule); anything else is rethrown. */
export function formError(request: FastifyRequest, error: unknown): { errors: AppError["fields"]; message: string } {
  if (error instanceof AppError && ["invalid", "forbidden", "conflict"].includes(error.kind)) return { errors: error.fields, message: request.t(error.messageKey, error.params) };
  throw error;
}
