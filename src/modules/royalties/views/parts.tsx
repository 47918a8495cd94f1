/** Pieces the royalties pages share: amounts of money, statement status, statement tables and one statement. */
import { intlTag, type Locale } from "../../../platform/i18n/index.ts";
import { Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { currencyDigits, minorToDecimal } from "../rules.ts";
import type { StatementLine, StatementRow } from "../statements.ts";

const formats = new Map<string, Intl.NumberFormat>();

/** Minor units as money in the reader's language; the decimal text goes to Intl as a string, never through a float. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlTag(locale), { style: "currency", currency });
    formats.set(key, format);
  }
  // Intl.NumberFormat formats decimal strings exactly (ECMA-402 NumberFormat v3).
  return format.format(minorToDecimal(minor, currencyDigits(currency)) as unknown as number);
}

/** An amount of money, kept left-to-right inside right-to-left text. */
export function Money(props: { minor: number; currency: string }) {
  const { locale } = usePage();
  return <bdi>{formatMoney(locale, props.minor, props.currency)}</bdi>;
}

/** A UTC calendar day (`YYYY-MM-DD`) in the reader's calendar. */
export function Day(props: { day: string }) {
  const { formatDate } = usePage();
  return <time dateTime={props.day}>{formatDate(new Date(`${props.day}T00:00:00Z`), { timeZone: "UTC" })}</time>;
}

/** A statement's period: its first and last day. */
export function Period(props: { statement: Pick<StatementRow, "periodStart" | "periodEnd"> }) {
  const last = new Date(Date.parse(`${props.statement.periodEnd}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <Day day={props.statement.periodStart} /> – <Day day={last} />
    </>
  );
}

export function StatusBadge(props: { status: StatementRow["status"] }) {
  const { t } = usePage();
  return <span class={`badge badge--${props.status}`}>{t(`royalties.status.${props.status}`)}</span>;
}

/** The sales lines of a statement with the royalty on each. */
export function StatementLinesTable(props: { lines: StatementLine[]; currency: string }) {
  const { t } = usePage();
  return (
    <Table
      caption={t("royalties.statement.lines")}
      rows={props.lines}
      empty={t("royalties.statement.noLines")}
      columns={[
        { label: t("royalties.columns.soldAt"), cell: (line) => <Day day={line.soldAt.toISOString().slice(0, 10)} /> },
        { label: t("royalties.columns.externalId"), cell: (line) => <bdi>{line.externalId}</bdi> },
        { label: t("royalties.columns.sku"), cell: (line) => <bdi>{line.sku}</bdi> },
        { label: t("royalties.columns.quantity"), cell: (line) => String(line.quantity), numeric: true },
        { label: t("royalties.columns.net"), cell: (line) => <Money minor={line.netAmountMinor} currency={props.currency} />, numeric: true },
        { label: t("royalties.columns.royalty"), cell: (line) => <Money minor={line.royaltyMinor} currency={props.currency} />, numeric: true },
      ]}
    />
  );
}

/** One statement's summary. */
export function StatementSummary(props: { statement: StatementRow }) {
  const { t } = usePage();
  const s = props.statement;
  return (
    <dl class="summary-list">
      <dt>{t("royalties.columns.creator")}</dt>
      <dd>{s.accountName}</dd>
      <dt>{t("royalties.columns.period")}</dt>
      <dd>
        <Period statement={s} />
      </dd>
      <dt>{t("royalties.columns.status")}</dt>
      <dd>
        <StatusBadge status={s.status} />
      </dd>
      <dt>{t("royalties.columns.net")}</dt>
      <dd>
        <Money minor={s.salesMinor} currency={s.currency} />
      </dd>
      <dt>{t("royalties.columns.royalty")}</dt>
      <dd>
        <Money minor={s.royaltyMinor} currency={s.currency} />
      </dd>
      {s.paidAt ? (
        <>
          <dt>{t("royalties.columns.paid")}</dt>
          <dd>
            <Day day={s.paidAt} /> · <bdi>{s.payoutReference ?? ""}</bdi>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
