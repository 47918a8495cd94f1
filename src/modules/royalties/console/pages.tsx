/** The finance pages of the console: overview, sales import, statements, agreements. */
import { FilterTabs } from "../../../platform/console/filter-tabs.tsx";
import type { FieldErrors } from "../../../platform/errors.ts";
import { Button, ErrorSummary, Field, FieldShell, fieldControl, Form, LinkButton, PageHeader, Pagination, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { Agreement } from "../agreements.ts";
import type { Conversion } from "../conversion.ts";
import type { ImportSummary, RefusedLine } from "../import.ts";
import { RATE_COLUMNS, type KeptRate, type RefusedRate } from "../rates.ts";
import { CSV_COLUMNS, minorToDecimal, type PeriodLength } from "../rules.ts";
import type { CurrencyTotals, PayoutTotals, StatementRow } from "../statements.ts";
import { Day, Money, PayoutAmount, Period, StatusBadge, useRateText } from "../views/parts.tsx";

function Tabs() {
  const { t, path } = usePage();
  const tabs = [
    ["/console/royalties", "royalties.console.overview"],
    ["/console/royalties/import", "royalties.console.import"],
    ["/console/royalties/rates", "royalties.rates.title"],
    ["/console/royalties/statements", "royalties.console.statements"],
    ["/console/royalties/agreements", "royalties.console.agreements"],
  ] as const;
  return <FilterTabs label={t("royalties.console.title")} tabs={tabs.map(([href, key]) => ({ href, label: t(key), current: path === href }))} />;
}

/** The opening of an upload page: its title, the tabs, and what went wrong with the last upload, if anything. */
function UploadPageOpening(props: { title: string; message?: string | undefined }) {
  return (
    <>
      <PageHeader title={props.title} />
      <Tabs />
      {props.message ? (
        <div class="alert alert--error" role="alert">
          <p>{props.message}</p>
        </div>
      ) : null}
    </>
  );
}

/** Totals per currency, statement generation, the latest imports. */
export function OverviewPage(props: { totals: CurrencyTotals[]; payouts: PayoutTotals[]; imports: ImportSummary[]; currentPeriod: string; periodLength: PeriodLength; errors?: FieldErrors | undefined }) {
  const { t, formatDate } = usePage();
  const length = { field: "length", label: t("royalties.console.periodLength"), hint: t("royalties.console.periodLengthHint") };
  return (
    <>
      <PageHeader title={t("royalties.console.title")} actions={<LinkButton href="/console/royalties/statements.csv">{t("royalties.console.export")}</LinkButton>} />
      <Tabs />
      <h2>{t("royalties.console.totals")}</h2>
      <Table
        caption={t("royalties.console.totals")}
        rows={props.totals}
        empty={t("royalties.console.noSales")}
        columns={[
          { label: t("royalties.columns.currency"), cell: (row) => row.currency },
          { label: t("royalties.columns.net"), cell: (row) => <Money minor={row.salesMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.royalty"), cell: (row) => <Money minor={row.royaltyMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.paid"), cell: (row) => <Money minor={row.paidMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.outstanding"), cell: (row) => <Money minor={row.outstandingMinor} currency={row.currency} />, numeric: true },
        ]}
      />
      <h2>{t("royalties.console.payoutTotals")}</h2>
      <p class="hint">{t("royalties.console.payoutTotalsHint")}</p>
      <Table
        caption={t("royalties.console.payoutTotals")}
        rows={props.payouts}
        empty={t("royalties.console.noPayouts")}
        columns={[
          { label: t("royalties.columns.payoutCurrency"), cell: (row) => row.currency },
          { label: t("royalties.columns.toPay"), cell: (row) => <Money minor={row.approvedMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.paid"), cell: (row) => <Money minor={row.paidMinor} currency={row.currency} />, numeric: true },
        ]}
      />
      <h2>{t("royalties.console.generate")}</h2>
      <Form action="/console/royalties/statements/generate" aria-label={t("royalties.console.generate")}>
        <ErrorSummary errors={props.errors} />
        <Field name="period" type="month" label={t("royalties.console.period")} hint={t("royalties.console.periodHint")} value={props.currentPeriod.slice(0, 7)} errors={props.errors} />
        <Button>{t("royalties.console.generateButton")}</Button>
      </Form>
      <Form action="/console/royalties/settings" aria-label={t("royalties.console.periodLength")}>
        <FieldShell {...length}>
          <select {...fieldControl(length, "period")}>
            {(["monthly", "quarterly"] as const).map((value) => (
              <option value={value} selected={value === props.periodLength}>
                {t(`royalties.console.periodLengths.${value}`)}
              </option>
            ))}
          </select>
        </FieldShell>
        <Button variant="secondary">{t("royalties.console.saveSettings")}</Button>
      </Form>
      <h2>{t("royalties.console.imports")}</h2>
      <Table
        caption={t("royalties.console.imports")}
        rows={props.imports}
        empty={t("royalties.console.noImports")}
        columns={[
          { label: t("royalties.columns.date"), cell: (row) => formatDate(row.createdAt, { time: true }) },
          { label: t("royalties.columns.source"), cell: (row) => <bdi>{row.filename ?? row.source}</bdi> },
          { label: t("royalties.columns.imported"), cell: (row) => String(row.imported), numeric: true },
          { label: t("royalties.columns.duplicates"), cell: (row) => String(row.duplicates), numeric: true },
          { label: t("royalties.columns.refused"), cell: (row) => String(row.refused), numeric: true },
        ]}
      />
    </>
  );
}

export interface ImportOutcome {
  applied: boolean;
  imported: number;
  duplicates: number;
  refusedCount: number;
  refused: RefusedLine[];
}

/** The upload form, and the outcome of the last upload: what was imported, and every refused line. */
export function ImportPage(props: { outcome?: ImportOutcome | undefined; message?: string | undefined; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const outcome = props.outcome;
  const file = { field: "file", label: t("royalties.import.file"), hint: t("royalties.import.fileHint", { columns: Object.values(CSV_COLUMNS).join(", ") }), errors: props.errors };
  return (
    <>
      <UploadPageOpening title={t("royalties.import.title")} message={props.message} />
      {outcome ? (
        <div class={outcome.applied ? "alert alert--success" : "alert alert--error"} role={outcome.applied ? "status" : "alert"} id="import-outcome">
          <p>
            {outcome.applied
              ? t("royalties.import.done", { imported: outcome.imported, duplicates: outcome.duplicates, refused: outcome.refusedCount })
              : t("royalties.import.refused", { count: outcome.refusedCount })}
          </p>
        </div>
      ) : null}
      {outcome && outcome.refused.length > 0 ? <RefusedLines rows={outcome.refused} column={(field) => (field === "line" ? null : CSV_COLUMNS[field])} /> : null}
      <Form action="/console/royalties/import" enctype="multipart/form-data" aria-label={t("royalties.import.title")}>
        <ErrorSummary errors={props.errors} />
        <FieldShell {...file}>
          <input {...fieldControl(file, "file")} type="file" accept=".csv,text/csv" />
        </FieldShell>
        <div class="field">
          <label>
            <input type="checkbox" name="partial" value="on" /> {t("royalties.import.partial")}
          </label>
        </div>
        <Button>{t("royalties.import.submit")}</Button>
      </Form>
    </>
  );
}

/** Refused lines of an upload: line number, CSV column, and why. */
function RefusedLines<Field extends string>(props: { rows: ReadonlyArray<{ line: number; field: Field; key: string; params?: Record<string, string | number> | undefined }>; column: (field: Field) => string | null }) {
  const { t } = usePage();
  return (
    <Table
      caption={t("royalties.import.refusedLines")}
      rows={[...props.rows]}
      columns={[
        { label: t("royalties.columns.line"), cell: (row) => String(row.line), numeric: true },
        { label: t("royalties.columns.column"), cell: (row) => <bdi>{props.column(row.field) ?? "—"}</bdi> },
        { label: t("royalties.columns.reason"), cell: (row) => t(row.key, row.params) },
      ]}
    />
  );
}

/** The exchange rates kept, newest day first per pair, next to the form that imports more. */
export function RatesPage(props: { rates: KeptRate[]; page: number; hasNext: boolean; refused?: RefusedRate[] | undefined; message?: string | undefined; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const rateText = useRateText();
  const ratesFile = { field: "file", label: t("royalties.rates.file"), hint: t("royalties.rates.fileHint"), errors: props.errors };
  return (
    <>
      <UploadPageOpening title={t("royalties.rates.title")} message={props.message} />
      {props.refused && props.refused.length > 0 ? (
        <>
          <div class="alert alert--error" role="alert" id="import-outcome">
            <p>{t("royalties.rates.refused", { count: props.refused.length })}</p>
          </div>
          <RefusedLines rows={props.refused} column={(field) => (field === "line" ? null : RATE_COLUMNS[field])} />
        </>
      ) : null}
      <Form action="/console/royalties/rates" enctype="multipart/form-data" aria-label={t("royalties.rates.import")}>
        <ErrorSummary errors={props.errors} />
        <FieldShell {...ratesFile}>
          <input {...fieldControl(ratesFile, "file")} type="file" accept=".csv,text/csv" />
        </FieldShell>
        <Button>{t("royalties.rates.submit")}</Button>
      </Form>
      <h2>{t("royalties.rates.kept")}</h2>
      <Table
        caption={t("royalties.rates.kept")}
        rows={props.rates}
        empty={t("royalties.rates.none")}
        columns={[
          { label: t("royalties.rates.pair"), cell: (row) => <bdi>{`${row.currency}/${row.toCurrency}`}</bdi> },
          { label: t("royalties.rates.validOnColumn"), cell: (row) => <Day day={row.validOn} /> },
          { label: t("royalties.rates.rateColumn"), cell: (row) => <bdi>{rateText(row.rateScaled)}</bdi>, numeric: true },
        ]}
      />
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => `/console/royalties/rates?page=${page}`} />
    </>
  );
}

/** Statements with their approve and pay forms. */
export function StatementsPage(props: { statements: StatementRow[]; conversions: ReadonlyMap<number, Conversion>; status: string; page: number; hasNext: boolean; today: string; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const filters = ["", "draft", "approved", "paid"];
  return (
    <>
      <PageHeader title={t("royalties.console.statements")} actions={<LinkButton href="/console/royalties/statements.csv">{t("royalties.console.export")}</LinkButton>} />
      <Tabs />
      <FilterTabs
        label={t("royalties.columns.status")}
        tabs={filters.map((status) => ({ href: status ? `/console/royalties/statements?status=${status}` : "/console/royalties/statements", label: status ? t(`royalties.status.${status}`) : t("royalties.console.all"), current: status === props.status }))}
      />
      <ErrorSummary errors={props.errors} />
      <Table
        caption={t("royalties.console.statements")}
        rows={props.statements}
        empty={t("royalties.console.noStatements")}
        columns={[
          { label: t("royalties.columns.creator"), cell: (row) => <a href={`/account/royalties/statements/${row.id}`}>{row.accountName}</a> },
          { label: t("royalties.columns.period"), cell: (row) => <Period statement={row} /> },
          { label: t("royalties.columns.royalty"), cell: (row) => <Money minor={row.royaltyMinor} currency={row.currency} />, numeric: true },
          { label: t("royalties.columns.payout"), cell: (row) => <PayoutAmount statement={row} conversion={props.conversions.get(row.id)} />, numeric: true },
          { label: t("royalties.columns.status"), cell: (row) => <StatusBadge status={row.status} /> },
          { label: t("royalties.columns.action"), cell: (row) => <StatementAction statement={row} today={props.today} /> },
        ]}
      />
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => `/console/royalties/statements?${new URLSearchParams({ ...(props.status ? { status: props.status } : {}), page: String(page) }).toString()}`} />
    </>
  );
}

function StatementAction(props: { statement: StatementRow; today: string }) {
  const { t } = usePage();
  const s = props.statement;
  if (s.status === "draft") {
    return (
      <Form action={`/console/royalties/statements/${s.id}/approve`} class="inline-form" aria-label={t("royalties.console.approveFor", { name: s.accountName })}>
        <Button size="small">{t("royalties.console.approve")}</Button>
      </Form>
    );
  }
  if (s.status === "approved") {
    return (
      <Form action={`/console/royalties/statements/${s.id}/pay`} class="inline-form" aria-label={t("royalties.console.payFor", { name: s.accountName })}>
        <label>
          <span class="visually-hidden">{t("royalties.console.reference")}</span>
          <input name="reference" required maxLength={100} placeholder={t("royalties.console.reference")} />
        </label>
        <label>
          <span class="visually-hidden">{t("royalties.console.paidOn")}</span>
          <input name="paidOn" type="date" required value={props.today} />
        </label>
        <Button size="small">{t("royalties.console.pay")}</Button>
      </Form>
    );
  }
  return (
    <span>
      {s.paidAt ? <Day day={s.paidAt} /> : null} <bdi>{s.payoutReference ?? ""}</bdi>
    </span>
  );
}

export interface ProductOption {
  id: number;
  name: string;
}

/** Agreements by product, and the form for a new one. */
export function AgreementsPage(props: { agreements: Array<Agreement & { productName: string; names: Map<number, string> }>; products: ProductOption[]; values: Record<string, string>; today: string; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const product = { field: "productId", label: t("royalties.agreement.product"), errors: props.errors };
  return (
    <>
      <PageHeader title={t("royalties.console.agreements")} />
      <Tabs />
      <Table
        caption={t("royalties.console.agreements")}
        rows={props.agreements}
        empty={t("royalties.console.noAgreements")}
        columns={[
          { label: t("royalties.agreement.product"), cell: (row) => <a href={`/products/${row.productId}`}>{row.productName}</a> },
          { label: t("royalties.agreement.rate"), cell: (row) => t("royalties.agreement.rateValue", { percent: minorToDecimal(row.rateBp, 2) }), numeric: true },
          { label: t("royalties.agreement.from"), cell: (row) => <Day day={row.effectiveFrom} /> },
          { label: t("royalties.agreement.to"), cell: (row) => (row.effectiveTo ? <Day day={row.effectiveTo} /> : "—") },
          { label: t("royalties.agreement.paidIn"), cell: (row) => row.currency ?? t("royalties.agreement.salesCurrency") },
          {
            label: t("royalties.agreement.shares"),
            cell: (row) => (
              <ul class="plain-list">
                {row.shares.map((share) => (
                  <li>
                    {row.names.get(share.accountId) ?? `#${share.accountId}`}: {t("royalties.agreement.rateValue", { percent: minorToDecimal(share.shareBp, 2) })} · {share.acceptedAt ? t("royalties.agreement.accepted") : t("royalties.agreement.notAccepted")}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            label: t("royalties.agreement.changeTerms"),
            cell: (row) => (
              <>
                <Form action={`/console/royalties/agreements/${row.id}/change`} class="inline-form" aria-label={t("royalties.agreement.changeFor", { product: row.productName })}>
                  <Field name="day" type="date" label={t("royalties.agreement.changeFrom")} value={props.today} />
                  <Field name="rateBp" label={t("royalties.agreement.rateBp")} value={String(row.rateBp)} />
                  <Button size="small">{t("royalties.agreement.change")}</Button>
                </Form>
                <Form action={`/console/royalties/agreements/${row.id}/end`} class="inline-form" aria-label={t("royalties.agreement.endFor", { product: row.productName })}>
                  <Field name="day" type="date" label={t("royalties.agreement.endOn")} value={props.today} />
                  <Button size="small">{t("royalties.agreement.end")}</Button>
                </Form>
              </>
            ),
          },
        ]}
      />
      <p class="hint">{t("royalties.agreement.changeHint")}</p>
      <h2>{t("royalties.agreement.new")}</h2>
      <Form action="/console/royalties/agreements" aria-label={t("royalties.agreement.new")}>
        <ErrorSummary errors={props.errors} />
        <FieldShell {...product}>
          <select {...fieldControl(product, "productId")}>
            {props.products.map((option) => (
              <option value={String(option.id)} selected={props.values.productId === String(option.id)}>
                {option.name}
              </option>
            ))}
          </select>
        </FieldShell>
        <Field name="rateBp" label={t("royalties.agreement.rateBp")} hint={t("royalties.agreement.rateHint")} value={props.values.rateBp ?? "100"} errors={props.errors} />
        <Field name="effectiveFrom" type="date" label={t("royalties.agreement.from")} value={props.values.effectiveFrom} errors={props.errors} />
        <Field name="effectiveTo" type="date" label={t("royalties.agreement.to")} hint={t("royalties.agreement.toHint")} value={props.values.effectiveTo} errors={props.errors} />
        <Field name="currency" label={t("royalties.agreement.currencyField")} hint={t("royalties.agreement.currencyHint")} value={props.values.currency} errors={props.errors} dir="ltr" maxLength={3} />
        <Field name="shares" multiline label={t("royalties.agreement.sharesField")} hint={t("royalties.agreement.sharesHint")} value={props.values.shares} errors={props.errors} dir="ltr" />
        <Button>{t("royalties.agreement.create")}</Button>
      </Form>
    </>
  );
}
