/** The search API: ranked results with snippets, and title suggestions for the search box. */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { SEARCH_TYPES } from "./index.ts";
import { snippetText } from "./rules.ts";
import { searchDocuments, suggestTitles } from "./store.ts";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({ maxLength: 200 }),
    type: Type.Optional(literals(SEARCH_TYPES)),
    product: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    language: Type.Optional(literals(["en", "fa", "he"] as const)),
    answered: Type.Optional(Type.Boolean()),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

const Hit = Type.Object({
  type: literals(SEARCH_TYPES),
  id: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  snippet: Type.String({ description: "plain text around the first match" }),
  language: Type.String(),
});

export async function searchApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["search"];

  app.get(
    "/api/v1/search",
    { schema: { tags, summary: "Search all content (questions, answers, discussions, reviews, creations, ideas)", querystring: SearchQuerySchema, response: { 200: Type.Object({ items: Type.Array(Hit), hasNext: Type.Boolean() }) } } },
    async (request) => {
      const query = request.query as Static<typeof SearchQuerySchema>;
      const result = await searchDocuments(db, {
        q: query.q,
        type: query.type,
        productId: query.product,
        tag: query.tag,
        language: query.language,
        answered: query.answered,
        offset: query.offset ?? 0,
        limit: query.limit ?? 20,
      });
      return {
        items: result.hits.map((hit) => ({ type: hit.type, id: hit.id, title: hit.title, url: hit.url, snippet: snippetText(hit.snippet), language: hit.language })),
        hasNext: result.hasNext,
      };
    },
  );

  app.get(
    "/api/v1/search/suggest",
    {
      schema: {
        tags,
        summary: "Titles that match what is being typed",
        querystring: Type.Object({ q: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ type: literals(SEARCH_TYPES), id: Type.Integer(), title: Type.String(), url: Type.String() })) }) },
      },
    },
    async (request) => {
      const { q } = request.query as { q: string };
      return { items: await suggestTitles(db, q) };
    },
  );
}
