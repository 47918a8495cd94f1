/**
 * The ladder over time on the console: members per stage per week as a server-rendered SVG line chart
 * (no script), the same figures as a table for screen readers and for reading exact numbers, and the
 * conversion between consecutive stages.
 */
import { FilterTabs } from "../../../platform/console/filter-tabs.tsx";
import { Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { STAGES, type Stage } from "../rules.ts";
import { scaleFor, type Conversion } from "./rules.ts";

export type Series = Array<{ week: string; counts: Record<Stage, number> }>;

/** One colour per stage, told apart also by the legend's order and the table; readable on light and dark backgrounds. */
const COLOURS: Record<Stage, string> = { newcomer: "#8a8f98", participant: "#2f7ed8", advocate: "#1a9850", creator: "#d95f02", ambassador: "#7b3294" };
const WIDTH = 720;
const HEIGHT = 260;
const PAD = { start: 56, end: 16, top: 36, bottom: 28 };
const LEGEND_STEP = (WIDTH - 56) / 5;

/** The line chart; in a right-to-left page time still runs left to right, as on a calendar. */
function LadderChart(props: { series: Series; titleId: string; descId: string }) {
  const { t, formatNumber, formatDate } = usePage();
  const max = Math.max(0, ...props.series.flatMap((week) => STAGES.map((stage) => week.counts[stage])));
  const scale = scaleFor(max);
  const plotWidth = WIDTH - PAD.start - PAD.end;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.start + (props.series.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (props.series.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / scale.top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(props.series.length / 6));
  return (
    <svg class="ladder-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${props.titleId} ${props.descId}`} dir="ltr">
      <title id={props.titleId}>{t("ladder.chartTitle")}</title>
      <desc id={props.descId}>{t("ladder.chartDesc", { weeks: props.series.length })}</desc>
      {scale.ticks.map((tick) => (
        <g class="ladder-chart__grid">
          <line x1={PAD.start} x2={WIDTH - PAD.end} y1={y(tick)} y2={y(tick)} stroke="currentColor" stroke-opacity="0.15" />
          <text x={PAD.start - 6} y={y(tick) + 4} text-anchor="end" font-size="11" fill="currentColor">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {props.series.map((week, i) =>
        i % labelEvery === 0 ? (
          <text x={x(i)} y={HEIGHT - 8} text-anchor="middle" font-size="11" fill="currentColor">
            {formatDate(new Date(`${week.week}T00:00:00Z`))}
          </text>
        ) : null,
      )}
      {STAGES.map((stage, i) => (
        <g class="ladder-chart__key">
          <line x1={PAD.start + i * LEGEND_STEP} x2={PAD.start + i * LEGEND_STEP + 18} y1="14" y2="14" stroke={COLOURS[stage]} stroke-width="3" />
          <text x={PAD.start + i * LEGEND_STEP + 24} y="18" font-size="12" fill="currentColor">
            {t(`members.stages.${stage}`)}
          </text>
        </g>
      ))}
      {STAGES.map((stage) => (
        <polyline
          class={`ladder-chart__line ladder-chart__line--${stage}`}
          fill="none"
          stroke={COLOURS[stage]}
          stroke-width="2"
          points={props.series.map((week, i) => `${x(i).toFixed(1)},${y(week.counts[stage]).toFixed(1)}`).join(" ")}
        />
      ))}
    </svg>
  );
}

/** The section on /console/ladder: the chart with its legend, the figures as a table, the conversions. */
export function LadderOverTime(props: { series: Series; conversions: Conversion[]; weeks: number; choices: readonly number[] }) {
  const { t, formatNumber, formatDate } = usePage();
  const percent = (permille: number | null) => (permille === null ? "—" : formatNumber(permille / 1000, { style: "percent", maximumFractionDigits: 1 }));
  return (
    <section aria-labelledby="ladder-over-time" class="ladder-over-time">
      <h2 id="ladder-over-time">{t("ladder.title")}</h2>
      <FilterTabs label={t("ladder.period")} tabs={props.choices.map((weeks) => ({ href: `/console/ladder?weeks=${weeks}`, label: t("ladder.weeks", { weeks }), current: weeks === props.weeks }))} />
      <LadderChart series={props.series} titleId="ladder-chart-title" descId="ladder-chart-desc" />
      <details>
        <summary>{t("ladder.figures")}</summary>
        <Table
          caption={t("ladder.chartTitle")}
          rows={props.series}
          columns={[
            { label: t("ladder.week"), cell: (week) => formatDate(new Date(`${week.week}T00:00:00Z`)) },
            ...STAGES.map((stage) => ({ label: t(`members.stages.${stage}`), numeric: true, cell: (week: Series[number]) => formatNumber(week.counts[stage]) })),
          ]}
        />
      </details>
      <h3>{t("ladder.conversionTitle", { weeks: props.weeks })}</h3>
      <Table
        caption={t("ladder.conversionTitle", { weeks: props.weeks })}
        rows={props.conversions}
        columns={[
          { label: t("ladder.step"), cell: (row) => t("ladder.stepName", { from: t(`members.stages.${row.from}`), to: t(`members.stages.${row.to}`) }) },
          { label: t("ladder.cohort"), numeric: true, cell: (row) => formatNumber(row.cohort) },
          { label: t("ladder.converted"), numeric: true, cell: (row) => formatNumber(row.converted) },
          { label: t("ladder.rate"), numeric: true, cell: (row) => percent(row.permille) },
        ]}
      />
      <p class="field__hint">{t("ladder.conversionNote")}</p>
    </section>
  );
}
