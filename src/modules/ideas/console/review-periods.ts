/** The review page's grouping: ideas waiting for a decision, by review period with its cut-off. */
import type { ReviewRules } from "../rules.ts";
import { reviewCutoff } from "../views/model.ts";

export interface PeriodGroup<Row> {
  /** Null for ideas waiting without a period. */
  periodId: string | null;
  /** Null when the period's id no longer names a cut-off (the cut-offs changed after the idea joined). */
  cutoff: Date | null;
  rows: Row[];
}

/** Rows (already in period order) grouped by their review period, keeping the order. */
export function groupByPeriod<Row extends { review_period: string | null }>(rules: ReviewRules, rows: Row[]): PeriodGroup<Row>[] {
  const groups: PeriodGroup<Row>[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.periodId === row.review_period) last.rows.push(row);
    else groups.push({ periodId: row.review_period, cutoff: reviewCutoff(rules, row.review_period), rows: [row] });
  }
  return groups;
}
