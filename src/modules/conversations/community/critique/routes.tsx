/** Product critique pages for members, and its console pages for staff (with the purchases import). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { sendConsolePage } from "../../../../platform/console/index.ts";
import { IdParams, Text } from "../../../../platform/console/schemas.ts";
import { notFound, type FieldErrors } from "../../../../platform/errors.ts";
import { addConsoleNav, addSiteNav } from "../../../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../../../platform/web/render.tsx";
import type { Executor } from "../../../../platform/db/index.ts";
import { fieldFiles, fieldText, languageOf, memberOf, schemaErrors, withFieldErrors } from "../forms.ts";
import { MAX_PURCHASE_ROWS, readPurchases } from "../reviews/purchases-csv.ts";
import { importPurchases } from "../reviews/service.ts";
import { CritiqueConsolePage, CritiqueListPage, CritiquePage, CritiqueSummaryPage, PurchasesImportPage, type PreviewRow } from "../views/critique.tsx";
import { CommunityStylesheet } from "../views/shared.tsx";
import { answerPreview, ANSWER_MAX, createPreview, critiqueUrl, PREVIEW_MAX, PREVIEW_TITLE_MAX, summarizePreview } from "./service.ts";

addSiteNav({ href: "/critique", labelKey: "community.nav.critique", order: 140, more: true });
addConsoleNav({ href: "/console/critique", labelKey: "community.critique.console.nav", order: 300, action: "critique.manage" });
addConsoleNav({ href: "/console/reviews/purchases", labelKey: "community.purchases.nav", order: 310, action: "reviews.import" });

async function listPreviews(db: Executor, limit = 100): Promise<PreviewRow[]> {
  const rows = await db
    .selectFrom("critique_previews")
    .select(["id", "title", "body", "language", "questions", "image_file", "created_at", "closes_at", (eb) => eb.selectFrom("critique_responses").select((inner) => inner.fn.countAll<number>().as("n")).whereRef("critique_responses.preview_id", "=", "critique_previews.id").as("responses")])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, responses: Number(row.responses ?? 0) }));
}

async function findPreview(db: Executor, id: number): Promise<PreviewRow> {
  const row = (await db.selectFrom("critique_previews").select(["id", "title", "body", "language", "questions", "image_file", "created_at", "closes_at"]).where("id", "=", id).executeTakeFirst()) ?? null;
  if (!row) throw notFound("preview_not_found", "community.errors.previewNotFound");
  return { ...row, responses: 0 };
}

const AnswerBody = Type.Object(
  {
    rating: Type.String({ maxLength: 2 }),
    liked: Type.Optional(Text({ maxLength: ANSWER_MAX })),
    wouldChange: Type.Optional(Text({ maxLength: ANSWER_MAX })),
  },
  { additionalProperties: Text({ maxLength: ANSWER_MAX }), maxProperties: 20 },
);
const PreviewBody = Type.Object(
  { title: Text({ maxLength: PREVIEW_TITLE_MAX }), body: Text({ maxLength: PREVIEW_MAX }), language: Type.String({ maxLength: 5 }), questions: Type.Optional(Text({ maxLength: 4000 })), image: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);

export async function critiqueRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const head = <CommunityStylesheet />;

  app.get("/critique", { config: { anonymousCache: true } }, async (request, reply) =>
    sendPage(request, reply, <CritiqueListPage previews={await listPreviews(db)} />, { title: request.t("community.critique.title"), head }),
  );

  async function showPreview(request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, string>, errors?: FieldErrors, status = 200): Promise<FastifyReply> {
    const preview = await findPreview(db, id);
    const answered = request.actor ? (await db.selectFrom("critique_responses").select("id").where("preview_id", "=", id).where("member_id", "=", request.actor.id).executeTakeFirst()) !== undefined : false;
    const open = preview.closes_at === null || preview.closes_at > new Date();
    return sendPage(request, reply, <CritiquePage preview={preview} answered={answered} open={open} values={values} errors={errors} />, { title: preview.title, head, status });
  }

  app.get("/critique/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => showPreview(request, reply, request.params.id, {}));

  app.post("/critique/:id", { config: { access: "member" }, schema: { params: IdParams, body: AnswerBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(Object.keys(body).filter((key) => key !== "_csrf").map((key) => [key, fieldText(body, key, ANSWER_MAX)]));
    const errors = schemaErrors(request);
    if (errors) return showPreview(request, reply, id, values, errors, 400);
    const answers = Array.from({ length: 20 }, (_, index) => values[`answer${index}`] ?? "");
    const result = await withFieldErrors(() => answerPreview(db, actor, id, { rating: Number(values.rating || "0"), liked: values.liked ?? "", wouldChange: values.wouldChange ?? "", answers }));
    if (!result.ok) return showPreview(request, reply, id, values, result.errors, 400);
    return redirectWithFlash(reply, critiqueUrl(id), { kind: "success", key: "community.flash.critiqued" });
  });

  // ---- console ------------------------------------------------------------------------------

  const manage = { access: { action: "critique.manage" } };

  async function showConsole(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors, status = 200): Promise<FastifyReply> {
    return sendConsolePage(request, reply, <CritiqueConsolePage previews={await listPreviews(db)} values={values} errors={errors} />, { title: request.t("community.critique.console.title"), head, status });
  }

  app.get("/console/critique", { config: manage }, async (request, reply) => showConsole(request, reply, { language: request.locale }));

  app.post("/console/critique", { config: manage, schema: { body: PreviewBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const values = Object.fromEntries(["title", "body", "language", "questions"].map((name) => [name, fieldText(request.body, name)]));
    const errors = schemaErrors(request);
    if (errors) return showConsole(request, reply, values, errors, 400);
    const input = { title: values.title ?? "", body: values.body ?? "", language: languageOf(values.language ?? "", request.locale), questions: (values.questions ?? "").split(/\r?\n/) };
    const result = await withFieldErrors(() => createPreview(app.hearth, actor, input, fieldFiles(request.body, "image")[0] ?? null, { ip: request.ip }));
    if (!result.ok) return showConsole(request, reply, values, result.errors, 400);
    return redirectWithFlash(reply, `/console/critique/${result.value}`, { kind: "success", key: "community.flash.previewPosted" });
  });

  app.get("/console/critique/:id", { config: manage, schema: { params: IdParams } }, async (request, reply) => {
    const preview = await findPreview(db, request.params.id);
    return sendConsolePage(request, reply, <CritiqueSummaryPage preview={preview} summary={await summarizePreview(db, preview.id)} />, { title: preview.title, head });
  });

  const importer = { access: { action: "reviews.import" }, multipartOptions: { limits: { files: 1, fileSize: 10 * 1024 * 1024 } } };

  app.get("/console/reviews/purchases", { config: { access: { action: "reviews.import" } } }, async (request, reply) =>
    sendConsolePage(request, reply, <PurchasesImportPage />, { title: request.t("community.purchases.title"), head }),
  );

  app.post("/console/reviews/purchases", { config: importer, schema: { body: Type.Object({ file: Type.Optional(Type.Unknown()) }, { additionalProperties: false }) } }, async (request, reply) => {
    const actor = memberOf(request);
    const file = fieldFiles(request.body, "file")[0];
    const send = (props: Parameters<typeof PurchasesImportPage>[0], status: number) => sendConsolePage(request, reply, <PurchasesImportPage {...props} />, { title: request.t("community.purchases.title"), head, status });
    if (!file) return send({ errors: { file: { key: "errors.field.required" } } }, 400);
    const { rows, errors } = readPurchases(file.toString("utf8"));
    if (rows.length > MAX_PURCHASE_ROWS) return send({ errors: { file: { key: "community.purchases.tooMany", params: { max: MAX_PURCHASE_ROWS } } } }, 400);
    if (errors.length > 0) return send({ rowErrors: errors }, 400);
    const result = await importPurchases(db, actor, rows, { ip: request.ip, source: "csv" });
    if (result.unknownProducts.length > 0) return send({ errors: { file: { key: "community.purchases.unknownProducts", params: { ids: result.unknownProducts.slice(0, 20).join(", ") } } } }, 400);
    return send({ result }, 200);
  });
}
