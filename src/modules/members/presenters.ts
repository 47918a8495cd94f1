/**
 * A member as pages and the API show them: public fields for everyone, private ones (hidden location
 * and links, reputation parts, metrics, trust progress) only for the member and staff.
 */
import { Type, type Static } from "typebox";
import type { Translate } from "../../platform/i18n/index.ts";
import { avatarUrl } from "./avatar.ts";
import { criterionText } from "./explain.ts";
import { completeMetrics, earnedStage, explainReputation, nextStage, nextTrustLevel, checkRequirement, type Criterion, type MembersRules, type Stage, type TrustLevel } from "./rules.ts";
import type { MemberRow } from "./store.ts";

const CriterionJson = Type.Object({ metric: Type.String(), have: Type.Number(), need: Type.Number(), done: Type.Boolean(), text: Type.String() });
const LinkJson = Type.Object({ label: Type.String(), url: Type.String() });

export const MemberJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  /** The profile photo's thumbnail, or null when the member has none. */
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  stage: Type.String(),
  trustLevel: Type.Integer(),
  reputation: Type.Integer(),
  bio: Type.String(),
  languages: Type.Array(Type.String()),
  location: Type.Union([Type.String(), Type.Null()]),
  links: Type.Array(LinkJson),
  contributions: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
  stageSince: Type.Union([Type.String(), Type.Null()]),
  stageReasons: Type.Array(CriterionJson),
  nextStage: Type.Union([Type.Object({ stage: Type.String(), byInvitation: Type.Boolean(), done: Type.Array(CriterionJson), missing: Type.Array(CriterionJson) }), Type.Null()]),
  private: Type.Optional(
    Type.Object({
      reputationParts: Type.Array(Type.Object({ type: Type.String(), points: Type.Number() })),
      metrics: Type.Record(Type.String(), Type.Number()),
      nextTrustLevel: Type.Union([Type.Object({ level: Type.Integer(), done: Type.Array(CriterionJson), missing: Type.Array(CriterionJson) }), Type.Null()]),
      trustReasons: Type.Array(CriterionJson),
      privacy: Type.Object({ listed: Type.Boolean(), showLocation: Type.Boolean(), showLinks: Type.Boolean(), showActivity: Type.Boolean() }),
    }),
  ),
});
export type MemberJsonValue = Static<typeof MemberJson>;

export const MemberSummaryJson = Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String(), stage: Type.String(), trustLevel: Type.Integer(), reputation: Type.Integer(), languages: Type.Array(Type.String()) });

function withText(t: Translate, criteria: Criterion[]) {
  return criteria.map((criterion) => ({ ...criterion, text: criterionText(t, criterion) }));
}

/** The member's standing explained from their stored metrics and the current rules. */
export function presentMember(row: MemberRow, rules: MembersRules, t: Translate, options: { private: boolean }): MemberJsonValue {
  const metrics = completeMetrics(row.metrics ?? {});
  const stage: Stage = row.stage ?? "newcomer";
  const level = (row.trust_level ?? 0) as TrustLevel;
  const reasons = stage === "newcomer" || stage === "ambassador" ? [] : (earnedStageReasons(rules, stage, metrics));
  const next = nextStage(rules, stage, metrics);
  const showLocation = options.private || row.show_location !== false;
  const showLinks = options.private || row.show_links !== false;
  const showActivity = options.private || row.show_activity !== false;
  const json: MemberJsonValue = {
    id: row.id,
    name: row.name,
    url: `/members/${row.id}`,
    avatarUrl: avatarUrl(row.id, row.avatar),
    stage,
    trustLevel: level,
    reputation: row.reputation ?? 0,
    bio: row.bio ?? "",
    languages: row.languages ?? [],
    location: showLocation && row.location ? row.location : null,
    links: showLinks ? (row.links ?? []) : [],
    contributions: showActivity ? (row.contributions ?? {}) : null,
    stageSince: row.stage_since ? new Date(row.stage_since).toISOString() : null,
    stageReasons: withText(t, reasons),
    nextStage: next ? { stage: next.stage, byInvitation: next.byInvitation, done: withText(t, next.done), missing: withText(t, next.missing) } : null,
  };
  if (options.private) {
    const trustNext = nextTrustLevel(rules, level, metrics);
    json.private = {
      reputationParts: explainReputation(row.reputation_parts ?? {}, 10),
      metrics,
      nextTrustLevel: trustNext ? { level: trustNext.level, done: withText(t, trustNext.criteria.filter((c) => c.done)), missing: withText(t, trustNext.criteria.filter((c) => !c.done)) } : null,
      trustReasons: level >= 1 && level <= 3 ? withText(t, checkRequirement(rules.trust[level as 1 | 2 | 3], metrics)) : [],
      privacy: { listed: row.listed !== false, showLocation: row.show_location !== false, showLinks: row.show_links !== false, showActivity: row.show_activity !== false },
    };
  }
  return json;
}

/** Why the member holds their stage: the way they meet it now, else (a kept stage) the closest way. */
function earnedStageReasons(rules: MembersRules, stage: Exclude<Stage, "newcomer" | "ambassador">, metrics: ReturnType<typeof completeMetrics>): Criterion[] {
  for (const option of rules.ladder[stage]) {
    const criteria = checkRequirement(option, metrics);
    if (criteria.every((criterion) => criterion.done)) return criteria;
  }
  const earned = earnedStage(rules, metrics);
  return earned.reasons;
}

export function presentSummary(row: MemberRow) {
  return { id: row.id, name: row.name, url: `/members/${row.id}`, stage: row.stage ?? "newcomer", trustLevel: row.trust_level ?? 0, reputation: row.reputation ?? 0, languages: row.languages ?? [] };
}
