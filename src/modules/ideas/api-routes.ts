/** The ideas JSON API under /api/v1 (documented in the OpenAPI document from these schemas). */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { invalid, notFound, unauthorized } from "../../platform/errors.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { isPubliclyVisible } from "./policy.ts";
import { IdeaDetailJson, IdeaJson, presentIdea, presentIdeaDetail } from "./presenters.ts";
import { IDEA_STATES } from "./rules.ts";
import { createIdea, decideIdea, mergeIdeas, moderateIdea } from "./service.ts";
import { supportIdea, withdrawSupport } from "./supports.ts";
import { ideasSettings } from "./settings.ts";
import { findIdea, imagesOf, listIdeas, similarIdeas, SORTS } from "./store.ts";
import { addIdeaImages } from "./images.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });
const Supporters = Type.Object({ verified: Type.Integer(), pending: Type.Integer() });

export const IdeasListQuery = Type.Object(
  {
    sort: Type.Optional(literals(SORTS)),
    state: Type.Optional(literals(IDEA_STATES)),
    category: Type.Optional(Type.Integer({ minimum: 1 })),
    language: Type.Optional(literals(["en", "fa", "he"] as const)),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const IdeaCreateBody = Type.Object(
  {
    title: Type.String({ minLength: 5, maxLength: 120 }),
    body: Type.String({ minLength: 20, maxLength: 20_000 }),
    language: literals(["en", "fa", "he"] as const),
    categoryId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    acceptLicence: Type.Boolean(),
    submit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SupportBody = Type.Object(
  {
    wouldBuy: Type.Optional(literals(["yes", "maybe", "no"] as const)),
    priceBand: Type.Optional(literals(["under_25", "25_50", "50_100", "100_200", "over_200"] as const)),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);

/** Opaque list cursors: the offset of the next page. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match?.[1]) throw invalid("invalid_cursor", "ideas.errors.cursor", { cursor: { key: "ideas.errors.cursor" } });
  return Number(match[1]);
}

/** Hidden ideas (drafts, in moderation, rejected) exist only for their creator and moderators. */
export function assertVisible(actor: Actor | null, idea: { state: Static<typeof IdeaJson>["state"]; creator_id: number }): void {
  if (isPubliclyVisible(idea.state as never)) return;
  if (actor && (actor.id === idea.creator_id || can(actor, "ideas.moderate"))) return;
  throw notFound("idea_not_found", "ideas.errors.notFound");
}

function ip(request: FastifyRequest): { ip: string } {
  return { ip: request.ip };
}

export async function ideasApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["ideas"];

  app.get(
    "/api/v1/ideas",
    { schema: { tags, summary: "List ideas", querystring: IdeasListQuery, response: { 200: Type.Object({ items: Type.Array(IdeaJson), next: Type.Union([Type.String(), Type.Null()]) }) } } },
    async (request) => {
      const query = request.query as Static<typeof IdeasListQuery>;
      const settings = await readSetting(db, ideasSettings);
      const now = new Date();
      const offset = decodeCursor(query.cursor);
      const limit = query.limit ?? 20;
      const page = await listIdeas(db, settings.milestones, { sort: query.sort ?? "newest", state: query.state, categoryId: query.category, language: query.language, offset, limit, now });
      return { items: page.rows.map((row) => presentIdea(row, settings.milestones, now)), next: page.hasNext ? encodeCursor(offset + limit) : null };
    },
  );

  app.get(
    "/api/v1/ideas/similar",
    { schema: { tags, summary: "Ideas similar to a title", querystring: Type.Object({ title: Type.String({ maxLength: 200 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), url: Type.String(), supporters: Type.Integer() })) }) } } },
    async (request) => {
      const { title } = request.query as { title: string };
      const rows = await similarIdeas(db, title);
      return { items: rows.map((row) => ({ id: row.id, title: row.title, url: `/ideas/${row.id}`, supporters: row.verified_supporters })) };
    },
  );

  app.get("/api/v1/ideas/:id", { schema: { tags, summary: "One idea", params: IdParams, response: { 200: IdeaDetailJson, 404: ErrorJson } } }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    const row = await findIdea(db, id);
    if (!row) throw notFound("idea_not_found", "ideas.errors.notFound");
    assertVisible(request.actor, row);
    const settings = await readSetting(db, ideasSettings);
    return presentIdeaDetail(row, await imagesOf(db, id), settings.milestones, new Date());
  });

  app.post(
    "/api/v1/ideas",
    { config: { access: "member" }, schema: { tags, summary: "Submit an idea (or save a draft)", body: IdeaCreateBody, response: { 201: IdeaJson, 400: ErrorJson } } },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      const body = request.body as Static<typeof IdeaCreateBody>;
      const id = await createIdea(db, actor, { ...body, submit: body.submit ?? true });
      const row = await findIdea(db, id);
      const settings = await readSetting(db, ideasSettings);
      if (!row) throw notFound();
      return reply.status(201).send(presentIdea(row, settings.milestones, new Date()));
    },
  );

  app.post(
    "/api/v1/ideas/:id/images",
    { config: { access: "member" }, schema: { tags, summary: "Add images to an idea (multipart, field `images`)", params: IdParams, consumes: ["multipart/form-data"] } },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      const { id } = request.params as Static<typeof IdParams>;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const files = [body.images].flat().filter((value): value is Buffer => Buffer.isBuffer(value));
      const added = await addIdeaImages(app.hearth, actor, id, files);
      return { added };
    },
  );

  const supportResponse = Type.Object({ supported: Type.Boolean(), status: Type.Union([Type.Literal("verified"), Type.Literal("pending"), Type.Null()]), supporters: Supporters });

  app.put(
    "/api/v1/ideas/:id/support",
    { config: { access: "member" }, schema: { tags, summary: "Support an idea (idempotent)", params: IdParams, body: SupportBody, response: { 200: supportResponse, 409: ErrorJson } } },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      const { id } = request.params as Static<typeof IdParams>;
      const result = await supportIdea(db, actor, id, (request.body ?? {}) as Static<typeof SupportBody>);
      return { supported: true, status: result.status, supporters: result.counts };
    },
  );

  app.delete(
    "/api/v1/ideas/:id/support",
    { config: { access: "member" }, schema: { tags, summary: "Withdraw a support (idempotent)", params: IdParams, response: { 200: supportResponse, 409: ErrorJson } } },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized();
      const { id } = request.params as Static<typeof IdParams>;
      const counts = await withdrawSupport(db, actor, id);
      return { supported: false, status: null, supporters: counts };
    },
  );

  const ModerationBody = Type.Object({ decision: literals(["approve", "request_changes", "reject"] as const), note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false });
  app.post(
    "/api/v1/ideas/:id/moderation",
    { config: { access: { action: "ideas.moderate" } }, schema: { tags, summary: "Moderate a submitted idea", params: IdParams, body: ModerationBody } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as Static<typeof ModerationBody>;
      await moderateIdea(db, request.actor as Actor, id, body.decision, body.note ?? "", ip(request));
      return { ok: true };
    },
  );

  const DecisionBody = Type.Object(
    { decision: literals(["approved", "not_approved", "on_hold"] as const), publicNote: Type.Optional(Type.String({ maxLength: 5000 })), privateNote: Type.Optional(Type.String({ maxLength: 5000 })) },
    { additionalProperties: false },
  );
  app.post(
    "/api/v1/ideas/:id/decision",
    { config: { access: { action: "ideas.review" } }, schema: { tags, summary: "Record the review decision", params: IdParams, body: DecisionBody } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as Static<typeof DecisionBody>;
      return decideIdea(db, request.actor as Actor, id, body.decision, { publicNote: body.publicNote ?? "", privateNote: body.privateNote ?? "" }, ip(request));
    },
  );

  const MergeBody = Type.Object({ into: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
  app.post(
    "/api/v1/ideas/:id/merge",
    { config: { access: { action: "ideas.merge" } }, schema: { tags, summary: "Merge a duplicate into another idea", params: IdParams, body: MergeBody, response: { 200: Type.Object({ supporters: Supporters }) } } },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const { into } = request.body as Static<typeof MergeBody>;
      return { supporters: await mergeIdeas(db, request.actor as Actor, id, into, ip(request)) };
    },
  );
}
