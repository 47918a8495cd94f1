/** The console's pure pieces: reading the settings form, the settings rules, grouping by review period, term forms. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { reviewPeriodFor } from "../rules.ts";
import { ideasSettings } from "../settings.ts";
import { groupByPeriod } from "./review-periods.ts";
import { settingsFromValues, valuesFromBody, valuesFromSettings } from "./settings-form.ts";
import { canonicalTimeZone, settingsProblems } from "./settings-rules.ts";
import { termFromForm } from "./taxonomy.ts";

const defaults = ideasSettings.defaults;

describe("the settings form", () => {
  test("the stored settings survive a round trip through the form's text", () => {
    const { value, errors } = settingsFromValues(valuesFromSettings(defaults));
    assert.deepEqual(errors, {});
    assert.deepEqual(value, defaults);
  });

  test("rows come from repeated fields; a blank row is dropped, a single row is a plain value", () => {
    const values = valuesFromBody({
      "steps.target": ["10", "", "50"],
      "steps.window": ["30", "", "2"],
      "steps.unit": ["days", "days", "months"],
      "cutoffs.month": "3",
      "cutoffs.day": "21",
      "review.timeZone": " asia/tehran ",
      "trustBar.minAccountAgeHours": "۴۸",
      "guidelines.en": "Be kind.",
    });
    assert.deepEqual(values.steps, [
      { target: "10", window: "30", unit: "days" },
      { target: "50", window: "2", unit: "months" },
    ]);
    assert.deepEqual(values.cutoffs, [{ month: "3", day: "21" }]);
    assert.equal(values.requireVerifiedEmail, false);
    const { value, errors } = settingsFromValues(values);
    assert.deepEqual(errors, {});
    assert.equal(value.review.timeZone, "Asia/Tehran");
    assert.equal(value.trustBar.minAccountAgeHours, 48, "Persian digits are read as digits");
    assert.deepEqual(value.guidelines, { en: "Be kind.", fa: "", he: "" });
  });

  test("text that is not a whole number is an error on its own field", () => {
    const values = { ...valuesFromSettings(defaults), steps: [{ target: "ten", window: "", unit: "weeks" }] };
    const { errors } = settingsFromValues(values);
    assert.equal(errors["milestones.steps.0.target"]?.key, "ideasConsole.settings.errors.wholeNumber");
    assert.equal(errors["milestones.steps.0.window"]?.key, "errors.field.required");
    assert.equal(errors["milestones.steps.0.unit"]?.key, "errors.field.enum");
  });

  test("a body of the wrong shape reads as an empty form, not as a crash", () => {
    assert.deepEqual(valuesFromBody([1, 2]).steps, []);
    assert.equal(valuesFromBody(null).timeZone, "");
  });
});

describe("the settings rules", () => {
  test("the defaults pass", () => {
    assert.deepEqual(settingsProblems(defaults), {});
  });

  test("targets must strictly increase, and the error names the step before", () => {
    const steps = [
      { target: 100, window: 60, unit: "days" as const },
      { target: 100, window: 30, unit: "days" as const },
      { target: 50, window: 1, unit: "months" as const },
    ];
    const errors = settingsProblems({ ...defaults, milestones: { steps } });
    assert.deepEqual(Object.keys(errors).sort(), ["milestones.steps.1.target", "milestones.steps.2.target"]);
    assert.deepEqual(errors["milestones.steps.1.target"], { key: "ideasConsole.settings.errors.increasing", params: { previous: 100 } });
  });

  test("at least one step and one cut-off; no repeated cut-off; windows, targets and trust bar within bounds", () => {
    assert.equal(settingsProblems({ ...defaults, milestones: { steps: [] } })["milestones.steps"]?.key, "ideasConsole.settings.errors.noSteps");
    assert.equal(settingsProblems({ ...defaults, review: { ...defaults.review, cutoffs: [] } })["review.cutoffs"]?.key, "ideasConsole.settings.errors.noCutoffs");
    const repeated = settingsProblems({ ...defaults, review: { ...defaults.review, cutoffs: [{ month: 1, day: 1 }, { month: 5, day: 1 }, { month: 1, day: 1 }] } });
    assert.deepEqual(Object.keys(repeated), ["review.cutoffs.2.day"]);
    const bounds = settingsProblems({
      ...defaults,
      milestones: { steps: [{ target: 0, window: 121, unit: "months" }] },
      review: { ...defaults.review, cutoffs: [{ month: 13, day: 29 }] },
      trustBar: { minAccountAgeHours: 9000, requireVerifiedEmail: false },
    });
    assert.deepEqual(Object.keys(bounds).sort(), ["milestones.steps.0.target", "milestones.steps.0.window", "review.cutoffs.0.day", "review.cutoffs.0.month", "trustBar.minAccountAgeHours"]);
  });

  test("time zones are checked with Intl and must be given in their canonical spelling", () => {
    assert.equal(canonicalTimeZone("asia/jerusalem"), "Asia/Jerusalem");
    assert.equal(canonicalTimeZone("Mars/Olympus_Mons"), null);
    assert.equal(canonicalTimeZone(""), null);
    assert.equal(settingsProblems({ ...defaults, review: { ...defaults.review, timeZone: "Mars/Olympus_Mons" } })["review.timeZone"]?.key, "ideasConsole.settings.errors.timeZone");
    assert.deepEqual(settingsProblems({ ...defaults, review: { ...defaults.review, timeZone: "Asia/Tehran" } }), {});
  });
});

describe("review periods on the review page", () => {
  const rules = { cutoffs: [{ month: 9, day: 1 }, { month: 1, day: 1 }, { month: 5, day: 1 }], timeZone: "Asia/Tehran" };

  test("rows are grouped by period in the order they come, each with the cut-off reviewPeriodFor chose", () => {
    const period = reviewPeriodFor(rules, new Date("2026-02-10T12:00:00Z"));
    const groups = groupByPeriod(rules, [
      { id: 1, review_period: "2026-1" },
      { id: 2, review_period: "2026-1" },
      { id: 3, review_period: period.id },
      { id: 4, review_period: "2026-7" },
      { id: 5, review_period: null },
    ]);
    assert.deepEqual(
      groups.map((group) => [group.periodId, group.rows.map((row) => row.id), group.cutoff?.toISOString() ?? null]),
      [
        ["2026-1", [1, 2], "2025-12-31T20:30:00.000Z"],
        ["2026-2", [3], period.cutoff.toISOString()],
        ["2026-7", [4], null],
        [null, [5], null],
      ],
    );
  });
});

describe("the category and status form", () => {
  const valid = { slug: "Space-Ships", position: "3", "names.en": "Space ships", "names.fa": "سفینه‌ها", "names.he": "חלליות", tone: "success" };

  test("a complete form gives a term, with the slug in lower case", () => {
    const { input, errors } = termFromForm(valid);
    assert.deepEqual(errors, {});
    assert.deepEqual(input, { slug: "space-ships", position: 3, names: { en: "Space ships", fa: "سفینه‌ها", he: "חלליות" }, tone: "success" });
  });

  test("every name is required, the slug is letters, digits and single hyphens, the order a whole number", () => {
    const { input, errors } = termFromForm({ ...valid, slug: "space ships", position: "-1", "names.he": "  " });
    assert.equal(input, null);
    assert.deepEqual(Object.keys(errors).sort(), ["names.he", "position", "slug"]);
    assert.equal(termFromForm({ ...valid, slug: "a--b" }).errors.slug?.key, "ideasConsole.taxonomy.errors.slug");
  });
});
