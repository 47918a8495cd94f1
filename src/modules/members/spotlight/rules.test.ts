/** Spotlight rules without a database: the form's checks, which write-up a reader sees, and where a spotlight stands. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseDay, spotlightInputOf, spotlightState, writeupFor, type SpotlightForm } from "./rules.ts";

const form = (changes: Partial<SpotlightForm> = {}): SpotlightForm => ({ subjectType: "member", subjectId: "12", writeups: { en: "", fa: "  ", he: "" }, starts: "2026-03-01", ends: "", ...changes });

describe("spotlight rules", () => {
  test("a valid form gives the spotlight, keeping only the languages written", () => {
    const result = spotlightInputOf(form({ writeups: { en: "", fa: " چرا او ", he: "" }, ends: "2026-03-15" }));
    assert.ok("input" in result);
    assert.deepEqual(result.input, { subjectType: "member", subjectId: 12, writeups: { fa: "چرا او" }, startsAt: new Date("2026-03-01T00:00:00Z"), endsAt: new Date("2026-03-15T00:00:00Z") });
  });

  test("an empty write-up, a bad number, a bad date and an end before the start are refused field by field", () => {
    const result = spotlightInputOf(form({ subjectId: "abc", starts: "2026-02-30", ends: "2026-01-01" }));
    assert.ok("errors" in result);
    assert.deepEqual(Object.keys(result.errors).sort(), ["starts", "subjectId", "writeup_en"]);
    const ends = spotlightInputOf(form({ writeups: { en: "Why", fa: "", he: "" }, ends: "2026-03-01" }));
    assert.ok("errors" in ends);
    assert.equal(ends.errors.ends?.key, "spotlight.errors.endBeforeStart");
    assert.equal(parseDay("2026-13-01"), null);
  });

  test("readers see their language, else English, else any written one", () => {
    assert.deepEqual(writeupFor({ en: "Hello", he: "שלום" }, "he"), { text: "שלום", lang: "he" });
    assert.deepEqual(writeupFor({ en: "Hello", he: "שלום" }, "fa"), { text: "Hello", lang: "en" });
    assert.deepEqual(writeupFor({ he: "שלום" }, "fa"), { text: "שלום", lang: "he" });
    assert.equal(writeupFor({}, "en"), null);
  });

  test("a spotlight is planned, current or past", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    assert.equal(spotlightState({ starts_at: new Date("2026-03-11"), ends_at: null }, now), "upcoming");
    assert.equal(spotlightState({ starts_at: new Date("2026-03-01"), ends_at: null }, now), "current");
    assert.equal(spotlightState({ starts_at: new Date("2026-03-01"), ends_at: new Date("2026-03-10T12:00:00Z") }, now), "past");
  });
});
