/** Finance's console routes: overview and statement generation, CSV upload, exchange rates, statements (approve, pay, export), agreements. */
import { Readable } from "node:stream";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { fieldErrorsOf, textOf, validationErrors } from "../../../platform/auth/route-helpers.ts";
import { sendConsolePage } from "../../../platform/console/index.ts";
import { PageQuery } from "../../../platform/console/paging.ts";
import { IdParams } from "../../../platform/console/schemas.ts";
import { AppError, invalid, unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import { toAppError } from "../../../platform/http/errors.ts";
import type { Actor } from "../../../platform/auth/permissions.ts";
import { readSetting, writeSetting } from "../../../platform/settings/index.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { productName, productNames } from "../../products/index.ts";
import { changeAgreement, createAgreement, endAgreement, loadAgreements } from "../agreements.ts";
import { draftConversions } from "../conversion.ts";
import { statementsCsv } from "../csv-export.ts";
import { importSales, latestImports } from "../import.ts";
import { periodStart } from "../rules.ts";
import { royaltiesSettings } from "../settings.ts";
import { importRatesCsv, listRates, type RefusedRate } from "../rates.ts";
import { csvSource } from "../sources.ts";
import { approveStatement, generateStatements, listStatements, payStatement, totalsByCurrency, totalsByPayoutCurrency } from "../statements.ts";
import { AgreementsPage, ImportPage, OverviewPage, RatesPage, StatementsPage } from "./pages.tsx";

addConsoleNav({ href: "/console/royalties", labelKey: "royalties.console.nav", order: 410, action: "royalties.manage" });

const access = { action: "royalties.manage" };
const PAGE_SIZE = 50;
const StatusQuery = Type.Object({ status: Type.Optional(Type.Enum(["", "draft", "approved", "paid"])), page: Type.Optional(PageQuery) });
const PayBody = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 100, pattern: "^[^\\u0000]*$" }), paidOn: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }) }, { additionalProperties: false });
const SettingsBody = Type.Object({ period: Type.Enum(["monthly", "quarterly"]) }, { additionalProperties: false });
const GenerateBody = Type.Object({ period: Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }) }, { additionalProperties: false });
const DAY = "^\\d{4}-\\d{2}-\\d{2}$";
const ChangeBody = Type.Object({ day: Type.String({ pattern: DAY }), rateBp: Type.String({ pattern: "^[0-9]{1,5}$" }), shares: Type.Optional(Type.String({ maxLength: 4000, pattern: "^[^\\u0000]*$" })) }, { additionalProperties: false });
const EndBody = Type.Object({ day: Type.String({ pattern: DAY }) }, { additionalProperties: false });
const AgreementBody = Type.Object(
  {
    productId: Type.String({ pattern: "^[1-9][0-9]{0,14}$" }),
    rateBp: Type.String({ pattern: "^[0-9]{1,5}$" }),
    effectiveFrom: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }),
    effectiveTo: Type.String({ pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" }),
    shares: Type.Optional(Type.String({ maxLength: 4000, pattern: "^[^\\u0000]*$" })),
    /** The currency its creators are paid in; empty: each sales currency. */
    currency: Type.Optional(Type.String({ pattern: "^\\s*([A-Za-z]{3})?\\s*$" })),
  },
  { additionalProperties: false },
);
const RatesQuery = Type.Object({ page: Type.Optional(PageQuery) }, { additionalProperties: false });
const RATES_PAGE_SIZE = 100;

function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** Registers the royalties console. */
export async function royaltiesConsoleRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const title = (request: FastifyRequest) => request.t("royalties.console.title");

  const sendOverview = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors) => {
    const settings = await readSetting(db, royaltiesSettings);
    const [totals, payouts, imports] = await Promise.all([totalsByCurrency(db), totalsByPayoutCurrency(db), latestImports(db, 10)]);
    return sendConsolePage(request, reply, <OverviewPage totals={totals} payouts={payouts} imports={imports} currentPeriod={periodStart(new Date(), settings.period)} periodLength={settings.period} errors={errors} />, { title: title(request), status: errors ? 400 : 200 });
  };

  app.get("/console/royalties", { config: { access } }, (request, reply) => sendOverview(request, reply));

  app.post("/console/royalties/statements/generate", { config: { access }, schema: { body: GenerateBody }, attachValidation: true }, async (request, reply) => {
    const errors = validationErrors(request);
    if (errors) return sendOverview(request, reply, errors);
    const settings = await readSetting(db, royaltiesSettings);
    const period = periodStart(new Date(`${request.body.period}-01T00:00:00Z`), settings.period);
    await generateStatements(db, actorOf(request), period, settings.period, request.ip);
    return redirectWithFlash(reply, "/console/royalties/statements?status=draft", { kind: "success", key: "royalties.console.generated" });
  });

  app.post("/console/royalties/settings", { config: { access }, schema: { body: SettingsBody } }, async (request, reply) => {
    await writeSetting(db, royaltiesSettings, { period: request.body.period }, actorOf(request).id);
    return redirectWithFlash(reply, "/console/royalties", { kind: "success", key: "royalties.console.settingsSaved" });
  });

  // ---- import
  const sendImport = (request: FastifyRequest, reply: FastifyReply, options: { outcome?: Parameters<typeof ImportPage>[0]["outcome"]; message?: string; errors?: FieldErrors; status?: number } = {}) =>
    sendConsolePage(request, reply, <ImportPage outcome={options.outcome} message={options.message} errors={options.errors} />, { title: request.t("royalties.import.title"), status: options.status ?? 200 });

  app.get("/console/royalties/import", { config: { access } }, (request, reply) => sendImport(request, reply));

  app.post(
    "/console/royalties/import",
    {
      config: { access },
      // An upload over the size limit is answered on the import page, in words, with 413.
      errorHandler: (error, request, reply) => {
        const appError = toAppError(error);
        if (appError?.kind === "too_large") return sendImport(request, reply, { message: request.t("royalties.import.tooLarge", { mb: 5 }), status: 413 });
        throw error;
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return sendImport(request, reply, { errors: { file: { key: "royalties.import.noFile" } }, status: 400 });
      const filename = typeof body.filename === "string" ? body.filename : null;
      const result = await importSales(db, actorOf(request), csvSource(() => Readable.from([file])), { partial: body.partial === "on", filename, ip: request.ip });
      return sendImport(request, reply, { outcome: result, status: result.applied ? 200 : 422 });
    },
  );

  // ---- exchange rates: the kept ones, and the upload; refused lines are listed like a sales file's
  const sendRates = async (request: FastifyRequest, reply: FastifyReply, options: { page?: number; refused?: RefusedRate[]; message?: string; errors?: FieldErrors; status?: number } = {}) => {
    const page = options.page ?? 1;
    const rates = await listRates(db, { limit: RATES_PAGE_SIZE + 1, offset: (page - 1) * RATES_PAGE_SIZE });
    return sendConsolePage(request, reply, <RatesPage rates={rates.slice(0, RATES_PAGE_SIZE)} page={page} hasNext={rates.length > RATES_PAGE_SIZE} refused={options.refused} message={options.message} errors={options.errors} />, { title: request.t("royalties.rates.title"), status: options.status ?? 200 });
  };

  app.get("/console/royalties/rates", { config: { access }, schema: { querystring: RatesQuery } }, (request, reply) => sendRates(request, reply, { page: request.query.page ?? 1 }));

  app.post(
    "/console/royalties/rates",
    {
      config: { access },
      errorHandler: (error, request, reply) => {
        const appError = toAppError(error);
        if (appError?.kind === "too_large") return sendRates(request, reply, { message: request.t("royalties.import.tooLarge", { mb: 5 }), status: 413 });
        throw error;
      },
    },
    async (request, reply) => {
      const file = ((request.body ?? {}) as Record<string, unknown>).file;
      if (!Buffer.isBuffer(file) || file.length === 0) return sendRates(request, reply, { errors: { file: { key: "royalties.import.noFile" } }, status: 400 });
      const result = await importRatesCsv(db, actorOf(request), file.toString("utf8"), request.ip);
      if (!result.applied) return sendRates(request, reply, { refused: result.refused, status: 422 });
      return redirectWithFlash(reply, "/console/royalties/rates", { kind: "success", key: "royalties.rates.imported" });
    },
  );

  // ---- statements
  app.get("/console/royalties/statements", { config: { access }, schema: { querystring: StatusQuery } }, async (request, reply) => {
    const status = request.query.status || undefined;
    const page = request.query.page ?? 1;
    const rows = await listStatements(db, { ...(status ? { status } : {}), limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    const today = new Date().toISOString().slice(0, 10);
    const statements = rows.slice(0, PAGE_SIZE);
    const conversions = await draftConversions(db, statements);
    return sendConsolePage(request, reply, <StatementsPage statements={statements} conversions={conversions} status={status ?? ""} page={page} hasNext={rows.length > PAGE_SIZE} today={today} />, { title: title(request) });
  });

  app.get("/console/royalties/statements.csv", { config: { access } }, async (request, reply) => {
    const rows = await listStatements(db, { limit: 100_000, offset: 0 });
    const conversions = await draftConversions(db, rows);
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="royalty-statements.csv"').send(statementsCsv(rows, conversions));
  });

  const backToStatements = (reply: FastifyReply, key: string, kind: "success" | "error" = "success") => redirectWithFlash(reply, "/console/royalties/statements", { kind, key });

  app.post("/console/royalties/statements/:id/approve", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    try {
      await approveStatement(db, actorOf(request), request.params.id, new Date(), request.ip);
    } catch (error) {
      if (error instanceof AppError && error.kind === "conflict") return backToStatements(reply, error.messageKey, "error");
      throw error;
    }
    return backToStatements(reply, "royalties.console.approved");
  });

  app.post("/console/royalties/statements/:id/pay", { config: { access }, schema: { params: IdParams, body: PayBody }, attachValidation: true }, async (request, reply) => {
    if (validationErrors(request)) return backToStatements(reply, "royalties.statement.payInvalid", "error");
    try {
      await payStatement(db, actorOf(request), request.params.id, { reference: request.body.reference, paidOn: request.body.paidOn }, request.ip);
    } catch (error) {
      if (error instanceof AppError && (error.kind === "conflict" || error.kind === "invalid")) return backToStatements(reply, error.kind === "conflict" ? error.messageKey : "royalties.statement.payInvalid", "error");
      throw error;
    }
    return backToStatements(reply, "royalties.console.paid");
  });

  // ---- agreements
  const sendAgreements = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors) => {
    const byProduct = await loadAgreements(db);
    const products = await db.selectFrom("products").select(["id", "names"]).orderBy("id", "desc").limit(1000).execute();
    const agreements = [...byProduct.values()].flat();
    const names = await productNames(db, agreements.map((agreement) => agreement.productId));
    const accountIds = [...new Set(agreements.flatMap((agreement) => agreement.shares.map((share) => share.accountId)))];
    const accounts = accountIds.length === 0 ? [] : await db.selectFrom("accounts").select(["id", "name"]).where("id", "in", accountIds).execute();
    const accountNames = new Map(accounts.map((account) => [account.id, account.name]));
    const rows = agreements.map((agreement) => ({ ...agreement, productName: productName(names.get(agreement.productId) ?? {}, request.locale), names: accountNames }));
    const options = products.map((product) => ({ id: product.id, name: productName(product.names, request.locale) }));
    return sendConsolePage(request, reply, <AgreementsPage agreements={rows} products={options} values={values} today={new Date().toISOString().slice(0, 10)} errors={errors} />, { title: title(request), status: errors ? 400 : 200 });
  };

  /** Shares written one per line as "email basis-points"; empty means the product's creators in equal shares. */
  const sharesFromText = async (text: string): Promise<Array<{ accountId: number; shareBp: number }> | undefined> => {
    const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
    if (lines.length === 0) return undefined;
    const parsed = lines.map((line) => /^(\S+@\S+)\s+(\d{1,5})$/.exec(line));
    if (parsed.some((match) => match === null)) throw invalid("validation_failed", "errors.validation", { shares: { key: "royalties.agreement.sharesFormat" } });
    const emails = parsed.map((match) => (match?.[1] ?? "").toLowerCase());
    const accounts = await db.selectFrom("accounts").select(["id", "email"]).where("email", "in", emails).execute();
    const idOf = new Map(accounts.map((account) => [account.email, account.id]));
    const unknown = emails.find((email) => !idOf.has(email));
    if (unknown !== undefined) throw invalid("validation_failed", "errors.validation", { shares: { key: "royalties.agreement.sharesUnknown", params: { email: unknown.slice(0, 100) } } });
    return parsed.map((match, index) => ({ accountId: idOf.get(emails[index] ?? "") ?? 0, shareBp: Number(match?.[2]) }));
  };

  app.get("/console/royalties/agreements", { config: { access } }, (request, reply) => sendAgreements(request, reply, { rateBp: "100", effectiveFrom: new Date().toISOString().slice(0, 10) }));

  app.post("/console/royalties/agreements", { config: { access }, schema: { body: AgreementBody }, attachValidation: true }, async (request, reply) => {
    const values = Object.fromEntries(["productId", "rateBp", "effectiveFrom", "effectiveTo", "shares", "currency"].map((name) => [name, textOf(request.body, name)]));
    const errors = validationErrors(request);
    if (errors) return sendAgreements(request, reply, values, errors);
    const body = request.body;
    try {
      const shares = await sharesFromText(body.shares ?? "");
      const currency = (body.currency ?? "").trim().toUpperCase();
      await createAgreement(db, actorOf(request), { productId: Number(body.productId), rateBp: Number(body.rateBp), effectiveFrom: body.effectiveFrom, effectiveTo: body.effectiveTo === "" ? null : body.effectiveTo, currency: currency === "" ? null : currency, ...(shares ? { shares } : {}) }, request.ip);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return sendAgreements(request, reply, values, fields);
      if (error instanceof AppError && (error.kind === "conflict" || error.kind === "not_found")) return sendAgreements(request, reply, values, { productId: { key: error.messageKey } });
      throw error;
    }
    return redirectWithFlash(reply, "/console/royalties/agreements", { kind: "success", key: "royalties.agreement.created" });
  });

  // Changing terms or ending an agreement answers on the agreements page, in words, whatever went wrong.
  const afterChange = async (reply: FastifyReply, change: () => Promise<unknown>, done: string) => {
    try {
      await change();
    } catch (error) {
      const fields = fieldErrorsOf(error);
      const key = fields ? Object.values(fields)[0]?.key : error instanceof AppError && (error.kind === "conflict" || error.kind === "not_found") ? error.messageKey : undefined;
      if (key) return redirectWithFlash(reply, "/console/royalties/agreements", { kind: "error", key });
      throw error;
    }
    return redirectWithFlash(reply, "/console/royalties/agreements", { kind: "success", key: done });
  };

  app.post("/console/royalties/agreements/:id/change", { config: { access }, schema: { params: IdParams, body: ChangeBody }, attachValidation: true }, async (request, reply) => {
    if (validationErrors(request)) return redirectWithFlash(reply, "/console/royalties/agreements", { kind: "error", key: "royalties.agreement.changeInvalid" });
    const { day, rateBp, shares } = request.body;
    return afterChange(reply, async () => {
      const parsed = await sharesFromText(shares ?? "");
      await changeAgreement(db, actorOf(request), request.params.id, { day, rateBp: Number(rateBp), ...(parsed ? { shares: parsed } : {}) }, new Date(), request.ip);
    }, "royalties.agreement.changed");
  });

  app.post("/console/royalties/agreements/:id/end", { config: { access }, schema: { params: IdParams, body: EndBody }, attachValidation: true }, async (request, reply) => {
    if (validationErrors(request)) return redirectWithFlash(reply, "/console/royalties/agreements", { kind: "error", key: "royalties.agreement.changeDay" });
    return afterChange(reply, () => endAgreement(db, actorOf(request), request.params.id, request.body.day, new Date(), request.ip), "royalties.agreement.ended");
  });
}
