/** The products JSON API under /api/v1: the public catalogue. */
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "typebox";
import { notFound } from "../../platform/errors.ts";
import { listProducts, productDetail, PRODUCT_STATUSES, type ProductRow } from "./store.ts";

const ProductJson = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: "In the request's language when the product has a name in it" }),
  names: Type.Record(Type.String(), Type.String()),
  skus: Type.Array(Type.String()),
  ideaId: Type.Optional(Type.Integer()),
  status: Type.Enum([...PRODUCT_STATUSES]),
  launchDate: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const PAGE = 100;

function present(row: ProductRow, locale: string): Static<typeof ProductJson> {
  return {
    id: row.id,
    name: row.names[locale] ?? Object.values(row.names)[0] ?? "",
    names: row.names,
    skus: row.skus,
    ...(row.ideaId === null ? {} : { ideaId: row.ideaId }),
    status: row.status,
    launchDate: row.launchDate,
    url: `/products/${row.id}`,
  };
}

export async function productsApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["products"];

  app.get("/api/v1/products", { schema: { tags, summary: "The product catalogue (100 a page)", querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(ProductJson) }) } } }, async (request) => {
    const page = (request.query as Static<typeof ListQuery>).page ?? 1;
    const rows = await listProducts(db, { limit: PAGE, offset: (page - 1) * PAGE });
    return { items: rows.map((row) => present(row, request.locale)) };
  });

  app.get("/api/v1/products/:id", { schema: { tags, summary: "One product", params: IdParams, response: { 200: ProductJson } } }, async (request) => {
    const { id } = request.params as Static<typeof IdParams>;
    const row = await productDetail(db, id);
    if (!row) throw notFound("product_not_found", "products.errors.notFound");
    return present(row, request.locale);
  });
}
