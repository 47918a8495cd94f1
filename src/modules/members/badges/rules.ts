/**
 * Badges as data and pure functions: the rule shape the community team edits (conditions over a
 * member's activity counts and ladder metrics, all of which must hold), reading a rule from its
 * one-condition-a-line text form, and rarity. The award job turns a rule into SQL (see award.ts).
 */
import { Type, type Static } from "typebox";
import { Value } from "typebox/value";
import { METRICS, type Metric } from "../rules.ts";

export const BADGE_ICONS = ["star", "heart", "lightbulb", "trophy", "chat", "calendar", "compass", "hammer"] as const;
export type BadgeIcon = (typeof BADGE_ICONS)[number];

export const BADGE_KINDS = ["rule", "manual"] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/** An activity type as recorded (`answer.accepted`): its count per member is in the member's contributions. */
export const ACTIVITY_TYPE_PATTERN = "^[a-z_]+\\.[a-z_]+$";
export const SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

const Measure = Type.Union([Type.String({ pattern: ACTIVITY_TYPE_PATTERN, maxLength: 60 }), ...METRICS.map((metric) => Type.Literal(metric))]);
export const ConditionSchema = Type.Object({ measure: Measure, atLeast: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });
/** A rule badge's rule: every condition must hold. */
export const BadgeRuleSchema = Type.Object({ all: Type.Array(ConditionSchema, { minItems: 1, maxItems: 5 }) }, { additionalProperties: false });
export type Condition = Static<typeof ConditionSchema>;
export type BadgeRule = Static<typeof BadgeRuleSchema>;

export function isMetric(measure: string): measure is Metric {
  return (METRICS as readonly string[]).includes(measure);
}

/** Why a rule's text was refused: which line, and the catalogue key of the reason. */
export interface RuleError {
  line: number;
  key: "badges.errors.ruleEmpty" | "badges.errors.ruleLine" | "badges.errors.ruleMeasure" | "badges.errors.ruleCount" | "badges.errors.ruleTooMany";
}

const LINE = /^\s*([A-Za-z_.\s]+?)\s*(?:>=|≥|=>)\s*(\d{1,7})\s*$/;

/** "active days" → "activeDays"; an activity type stays as written. */
function measureOf(text: string): string {
  if (text.includes(".")) return text.trim().toLowerCase();
  const words = text.trim().split(/\s+/);
  return words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join("");
}

/**
 * Reads a rule written one condition a line ("answer.accepted ≥ 10", "active days >= 100"; `and`
 * also separates conditions). Returns the rule, checked against the schema, or the first error.
 */
export function parseRule(text: string): { rule: BadgeRule } | { error: RuleError } {
  const lines = text
    .split(/\r?\n|\band\b/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return { error: { line: 0, key: "badges.errors.ruleEmpty" } };
  if (lines.length > 5) return { error: { line: 6, key: "badges.errors.ruleTooMany" } };
  const all: Condition[] = [];
  for (const [i, line] of lines.entries()) {
    const match = LINE.exec(line);
    if (!match) return { error: { line: i + 1, key: "badges.errors.ruleLine" } };
    const condition = { measure: measureOf(match[1]!), atLeast: Number(match[2]) };
    if (!Value.Check(ConditionSchema.properties.measure, condition.measure)) return { error: { line: i + 1, key: "badges.errors.ruleMeasure" } };
    if (!Value.Check(ConditionSchema, condition)) return { error: { line: i + 1, key: "badges.errors.ruleCount" } };
    all.push(condition as Condition);
  }
  return { rule: { all } };
}

/** The rule in the text form `parseRule` reads, for the console's form. */
export function ruleText(rule: BadgeRule): string {
  return rule.all.map((condition) => `${condition.measure} ≥ ${condition.atLeast}`).join("\n");
}

/** Whether a member's counts meet the rule (the award job's SQL applies the same test). */
export function meetsRule(rule: BadgeRule, counts: { contributions: Record<string, number>; metrics: Record<string, number> }): boolean {
  return rule.all.every((condition) => ((isMetric(condition.measure) ? counts.metrics : counts.contributions)[condition.measure] ?? 0) >= condition.atLeast);
}

export const RARITIES = ["common", "uncommon", "rare", "epic", "unearned"] as const;
export type Rarity = (typeof RARITIES)[number];

/** The smallest share of active members holding a badge for each word; below the last, a badge is epic. */
const RARITY_FLOORS: ReadonlyArray<[Rarity, number]> = [
  ["common", 0.4],
  ["uncommon", 0.15],
  ["rare", 0.03],
];

/**
 * How rare a badge is: holders as a share of active members, in whole tenths of a percent, and its
 * word. A badge nobody holds yet is "unearned" rather than the rarest of all; with no active members the share
 * is 0.
 */
export function rarityOf(holders: number, activeMembers: number): { word: Rarity; permille: number } {
  const share = activeMembers > 0 ? Math.min(1, holders / activeMembers) : 0;
  if (holders === 0) return { word: "unearned", permille: 0 };
  const word = RARITY_FLOORS.find(([, floor]) => share >= floor)?.[0] ?? "epic";
  return { word, permille: Math.round(share * 1000) };
}
