/** The royalties JSON API under /api/v1: the sales batch import, exchange rates and finance's totals. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import type { Actor } from "../../platform/auth/permissions.ts";
import { AppError, invalid, unauthorized, type FieldErrors } from "../../platform/errors.ts";
import { errorBody } from "../../platform/http/errors.ts";
import { importSales, type RefusedLine } from "./import.ts";
import { importRates, listRates, RATE_COLUMNS, type RefusedRate } from "./rates.ts";
import { rateToDecimal } from "./rules.ts";
import { batchSource } from "./sources.ts";
import { totalsByCurrency } from "./statements.ts";

/** Lines in one API batch; larger sets go in several batches or a CSV file. */
export const MAX_BATCH_LINES = 10_000;

const ErrorJson = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }) });

export const SalesLineJson = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 100, description: "Your id of the line; importing it again changes nothing" }),
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    quantity: Type.Integer({ description: "Negative for a return (with refundOf)" }),
    netAmountMinor: Type.Integer({ description: "Net amount in minor units of the currency (cents); negative for a return" }),
    currency: Type.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217" }),
    soldAt: Type.String({ description: "ISO 8601 date or date-time with a zone" }),
    refundOf: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "externalId of the sale this line refunds" })),
  },
  { additionalProperties: false },
);

export const SalesBatchBody = Type.Object({ lines: Type.Array(SalesLineJson, { minItems: 1, maxItems: MAX_BATCH_LINES }) }, { additionalProperties: false });
const SalesQuery = Type.Object({ partial: Type.Optional(Type.Boolean({ description: "Apply the good lines and list the refused ones instead of refusing the batch" })) }, { additionalProperties: false });
const ImportJson = Type.Object({
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  refused: Type.Optional(Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() }))),
});

const Currency = Type.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217" });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });

export const RateJson = Type.Object(
  {
    currency: Currency,
    toCurrency: { ...Currency, description: "ISO 4217; one unit of currency is worth rate units of it" },
    rate: Type.String({ pattern: "^[0-9]{1,12}(\\.[0-9]{1,8})?$", description: "A decimal above zero with up to 8 decimal places, as a string (never a float): \"0.91234567\"" }),
    validOn: { ...Day, description: "The day (UTC) the rate is valid from, until the next rate of the pair" },
  },
  { additionalProperties: false },
);
const RatesBody = Type.Object({ lines: Type.Array(RateJson, { minItems: 1, maxItems: MAX_BATCH_LINES }) }, { additionalProperties: false });
const RatesQuery = Type.Object(
  {
    currency: Type.Optional(Currency),
    toCurrency: Type.Optional(Currency),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);

/** Refused lines as API field errors: `lines[3].currency`. */
function lineFields(refused: ReadonlyArray<RefusedLine | RefusedRate>): FieldErrors {
  const fields: FieldErrors = {};
  for (const line of refused) fields[`lines[${line.line}].${line.field === "line" ? "line" : line.field}`] ??= { key: line.key, ...(line.params ? { params: line.params } : {}) };
  return fields;
}

function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export async function royaltiesApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  const tags = ["royalties"];

  app.post(
    "/api/v1/sales",
    {
      config: { access: { action: "royalties.manage" }, scope: "sales:import" },
      bodyLimit: 8 * 1024 * 1024,
      // Type errors in lines are reported line by line (422) by the import's own checks, like any other bad line.
      attachValidation: true,
      schema: { tags, summary: "Import a batch of sales lines (idempotent by externalId)", querystring: SalesQuery, body: SalesBatchBody, response: { 200: ImportJson, 422: ErrorJson } },
    },
    async (request, reply) => {
      if (request.validationError && request.validationError.validationContext !== "body") throw request.validationError;
      const body = request.body as { lines?: unknown } | undefined;
      if (!body || typeof body !== "object" || !Array.isArray(body.lines) || body.lines.length === 0) throw invalid("validation_failed", "errors.validation", { lines: { key: "royalties.api.lines" } });
      if (body.lines.length > MAX_BATCH_LINES) throw invalid("validation_failed", "errors.validation", { lines: { key: "royalties.api.tooMany", params: { max: MAX_BATCH_LINES } } });
      const { partial } = request.query as Static<typeof SalesQuery>;
      const result = await importSales(db, actorOf(request), batchSource(body.lines), { partial: partial === true, ip: request.ip });
      if (!result.applied) {
        const error = new AppError("invalid", "lines_refused", "royalties.import.refused", { count: result.refusedCount }, lineFields(result.refused));
        return reply.status(422).send(errorBody(request, error));
      }
      const refused = result.refused.map((line) => ({ line: line.line, field: line.field, message: request.t(line.key, line.params) }));
      return { imported: result.imported, duplicates: result.duplicates, ...(refused.length > 0 ? { refused } : {}) };
    },
  );

  app.get(
    "/api/v1/royalties/summary",
    {
      config: { access: { action: "royalties.manage" } },
      schema: { tags, summary: "Net sales and royalties per currency", response: { 200: Type.Object({ totals: Type.Array(Type.Object({ currency: Type.String(), salesMinor: Type.Integer(), royaltyMinor: Type.Integer() })) }) } },
    },
    async () => {
      const totals = await totalsByCurrency(db);
      return { totals: totals.map((row) => ({ currency: row.currency, salesMinor: row.salesMinor, royaltyMinor: row.royaltyMinor })) };
    },
  );

  app.get(
    "/api/v1/royalties/rates",
    {
      config: { access: { action: "royalties.manage" } },
      schema: {
        tags,
        summary: "Exchange rates kept, by pair and newest day first",
        querystring: RatesQuery,
        response: { 200: Type.Object({ items: Type.Array(RateJson), nextOffset: Type.Optional(Type.Integer()) }) },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof RatesQuery>;
      const limit = query.limit ?? 100;
      const offset = query.offset ?? 0;
      const rates = await listRates(db, { ...(query.currency ? { currency: query.currency } : {}), ...(query.toCurrency ? { toCurrency: query.toCurrency } : {}), limit: limit + 1, offset });
      const items = rates.slice(0, limit).map((rate) => ({ currency: rate.currency, toCurrency: rate.toCurrency, rate: rateToDecimal(rate.rateScaled), validOn: rate.validOn }));
      return { items, ...(rates.length > limit ? { nextOffset: offset + limit } : {}) };
    },
  );

  app.post(
    "/api/v1/royalties/rates",
    {
      config: { access: { action: "royalties.manage" } },
      // Type errors in lines are reported line by line (422), like a rate the import refuses.
      attachValidation: true,
      schema: { tags, summary: "Import exchange rates, all or nothing (the same rate again changes nothing)", body: RatesBody, response: { 200: Type.Object({ imported: Type.Integer() }), 422: ErrorJson } },
    },
    async (request, reply) => {
      if (request.validationError && request.validationError.validationContext !== "body") throw request.validationError;
      const body = request.body as { lines?: unknown } | undefined;
      if (!body || typeof body !== "object" || !Array.isArray(body.lines) || body.lines.length === 0) throw invalid("validation_failed", "errors.validation", { lines: { key: "royalties.api.rateLines" } });
      if (body.lines.length > MAX_BATCH_LINES) throw invalid("validation_failed", "errors.validation", { lines: { key: "royalties.api.tooMany", params: { max: MAX_BATCH_LINES } } });
      // Lines that are not rates, or carry fields a rate has not, are refused with the others.
      const odd: RefusedRate[] = [];
      const input: Array<{ line: number; raw: Record<string, unknown> }> = [];
      body.lines.forEach((raw: unknown, line) => {
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return odd.push({ line, field: "line", key: "royalties.line.notObject" });
        for (const field of Object.keys(raw)) if (!(field in RATE_COLUMNS)) odd.push({ line, field: "line", key: "royalties.line.unknownField", params: { field: field.slice(0, 40) } });
        return input.push({ line, raw: raw as Record<string, unknown> });
      });
      const result = await importRates(db, actorOf(request), input, request.ip, odd);
      if (!result.applied) {
        const error = new AppError("invalid", "lines_refused", "royalties.rates.refused", { count: result.refused.length }, lineFields(result.refused));
        return reply.status(422).send(errorBody(request, error));
      }
      return { imported: result.imported };
    },
  );
}
