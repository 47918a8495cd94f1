/** Pieces the royalties pages share: amounts of money, statement status, statement tables, one statement and its conversion. */
import type { ComponentChildren } from "preact";
import { intlTag, type Locale } from "../../../platform/i18n/index.ts";
import { Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { payoutOf, type Conversion, type ConvertedLine } from "../conversion.ts";
import { currencyDigits, minorToDecimal, rateToDecimal } from "../rules.ts";
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

/** A rate kept × 10^8, in the reader's digits with every decimal place (Intl formats the decimal string exactly). */
export function useRateText(): (rateScaled: bigint) => string {
  const { formatNumber } = usePage();
  return (rateScaled) => formatNumber(rateToDecimal(rateScaled) as unknown as number, { maximumFractionDigits: 8 });
}

/** "1 USD = 0.9 EUR" in the reader's digits, the rate used and the day it is valid from. */
function RateUsed(props: { line: ConvertedLine; from: string; to: string }) {
  const { t, formatNumber } = usePage();
  const rateText = useRateText();
  return (
    <>
      <bdi>{t("royalties.conversion.rateValue", { from: props.from, to: props.to, one: formatNumber(1), rate: rateText(props.line.rateScaled) })}</bdi> <span class="muted">{t("royalties.conversion.rateOn")} <Day day={props.line.rateOn} /></span>
    </>
  );
}

/** A converted line's cell, or a dash (every line of a converted statement has its rate). */
function withRate(rate: ConvertedLine | undefined, cell: (rate: ConvertedLine) => ComponentChildren): ComponentChildren {
  return rate ? cell(rate) : "—";
}

/** The sales lines of a statement with the royalty on each, and each line converted when the statement is. */
export function StatementLinesTable(props: { lines: StatementLine[]; currency: string; conversion?: Conversion | null | undefined }) {
  const { t } = usePage();
  const conversion = props.conversion?.kind === "converted" ? props.conversion : null;
  const converted = new Map(conversion?.lines.map((line) => [line.postingId, line]));
  const rateOf = (line: StatementLine) => converted.get(line.postingId);
  const conversionColumns = conversion
    ? [
        { label: t("royalties.columns.rate"), cell: (line: StatementLine) => withRate(rateOf(line), (rate) => <RateUsed line={rate} from={props.currency} to={conversion.currency} />) },
        { label: t("royalties.columns.royaltyIn", { currency: conversion.currency }), cell: (line: StatementLine) => withRate(rateOf(line), (rate) => <Money minor={rate.amountMinor} currency={conversion.currency} />), numeric: true },
      ]
    : [];
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
        ...conversionColumns,
      ]}
    />
  );
}

/**
 * What a statement is paid: fixed at approval, else the draft converted with the rates kept now, else its own
 * royalty. A draft that stays in its own currency says so.
 */
export function PayoutAmount(props: { statement: StatementRow; conversion?: Conversion | undefined }) {
  const { t } = usePage();
  const payout = payoutOf(props.statement, props.conversion);
  const stays = props.statement.status === "draft" && props.conversion !== undefined && props.conversion.kind !== "converted";
  return (
    <>
      <Money minor={payout.minor} currency={payout.currency} />
      {stays ? <span class="muted"> · {t("royalties.conversion.notConverted")}</span> : null}
    </>
  );
}

/** Why a statement stays in its own currency although its agreements pay in another, in words. */
export function ConversionNotice(props: { statement: StatementRow; conversion: Conversion | null | undefined }) {
  const { t, formatDate } = usePage();
  const s = props.statement;
  const c = props.conversion;
  if (!c || c.kind === "converted") return null;
  const text =
    c.kind === "kept"
      ? t("royalties.conversion.kept", { currency: s.currency })
      : c.kind === "mixed"
        ? t("royalties.conversion.mixed", { currency: s.currency })
        : t("royalties.conversion.uncovered", { currency: s.currency, target: c.currency, day: formatDate(new Date(`${c.day}T00:00:00Z`), { timeZone: "UTC" }) });
  return (
    <div class="alert alert--info" role="note" id="conversion-notice">
      <p>{text}</p>
    </div>
  );
}

/** One statement's summary, with what it is paid in when converted. */
export function StatementSummary(props: { statement: StatementRow; conversion?: Conversion | null | undefined }) {
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
      {props.conversion?.kind === "converted" ? (
        <>
          <dt>{t(s.status === "paid" ? "royalties.conversion.paidOut" : "royalties.conversion.paidIn", { currency: props.conversion.currency })}</dt>
          <dd>
            <strong>
              <Money minor={props.conversion.totalMinor} currency={props.conversion.currency} />
            </strong>{" "}
            <span class="muted">{t(props.conversion.approved ? "royalties.conversion.fixed" : "royalties.conversion.draft")}</span>
          </dd>
        </>
      ) : null}
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
