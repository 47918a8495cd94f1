/** The creations gallery pages and their forms. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { PageQuery } from "../../../../platform/console/paging.ts";
import { IdParams, Text } from "../../../../platform/console/schemas.ts";
import type { FieldErrors } from "../../../../platform/errors.ts";
import { addSiteNav } from "../../../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../../../platform/web/render.tsx";
import { fieldFiles, fieldText, formId, languageOf, memberOf, schemaErrors, withFieldErrors } from "../forms.ts";
import { CollectionPage, CreationPage, GalleryPage, NewCreationPage } from "../views/creations.tsx";
import { CommunityStylesheet } from "../views/shared.tsx";
import { CREATION_SORTS, listCreations, loadCollection, loadCreation, productChoices } from "./queries.ts";
import { collectCreation, COLLECTION_NAME_MAX, CREATION_MAX, CREATION_TITLE_MAX, createCreation, creationUrl, featureCreation, likeCreation, madeThisToo, MAX_IMAGES_PER_CREATION, unlikeCreation } from "./service.ts";

addSiteNav({ href: "/creations", labelKey: "community.nav.creations", order: 130, more: true });

const PAGE_SIZE = 24;
const GalleryQuery = Type.Object({ sort: Type.Optional(Type.Enum([...CREATION_SORTS])), tag: Type.Optional(Type.String({ maxLength: 30 })), page: Type.Optional(PageQuery) });
const CreationFormBody = Type.Object(
  {
    title: Text({ maxLength: CREATION_TITLE_MAX }),
    body: Text({ maxLength: CREATION_MAX }),
    language: Type.String({ maxLength: 5 }),
    tags: Type.Optional(Text({ maxLength: 300 })),
    productId: Type.Optional(Type.String({ maxLength: 20 })),
    // Files arrive as buffers; they are checked by the service (images by sharp, the route by the GPX parser).
    images: Type.Optional(Type.Unknown()),
    gpx: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
const CollectBody = Type.Object({ collectionId: Type.String({ maxLength: 20 }), name: Type.Optional(Type.String({ maxLength: COLLECTION_NAME_MAX * 2 })) }, { additionalProperties: false });
const FeatureBody = Type.Object({ featured: Type.Enum(["true", "false"]) }, { additionalProperties: false });
const Empty = Type.Object({}, { additionalProperties: false });

export async function creationPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const head = <CommunityStylesheet />;

  app.get("/creations", { config: { anonymousCache: true }, schema: { querystring: GalleryQuery } }, async (request, reply) => {
    const sort = request.query.sort ?? "recent";
    const tag = (request.query.tag ?? "").trim().toLocaleLowerCase();
    const page = request.query.page ?? 1;
    const list = await listCreations(db, { sort, tag: tag || undefined }, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    return sendPage(request, reply, <GalleryPage creations={list.rows} sort={sort} tag={tag} page={page} hasNext={list.hasNext} />, { title: request.t("community.creations.title"), description: request.t("community.creations.lead"), head });
  });

  async function showForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors, status = 200): Promise<FastifyReply> {
    return sendPage(request, reply, <NewCreationPage products={await productChoices(db)} values={values} errors={errors} />, { title: request.t("community.creations.share"), head, status });
  }

  app.get("/creations/new", { config: { access: "member" } }, async (request, reply) => showForm(request, reply, { language: request.locale }));

  app.post("/creations/new", { config: { access: "member", multipartOptions: { limits: { files: MAX_IMAGES_PER_CREATION + 2 } } }, schema: { body: CreationFormBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const values = Object.fromEntries(["title", "body", "language", "tags", "productId"].map((name) => [name, fieldText(request.body, name)]));
    const errors = schemaErrors(request);
    if (errors) return showForm(request, reply, values, errors, 400);
    const gpx = fieldFiles(request.body, "gpx")[0] ?? null;
    const input = { title: values.title ?? "", body: values.body ?? "", language: languageOf(values.language ?? "", request.locale), tags: values.tags ?? "", productId: formId(values.productId ?? ""), gpx };
    const result = await withFieldErrors(() => createCreation(app.hearth, actor, input, fieldFiles(request.body, "images")));
    if (!result.ok) return showForm(request, reply, values, result.errors, 400);
    const key = result.value.pending ? "community.flash.pending" : "community.flash.shared";
    return redirectWithFlash(reply, creationUrl(result.value.id), { kind: "success", key });
  });

  app.get("/creations/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => {
    const creation = await loadCreation(db, request.params.id, request.actor);
    return sendPage(request, reply, <CreationPage creation={creation} />, { title: creation.title, head });
  });

  app.get("/creations/collections/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => {
    const collection = await loadCollection(db, request.params.id);
    return sendPage(request, reply, <CollectionPage collection={collection} />, { title: collection.name, head });
  });

  const member = { access: "member" as const };
  app.post("/creations/:id/like", { config: member, schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    await likeCreation(db, memberOf(request), request.params.id);
    return reply.redirect(creationUrl(request.params.id), 303);
  });
  app.post("/creations/:id/unlike", { config: member, schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    await unlikeCreation(db, memberOf(request), request.params.id);
    return reply.redirect(creationUrl(request.params.id), 303);
  });
  app.post("/creations/:id/made-too", { config: member, schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    await madeThisToo(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, creationUrl(request.params.id), { kind: "success", key: "community.flash.madeToo" });
  });
  app.post("/creations/:id/collect", { config: member, schema: { params: IdParams, body: CollectBody } }, async (request, reply) => {
    const chosen = formId(request.body.collectionId);
    const collectionId = await collectCreation(db, memberOf(request), request.params.id, chosen === null ? { name: request.body.name ?? "" } : { collectionId: chosen });
    return redirectWithFlash(reply, `/creations/collections/${collectionId}`, { kind: "success", key: "community.flash.collected" });
  });
  app.post("/creations/:id/feature", { config: { access: { action: "creations.feature" } }, schema: { params: IdParams, body: FeatureBody } }, async (request, reply) => {
    await featureCreation(db, memberOf(request), request.params.id, request.body.featured === "true", { ip: request.ip });
    return redirectWithFlash(reply, creationUrl(request.params.id), { kind: "success", key: "community.flash.featured" });
  });
}
