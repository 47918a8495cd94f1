/** Review periods as the review page names them: the period's id and the instant of its cut-off. */
import { localMidnight, type ReviewRules } from "../rules.ts";

/**
 * The cut-off of a period id such as "2026-2" (the second cut-off of 2026, cut-offs in calendar
 * order, as reviewPeriodFor numbers them), or null when the id does not name one under the current
 * rules (the cut-offs were changed after the idea joined the period).
 */
export function periodCutoff(rules: ReviewRules, periodId: string): Date | null {
  const match = /^(\d{4})-(\d{1,2})$/.exec(periodId);
  if (!match) return null;
  const sorted = [...rules.cutoffs].sort((a, b) => a.month - b.month || a.day - b.day);
  const cutoff = sorted[Number(match[2]) - 1];
  return cutoff ? localMidnight(Number(match[1]), cutoff.month, cutoff.day, rules.timeZone) : null;
}

export interface PeriodGroup<Row> {
  /** Null for ideas that are waiting without a period. */
  periodId: string | null;
  cutoff: Date | null;
  rows: Row[];
}

/** Rows (already in period order) grouped by their review period, keeping the order. */
export function groupByPeriod<Row extends { review_period: string | null }>(rules: ReviewRules, rows: Row[]): PeriodGroup<Row>[] {
  const groups: PeriodGroup<Row>[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.periodId === row.review_period) last.rows.push(row);
    else groups.push({ periodId: row.review_period, cutoff: row.review_period ? periodCutoff(rules, row.review_period) : null, rows: [row] });
  }
  return groups;
}
