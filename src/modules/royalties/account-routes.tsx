/**
 * A creator's royalties in their account: the agreements they are party to (and accept), their
 * statements and history, one statement in HTML or CSV. A statement is visible to its creator and finance only.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { can, type Actor } from "../../platform/auth/permissions.ts";
import { IdParams } from "../../platform/console/schemas.ts";
import { notFound, unauthorized } from "../../platform/errors.ts";
import { Button, EmptyState, Form, LinkButton, PageHeader, Table } from "../../platform/web/components.tsx";
import { usePage } from "../../platform/web/page-context.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { productName, productNames } from "../products/index.ts";
import { acceptAgreement, agreementsOf, type Agreement } from "./agreements.ts";
import { draftConversions, statementConversion, type Conversion } from "./conversion.ts";
import { statementCsv } from "./csv-export.ts";
import { minorToDecimal } from "./rules.ts";
import { findStatement, listStatements, statementLines, type StatementLine, type StatementRow } from "./statements.ts";
import { ConversionNotice, Day, Money, PayoutAmount, Period, StatementLinesTable, StatementSummary, StatusBadge } from "./views/parts.tsx";

type MyAgreement = Agreement & { myShareBp: number; acceptedAt: Date | null; productName: string };

function MyRoyaltiesPage(props: { agreements: MyAgreement[]; statements: StatementRow[]; conversions: ReadonlyMap<number, Conversion> }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("royalties.mine.title")} lead={t("royalties.mine.lead")} />
      <h2>{t("royalties.mine.agreements")}</h2>
      {props.agreements.length === 0 ? (
        <EmptyState title={t("royalties.mine.noAgreements")} />
      ) : (
        <Table
          caption={t("royalties.mine.agreements")}
          rows={props.agreements}
          columns={[
            { label: t("royalties.agreement.product"), cell: (row) => <a href={`/products/${row.productId}`}>{row.productName}</a> },
            { label: t("royalties.agreement.rate"), cell: (row) => t("royalties.agreement.rateValue", { percent: minorToDecimal(row.rateBp, 2) }), numeric: true },
            { label: t("royalties.agreement.myShare"), cell: (row) => t("royalties.agreement.rateValue", { percent: minorToDecimal(row.myShareBp, 2) }), numeric: true },
            { label: t("royalties.agreement.from"), cell: (row) => <Day day={row.effectiveFrom} /> },
            { label: t("royalties.agreement.paidIn"), cell: (row) => row.currency ?? t("royalties.agreement.salesCurrency") },
            {
              label: t("royalties.agreement.acceptance"),
              cell: (row) =>
                row.acceptedAt ? (
                  t("royalties.agreement.accepted")
                ) : (
                  <Form action={`/account/royalties/agreements/${row.id}/accept`} class="inline-form" aria-label={t("royalties.agreement.acceptFor", { product: row.productName })}>
                    <Button size="small">{t("royalties.agreement.accept")}</Button>
                  </Form>
                ),
            },
          ]}
        />
      )}
      <h2>{t("royalties.mine.statements")}</h2>
      <Table
        caption={t("royalties.mine.statements")}
        rows={props.statements}
        empty={t("royalties.mine.noStatements")}
        columns={[
          { label: t("royalties.columns.period"), cell: (row) => <a href={`/account/royalties/statements/${row.id}`}><Period statement={row} /></a> },
          { label: t("royalties.columns.net"), cell: (row) => <Money minor={row.salesMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.royalty"), cell: (row) => <Money minor={row.royaltyMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.payout"), cell: (row) => <PayoutAmount statement={row} conversion={props.conversions.get(row.id)} />, numeric: true },
          { label: t("royalties.columns.status"), cell: (row) => <StatusBadge status={row.status} /> },
        ]}
      />
    </>
  );
}

function StatementPage(props: { statement: StatementRow; lines: StatementLine[]; conversion: Conversion | undefined }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("royalties.statement.title")} actions={<LinkButton href={`/account/royalties/statements/${props.statement.id}/csv`}>{t("royalties.statement.download")}</LinkButton>} />
      <StatementSummary statement={props.statement} conversion={props.conversion} />
      <ConversionNotice statement={props.statement} conversion={props.conversion} />
      <StatementLinesTable lines={props.lines} currency={props.statement.currency} conversion={props.conversion} />
    </>
  );
}

function signedIn(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** A statement that the actor may see: their own, or any for finance. Others' are 404, so ids reveal nothing. */
async function visibleStatement(request: FastifyRequest, id: number): Promise<StatementRow> {
  const actor = signedIn(request);
  const statement = await findStatement(request.server.hearth.db, id);
  if (!statement || (statement.accountId !== actor.id && !can(actor, "royalties.manage"))) throw notFound("statement_not_found", "royalties.statement.notFound");
  return statement;
}

/** Registers the creator's royalties pages. */
export async function royaltiesAccountRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const member = { access: "member" as const };

  app.get("/account/royalties", { config: member }, async (request, reply) => {
    const actor = signedIn(request);
    const [agreements, statements] = await Promise.all([agreementsOf(db, actor.id), listStatements(db, { accountId: actor.id, limit: 500, offset: 0 })]);
    const names = await productNames(db, agreements.map((agreement) => agreement.productId));
    const rows = agreements.map((agreement) => ({ ...agreement, productName: productName(names.get(agreement.productId) ?? {}, request.locale) }));
    const conversions = await draftConversions(db, statements);
    return sendPage(request, reply, <MyRoyaltiesPage agreements={rows} statements={statements} conversions={conversions} />, { title: request.t("royalties.mine.title") });
  });

  app.post("/account/royalties/agreements/:id/accept", { config: member, schema: { params: IdParams } }, async (request, reply) => {
    await acceptAgreement(db, signedIn(request), request.params.id, new Date(), request.ip);
    return redirectWithFlash(reply, "/account/royalties", { kind: "success", key: "royalties.agreement.acceptedFlash" });
  });

  app.get("/account/royalties/statements/:id", { config: member, schema: { params: IdParams } }, async (request, reply) => {
    const statement = await visibleStatement(request, request.params.id);
    const [lines, conversion] = await Promise.all([statementLines(db, statement.id), statementConversion(db, statement)]);
    return sendPage(request, reply, <StatementPage statement={statement} lines={lines} conversion={conversion} />, { title: request.t("royalties.statement.title") });
  });

  app.get("/account/royalties/statements/:id/csv", { config: member, schema: { params: IdParams } }, async (request, reply) => {
    const statement = await visibleStatement(request, request.params.id);
    const [lines, conversion] = await Promise.all([statementLines(db, statement.id), statementConversion(db, statement)]);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="royalty-statement-${statement.id}.csv"`)
      .send(statementCsv(statement, lines, conversion));
  });
}
