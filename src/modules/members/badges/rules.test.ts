/** Badge rules without a database: reading a rule from its text, checking it, testing a member against it, and rarity. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Value } from "typebox/value";
import { BadgeRuleSchema, meetsRule, parseRule, rarityOf, ruleText } from "./rules.ts";

describe("badge rules", () => {
  test("a rule is read one condition a line, with ≥ or >=, activity types and measures in words", () => {
    const parsed = parseRule("answer.accepted ≥ 10\nactive days >= 100");
    assert.ok("rule" in parsed);
    assert.deepEqual(parsed.rule, { all: [{ measure: "answer.accepted", atLeast: 10 }, { measure: "activeDays", atLeast: 100 }] });
    assert.ok(Value.Check(BadgeRuleSchema, parsed.rule));
    const joined = parseRule("idea.milestone >= 1 and reputation ≥ 50");
    assert.ok("rule" in joined);
    assert.deepEqual(joined.rule.all.map((c) => c.measure), ["idea.milestone", "reputation"]);
  });

  test("the text form reads back to the same rule", () => {
    const rule = { all: [{ measure: "review.written", atLeast: 5 }, { measure: "activeDays", atLeast: 30 }] };
    assert.deepEqual(parseRule(ruleText(rule)), { rule });
  });

  test("bad rules are refused with the line and the reason", () => {
    assert.deepEqual(parseRule("  \n "), { error: { line: 0, key: "badges.errors.ruleEmpty" } });
    assert.deepEqual(parseRule("answer.accepted ≥ 10\nlots of answers"), { error: { line: 2, key: "badges.errors.ruleLine" } });
    assert.deepEqual(parseRule("happiness ≥ 3"), { error: { line: 1, key: "badges.errors.ruleMeasure" } });
    assert.deepEqual(parseRule("answer.accepted ≥ 0"), { error: { line: 1, key: "badges.errors.ruleCount" } });
    assert.deepEqual(parseRule("answer.accepted ≥ -1"), { error: { line: 1, key: "badges.errors.ruleLine" } });
    assert.deepEqual(parseRule(Array.from({ length: 6 }, () => "contributions ≥ 1").join("\n")), { error: { line: 6, key: "badges.errors.ruleTooMany" } });
    assert.ok(!Value.Check(BadgeRuleSchema, { all: [] }), "a rule needs a condition");
    assert.ok(!Value.Check(BadgeRuleSchema, { all: [{ measure: "DROP TABLE", atLeast: 1 }] }));
  });

  test("a member meets a rule when every condition holds; a missing count is zero", () => {
    const rule = { all: [{ measure: "answer.accepted", atLeast: 10 }, { measure: "activeDays", atLeast: 100 }] };
    assert.ok(meetsRule(rule, { contributions: { "answer.accepted": 10 }, metrics: { activeDays: 120 } }));
    assert.ok(!meetsRule(rule, { contributions: { "answer.accepted": 9 }, metrics: { activeDays: 120 } }));
    assert.ok(!meetsRule(rule, { contributions: {}, metrics: { activeDays: 500 } }));
  });

  test("rarity is the share of active members holding a badge, as a word", () => {
    assert.deepEqual(rarityOf(60, 100), { word: "common", permille: 600 });
    assert.deepEqual(rarityOf(20, 100), { word: "uncommon", permille: 200 });
    assert.deepEqual(rarityOf(5, 100), { word: "rare", permille: 50 });
    assert.deepEqual(rarityOf(1, 1000), { word: "epic", permille: 1 });
    assert.deepEqual(rarityOf(0, 100), { word: "unearned", permille: 0 }, "nobody holds it yet");
    assert.deepEqual(rarityOf(3, 0), { word: "epic", permille: 0 }, "no active members");
    assert.deepEqual(rarityOf(150, 100), { word: "common", permille: 1000 }, "holders who are no longer active do not push it past 100%");
  });
});
