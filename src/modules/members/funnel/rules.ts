/**
 * The fan ladder over time as pure functions: the ISO week a moment falls in, the weekly series per
 * stage (a missing row is no one), the conversion between consecutive stages, and the chart's scale.
 */
import { STAGES, type Stage } from "../rules.ts";

const DAY_MS = 86_400_000;

/** The Monday (00:00 UTC) that starts the ISO week of `date`. */
export function isoWeekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** "2026-03-02": a week as the date of its Monday. */
export function weekKey(date: Date): string {
  return isoWeekStart(date).toISOString().slice(0, 10);
}

/** The Mondays of the `count` weeks up to and including the week of `now`, oldest first. */
export function weeksUpTo(now: Date, count: number): string[] {
  const last = isoWeekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10));
}

export interface WeekRow {
  week: string;
  stage: string;
  members: number;
}

/** Members per stage for each week, in order; a week or stage without a row counts no one. */
export function weeklySeries(rows: readonly WeekRow[], weeks: readonly string[]): Array<{ week: string; counts: Record<Stage, number> }> {
  const byWeek = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const counts = byWeek.get(row.week) ?? new Map<string, number>();
    counts.set(row.stage, row.members);
    byWeek.set(row.week, counts);
  }
  return weeks.map((week) => ({ week, counts: Object.fromEntries(STAGES.map((stage) => [stage, byWeek.get(week)?.get(stage) ?? 0])) as Record<Stage, number> }));
}

export interface CohortRow {
  /** The stage reached in the period (newcomer: joined in it). */
  stage: string;
  cohort: number;
  /** Of them, how many are now on a later stage. */
  converted: number;
}

export interface Conversion {
  from: Stage;
  to: Stage;
  cohort: number;
  converted: number;
  /** converted / cohort in tenths of a percent; null when the cohort is empty. */
  permille: number | null;
}

/** The conversion from each stage to the next: of those who reached a stage in the period, how many went further. */
export function conversions(rows: readonly CohortRow[]): Conversion[] {
  return STAGES.slice(0, -1).map((from, i) => {
    const row = rows.find((candidate) => candidate.stage === from);
    const cohort = row?.cohort ?? 0;
    const converted = Math.min(cohort, row?.converted ?? 0);
    return { from, to: STAGES[i + 1]!, cohort, converted, permille: cohort > 0 ? Math.round((converted / cohort) * 1000) : null };
  });
}

/** A round top for the chart's scale at or above `max` (1, 2 or 5 times a power of ten), and its four gridlines. */
export function scaleFor(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 4, ticks: [0, 1, 2, 3, 4] };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= max)!;
  const step = top / 4;
  return { top, ticks: [0, 1, 2, 3, 4].map((i) => Math.round(i * step * 100) / 100) };
}
