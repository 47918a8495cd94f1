/** The members settings the community team tunes: activity weights, endorsement weighting, trust requirements and the ladder. */
import { Type } from "typebox";
import { defineSetting } from "../../platform/settings/index.ts";
import { DEFAULT_RULES, METRICS } from "./rules.ts";

const Count = Type.Number({ minimum: 0, maximum: 1_000_000 });
const Factor = Type.Number({ minimum: 0, maximum: 10 });
const Requirement = Type.Partial(Type.Object(Object.fromEntries(METRICS.map((metric) => [metric, Count]))), { additionalProperties: false, minProperties: 1 });

export const MembersRulesSchema = Type.Object({
  weights: Type.Record(
    Type.String({ pattern: "^[a-z_]+\\.[a-z_]+$" }),
    Type.Object({ points: Type.Number({ minimum: 0, maximum: 1000 }), endorsed: Type.Union([Type.Literal("none"), Type.Literal("actor"), Type.Literal("target")]) }, { additionalProperties: false }),
  ),
  voting: Type.Object({
    levelWeights: Type.Tuple([Factor, Factor, Factor, Factor, Factor]),
    freshDays: Type.Integer({ minimum: 0, maximum: 365 }),
    freshFactor: Type.Number({ minimum: 0, maximum: 1 }),
    mutualFactor: Type.Number({ minimum: 0, maximum: 1 }),
    pairCap: Type.Integer({ minimum: 1, maximum: 1000 }),
  }),
  recentDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  helpfulVotesPerReview: Type.Integer({ minimum: 1, maximum: 1000 }),
  likesPerCreation: Type.Integer({ minimum: 1, maximum: 1000 }),
  trust: Type.Object({ 1: Requirement, 2: Requirement, 3: Requirement }),
  demotionGrace: Type.Number({ minimum: 0, maximum: 0.9 }),
  demotionReviewDays: Type.Integer({ minimum: 1, maximum: 365 }),
  ladder: Type.Object({
    participant: Type.Array(Requirement, { minItems: 1, maxItems: 10 }),
    advocate: Type.Array(Requirement, { minItems: 1, maxItems: 10 }),
    creator: Type.Array(Requirement, { minItems: 1, maxItems: 10 }),
  }),
});

export const membersSettings = defineSetting("members", MembersRulesSchema, DEFAULT_RULES);
