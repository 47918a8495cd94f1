/** The ladder-over-time rules without a database: ISO weeks, the weekly series, conversions and the chart's scale. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { conversions, isoWeekStart, scaleFor, weekKey, weeklySeries, weeksUpTo } from "./rules.ts";

describe("ladder over time", () => {
  test("a week starts on Monday, UTC, whatever the day and hour", () => {
    assert.equal(weekKey(new Date("2026-03-04T23:59:00Z")), "2026-03-02", "a Wednesday");
    assert.equal(weekKey(new Date("2026-03-08T12:00:00Z")), "2026-03-02", "a Sunday belongs to the week before it");
    assert.equal(weekKey(new Date("2026-03-09T00:00:00Z")), "2026-03-09", "a Monday starts its own week");
    assert.equal(weekKey(new Date("2027-01-01T08:00:00Z")), "2026-12-28", "across the new year");
    assert.equal(isoWeekStart(new Date("2026-03-04T10:00:00Z")).toISOString(), "2026-03-02T00:00:00.000Z");
  });

  test("the weeks up to now are consecutive Mondays ending with this one", () => {
    assert.deepEqual(weeksUpTo(new Date("2026-03-04T10:00:00Z"), 3), ["2026-02-16", "2026-02-23", "2026-03-02"]);
  });

  test("a missing week or stage counts no one", () => {
    const series = weeklySeries(
      [
        { week: "2026-02-23", stage: "newcomer", members: 10 },
        { week: "2026-02-23", stage: "advocate", members: 2 },
      ],
      ["2026-02-16", "2026-02-23"],
    );
    assert.deepEqual(series[0]!.counts, { newcomer: 0, participant: 0, advocate: 0, creator: 0, ambassador: 0 });
    assert.deepEqual(series[1]!.counts, { newcomer: 10, participant: 0, advocate: 2, creator: 0, ambassador: 0 });
  });

  test("conversion between consecutive stages, with an empty cohort left undefined", () => {
    const result = conversions([
      { stage: "newcomer", cohort: 200, converted: 50 },
      { stage: "participant", cohort: 40, converted: 7 },
      { stage: "creator", cohort: 3, converted: 5 },
    ]);
    assert.deepEqual(
      result.map((c) => [c.from, c.to, c.cohort, c.converted, c.permille]),
      [
        ["newcomer", "participant", 200, 50, 250],
        ["participant", "advocate", 40, 7, 175],
        ["advocate", "creator", 0, 0, null],
        ["creator", "ambassador", 3, 3, 1000],
      ],
    );
  });

  test("the chart's scale is a round number at or above the largest count", () => {
    assert.deepEqual(scaleFor(0), { top: 4, ticks: [0, 1, 2, 3, 4] });
    assert.equal(scaleFor(7).top, 10);
    assert.equal(scaleFor(130).top, 200);
    assert.equal(scaleFor(500).top, 500);
    assert.deepEqual(scaleFor(4200).ticks, [0, 1250, 2500, 3750, 5000]);
  });
});
