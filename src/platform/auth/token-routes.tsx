/** The member's API tokens page: create (the token is shown once) and revoke. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound, unauthorized, type FieldErrors } from "../errors.ts";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import { listApiTokens, revokeApiToken } from "./account-queries.ts";
import { requireBrowserSession, textOf, validationErrors } from "./route-helpers.ts";
import { EmptyBody, NameField } from "./schemas.ts";
import { isApiScope } from "./scopes.ts";
import { createApiToken } from "./sessions.ts";
import { TokensPage } from "./views/tokens-page.tsx";

const ScopeField = Type.String({ maxLength: 50 });
// A form sends one checked box as a string and several as an array.
const CreateTokenBody = Type.Object({ name: NameField, scopes: Type.Optional(Type.Union([ScopeField, Type.Array(ScopeField, { maxItems: 20 })])) }, { additionalProperties: false });
const TokenParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

function scopesOf(body: unknown): string[] {
  const value: unknown = body && typeof body === "object" ? (body as Record<string, unknown>).scopes : undefined;
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((scope): scope is string => typeof scope === "string"))];
}

interface TokensView {
  created?: { name: string; token: string };
  values?: { name: string; scopes: string[] };
  errors?: FieldErrors;
}

async function showTokens(request: FastifyRequest, reply: FastifyReply, view: TokensView = {}, status = 200) {
  if (!request.actor) throw unauthorized();
  const rows = await listApiTokens(request.server.hearth.db, request.actor.id);
  const tokens = rows.map((row) => ({ id: row.id, name: row.name, scopes: row.scopes, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at }));
  const page = <TokensPage tokens={tokens} created={view.created ?? null} values={view.values ?? { name: "", scopes: ["read"] }} errors={view.errors ?? null} />;
  return sendPage(request, reply, page, { title: request.t("auth.tokens.title"), status });
}

/** GET/POST /account/tokens, POST /account/tokens/:id/revoke. */
export async function tokenRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const member = { access: "member" as const };

  app.get("/account/tokens", { config: member, onRequest: requireBrowserSession }, async (request, reply) => showTokens(request, reply));

  app.post("/account/tokens", { schema: { body: CreateTokenBody }, attachValidation: true, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const values = { name: textOf(request.body, "name").trim(), scopes: scopesOf(request.body) };
    const errors: FieldErrors = validationErrors(request) ?? {};
    if (!values.name) errors.name ??= { key: "errors.field.required" };
    if (values.scopes.length === 0) errors.scopes ??= { key: "auth.tokens.scopesRequired" };
    else if (!values.scopes.every(isApiScope)) errors.scopes ??= { key: "errors.field.enum" };
    if (Object.keys(errors).length > 0) return showTokens(request, reply, { values, errors }, 400);
    const token = await createApiToken(db, request.actor.id, values.name, values.scopes);
    // The token appears on this response only; keep it out of caches and history.
    reply.header("cache-control", "no-store");
    return showTokens(request, reply, { created: { name: values.name, token } }, 201);
  });

  app.post("/account/tokens/:id/revoke", { schema: { params: TokenParams, body: EmptyBody }, config: member, onRequest: requireBrowserSession }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const revoked = await revokeApiToken(db, request.actor.id, request.params.id);
    if (!revoked) throw notFound();
    return redirectWithFlash(reply, "/account/tokens", { kind: "success", key: "auth.flash.tokenRevoked" });
  });
}
