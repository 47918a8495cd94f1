/** The public product pages: the catalogue at /products and one product at /products/:id with its creators and idea. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { PageQuery } from "../../platform/console/paging.ts";
import { IdParams } from "../../platform/console/schemas.ts";
import { notFound } from "../../platform/errors.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { sendPage } from "../../platform/web/render.tsx";
import { listProducts, productDetail, productOfIdea } from "./store.ts";
import { ProductListPage, ProductPage } from "./views/pages.tsx";

addSiteNav({ href: "/products", labelKey: "products.nav", order: 150, more: true });

const PAGE_SIZE = 24;

export async function productsPageRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/products", { config: { anonymousCache: true }, schema: { querystring: Type.Object({ page: Type.Optional(PageQuery) }) } }, async (request, reply) => {
    const page = request.query.page ?? 1;
    const rows = await listProducts(db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    return sendPage(request, reply, <ProductListPage products={rows.slice(0, PAGE_SIZE)} page={page} hasNext={rows.length > PAGE_SIZE} />, { title: request.t("products.list.title") });
  });

  // From an approved idea's page to its product.
  app.get("/products/idea/:id", { schema: { params: IdParams } }, async (request, reply) => {
    const productId = await productOfIdea(db, request.params.id);
    if (productId === undefined) throw notFound("product_not_found", "products.errors.notFound");
    return reply.redirect(`/products/${productId}`, 302);
  });

  app.get("/products/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => {
    const product = await productDetail(db, request.params.id);
    if (!product) throw notFound("product_not_found", "products.errors.notFound");
    const name = product.names[request.locale] ?? Object.values(product.names)[0] ?? "";
    return sendPage(request, reply, <ProductPage product={product} name={name} />, { title: name });
  });
}
