/**
 * The members' rules as pure functions of stored facts and `now`: how much an endorsement weighs,
 * reputation and its explanation, trust levels (promote at once, demote on a schedule with a grace
 * margin) and the fan ladder with progress to the next stage. The recompute job aggregates the
 * activities in SQL with the same formulas (see `voteWeight`); nothing here touches a database.
 */

/** What the rules know of a member, aggregated from their activities. */
export const METRICS = [
  "ageDays",
  "contributions",
  "recentContributions",
  "activeDays",
  "recentActiveDays",
  "endorsers",
  "acceptedAnswers",
  "helpfulReviews",
  "ideasPastMilestone",
  "approvedIdeas",
  "likedCreations",
  "reputation",
] as const;
export type Metric = (typeof METRICS)[number];
export type Metrics = Record<Metric, number>;

export const STAGES = ["newcomer", "participant", "advocate", "creator", "ambassador"] as const;
export type Stage = (typeof STAGES)[number];

export const TRUST_LEVELS = [0, 1, 2, 3, 4] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** Who is credited when an activity of a type counts as an endorsement. */
export type Endorsed = "none" | "actor" | "target";

/** The weight of one activity type: its points, and whose endorsement it is (weighted by the endorser's trust). */
export interface ActivityWeight {
  points: number;
  /** `target`: the actor endorses the target (a vote); `actor`: the target endorses the actor (an accepted answer); `none`: the actor's own contribution. */
  endorsed: Endorsed;
}

/** One way to satisfy a rule: every metric at least its minimum. */
export type Requirement = Partial<Record<Metric, number>>;

export interface MembersRules {
  weights: Record<string, ActivityWeight>;
  voting: {
    /** Weight of an endorsement by the endorser's trust level 0–4. */
    levelWeights: [number, number, number, number, number];
    /** Accounts younger than this many days endorse with `freshFactor` of their weight. */
    freshDays: number;
    freshFactor: number;
    /** Two members endorsing each other: each endorsement between them counts this much. */
    mutualFactor: number;
    /** At most this many endorsements of one type from one member to another count. */
    pairCap: number;
  };
  /** Activity within this many days counts as recent. */
  recentDays: number;
  /** Helpful votes a review needs to count as helpful; likes a creation needs to count. */
  helpfulVotesPerReview: number;
  likesPerCreation: number;
  /** Requirements of trust levels 1–3; level 4 is granted by staff only. */
  trust: { 1: Requirement; 2: Requirement; 3: Requirement };
  /** A member keeps a level while they meet its requirements lowered by this fraction. */
  demotionGrace: number;
  /** Demotions are considered at most once per this many days. */
  demotionReviewDays: number;
  /** Any one of the requirements reaches the stage; ambassador is granted by staff only. */
  ladder: { participant: Requirement[]; advocate: Requirement[]; creator: Requirement[] };
}

export const DEFAULT_RULES: MembersRules = {
  weights: {
    "idea.submitted": { points: 1, endorsed: "none" },
    "idea.published": { points: 2, endorsed: "none" },
    "idea.milestone": { points: 10, endorsed: "none" },
    "idea.approved": { points: 25, endorsed: "none" },
    "idea.supported": { points: 1, endorsed: "target" },
    "idea.commented": { points: 0.2, endorsed: "none" },
    "question.asked": { points: 0.5, endorsed: "none" },
    "answer.posted": { points: 1, endorsed: "none" },
    "answer.accepted": { points: 15, endorsed: "actor" },
    "answer.voted": { points: 2, endorsed: "target" },
    "topic.created": { points: 0.5, endorsed: "none" },
    "post.replied": { points: 0.2, endorsed: "none" },
    "reaction.given": { points: 0.5, endorsed: "target" },
    "review.written": { points: 2, endorsed: "none" },
    "review.helpful": { points: 2, endorsed: "target" },
    "creation.shared": { points: 2, endorsed: "none" },
    "creation.liked": { points: 1, endorsed: "target" },
    "critique.answered": { points: 1, endorsed: "none" },
    "event.organised": { points: 10, endorsed: "none" },
    "event.attended": { points: 1, endorsed: "none" },
    "ambassador.task": { points: 5, endorsed: "none" },
  },
  voting: { levelWeights: [0.25, 0.5, 1, 1.25, 1.5], freshDays: 7, freshFactor: 0.2, mutualFactor: 0.2, pairCap: 3 },
  recentDays: 100,
  helpfulVotesPerReview: 5,
  likesPerCreation: 5,
  trust: {
    1: { ageDays: 1, contributions: 3 },
    2: { ageDays: 14, contributions: 15, activeDays: 7, endorsers: 3 },
    3: { ageDays: 60, recentContributions: 40, recentActiveDays: 20, endorsers: 10 },
  },
  demotionGrace: 0.2,
  demotionReviewDays: 30,
  ladder: {
    participant: [{ contributions: 1 }],
    advocate: [{ acceptedAnswers: 3 }, { helpfulReviews: 2 }, { reputation: 150, endorsers: 10 }],
    creator: [{ ideasPastMilestone: 1 }, { approvedIdeas: 1 }, { likedCreations: 3 }],
  },
};

// ---------------------------------------------------------------- endorsements and reputation

export interface Endorser {
  level: TrustLevel;
  ageDays: number;
}

/**
 * What one counted endorsement is worth, before the type's points: the endorser's trust, less for a
 * fresh account, less again between members who endorse each other. The SQL of the recompute job
 * applies exactly this formula (the consistency test in members.test.ts holds them together).
 */
export function voteWeight(rules: MembersRules["voting"], endorser: Endorser, mutual: boolean): number {
  const base = rules.levelWeights[endorser.level];
  const fresh = endorser.ageDays < rules.freshDays ? rules.freshFactor : 1;
  return base * fresh * (mutual ? rules.mutualFactor : 1);
}

/** One activity as the reputation rules see it. */
export interface ActivityFact {
  actorId: number;
  type: string;
  targetId: number | null;
}

/** Who an activity credits and who endorses: null for self-interaction and non-endorsements. */
function endorsementOf(weight: ActivityWeight, fact: ActivityFact): { member: number; endorser: number } | null {
  if (weight.endorsed === "none" || fact.targetId === null || fact.targetId === fact.actorId) return null;
  return weight.endorsed === "target" ? { member: fact.targetId, endorser: fact.actorId } : { member: fact.actorId, endorser: fact.targetId };
}

/**
 * Reputation points per member and activity type from raw activities: own contributions at their
 * points; endorsements capped per pair, weighted by `voteWeight`; self-endorsements worth nothing.
 * This is the reference the SQL aggregation follows; tests use it on small communities.
 */
export function reputationParts(rules: MembersRules, facts: readonly ActivityFact[], endorsers: (id: number) => Endorser): Map<number, Map<string, number>> {
  const parts = new Map<number, Map<string, number>>();
  const add = (member: number, type: string, points: number) => {
    const own = parts.get(member) ?? new Map<string, number>();
    own.set(type, (own.get(type) ?? 0) + points);
    parts.set(member, own);
  };
  const pairs = new Map<string, { member: number; endorser: number; type: string; count: number }>();
  const endorsed = new Set<string>();
  for (const fact of facts) {
    const weight = rules.weights[fact.type];
    if (!weight) continue;
    if (weight.endorsed === "none") {
      if (fact.targetId !== fact.actorId) add(fact.actorId, fact.type, weight.points);
      continue;
    }
    const endorsement = endorsementOf(weight, fact);
    if (!endorsement) continue;
    const key = `${endorsement.member}:${endorsement.endorser}:${fact.type}`;
    const pair = pairs.get(key) ?? { ...endorsement, type: fact.type, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
    endorsed.add(`${endorsement.member}:${endorsement.endorser}`);
  }
  for (const pair of pairs.values()) {
    const mutual = endorsed.has(`${pair.endorser}:${pair.member}`);
    const points = (rules.weights[pair.type]?.points ?? 0) * Math.min(pair.count, rules.voting.pairCap) * voteWeight(rules.voting, endorsers(pair.endorser), mutual);
    add(pair.member, pair.type, points);
  }
  return parts;
}

/** Total reputation, a whole number. */
export function reputationOf(parts: Record<string, number>): number {
  return Math.round(Object.values(parts).reduce((sum, points) => sum + points, 0));
}

/** The largest contributions to a member's reputation, for "why this score". */
export function explainReputation(parts: Record<string, number>, limit = 5): Array<{ type: string; points: number }> {
  return Object.entries(parts)
    .filter(([, points]) => points > 0)
    .map(([type, points]) => ({ type, points: Math.round(points * 10) / 10 }))
    .sort((a, b) => b.points - a.points || a.type.localeCompare(b.type))
    .slice(0, limit);
}

// ---------------------------------------------------------------- requirements

export interface Criterion {
  metric: Metric;
  need: number;
  have: number;
  done: boolean;
}

/** Every criterion of a requirement with what the member has. */
export function checkRequirement(requirement: Requirement, metrics: Metrics, scale = 1): Criterion[] {
  return (Object.entries(requirement) as Array<[Metric, number]>).map(([metric, need]) => {
    const scaled = Math.floor(need * scale);
    return { metric, need: scaled, have: metrics[metric], done: metrics[metric] >= scaled };
  });
}

/** The first requirement met in full, or null. */
function metRequirement(options: readonly Requirement[], metrics: Metrics, scale = 1): Criterion[] | null {
  for (const option of options) {
    const criteria = checkRequirement(option, metrics, scale);
    if (criteria.every((criterion) => criterion.done)) return criteria;
  }
  return null;
}

/** The requirement closest to done (largest share of criteria done, then fewest left): what to show as next steps. */
function closestRequirement(options: readonly Requirement[], metrics: Metrics): Criterion[] {
  let best: Criterion[] = [];
  let bestScore = -1;
  for (const option of options) {
    const criteria = checkRequirement(option, metrics);
    const progress = criteria.reduce((sum, criterion) => sum + Math.min(1, criterion.need === 0 ? 1 : criterion.have / criterion.need), 0) / Math.max(1, criteria.length);
    if (progress > bestScore) {
      best = criteria;
      bestScore = progress;
    }
  }
  return best;
}

// ---------------------------------------------------------------- trust levels

export type Ability = "post_links" | "apply_programmes" | "edit_wiki" | "help_moderate";

/** The lowest trust level that unlocks each ability. */
export const ABILITIES: Readonly<Record<Ability, TrustLevel>> = { post_links: 1, apply_programmes: 2, edit_wiki: 3, help_moderate: 4 };

/** How much a member's flag weighs, by trust level. */
export const FLAG_WEIGHTS: Readonly<Record<TrustLevel, number>> = { 0: 1, 1: 1, 2: 2, 3: 3, 4: 4 };

export function hasAbility(level: TrustLevel, ability: Ability): boolean {
  return level >= ABILITIES[ability];
}

/** What a level lets a member do, and what the next level adds (null at the top), for their own profile. */
export function abilitiesAt(level: TrustLevel): { now: Ability[]; next: { level: TrustLevel; unlocks: Ability[] } | null } {
  const abilities = Object.keys(ABILITIES) as Ability[];
  const now = abilities.filter((ability) => hasAbility(level, ability));
  if (level >= 4) return { now, next: null };
  const next = (level + 1) as TrustLevel;
  return { now, next: { level: next, unlocks: abilities.filter((ability) => ABILITIES[ability] === next) } };
}

function trustOptions(rules: MembersRules, level: 1 | 2 | 3): Requirement[] {
  return [rules.trust[level]];
}

/** The highest automatic level (0–3) whose requirements hold, scaled by `scale`; an unverified or suspended member stays at 0. */
export function earnedTrustLevel(rules: MembersRules, metrics: Metrics, standing: { verified: boolean; suspended: boolean }, scale = 1): TrustLevel {
  if (!standing.verified || standing.suspended) return 0;
  for (const level of [3, 2, 1] as const) {
    if (metRequirement(trustOptions(rules, level), metrics, scale)) return level;
  }
  return 0;
}

export interface StoredTrust {
  level: TrustLevel;
  /** A level granted by staff (4, or a floor); never lowered automatically. */
  granted: TrustLevel | null;
  /** When demotion was last considered (or the level last changed). */
  reviewedAt: Date;
}

export interface TrustDecision {
  level: TrustLevel;
  change: "promoted" | "demoted" | null;
  reviewedAt: Date;
  /** The criteria of the level now held (empty for 0 and staff-granted levels). */
  reasons: Criterion[];
}

/**
 * The trust level after a recompute: a higher earned level at once; a lower one only when the
 * demotion review is due, and only if the member misses their level's requirements even lowered by
 * the grace margin. A staff-granted level is a floor. With `demote: false` (the prompt re-score after
 * an activity) it only ever promotes: demotions wait for the scheduled recompute.
 */
export function decideTrust(rules: MembersRules, stored: StoredTrust, metrics: Metrics, standing: { verified: boolean; suspended: boolean }, now: Date, options: { demote?: boolean } = {}): TrustDecision {
  const floor = stored.granted ?? 0;
  const earned = Math.max(floor, earnedTrustLevel(rules, metrics, standing)) as TrustLevel;
  const reasonsOf = (level: TrustLevel) => (level >= 1 && level <= 3 ? checkRequirement(rules.trust[level as 1 | 2 | 3], metrics) : []);
  if (earned > stored.level) return { level: earned, change: "promoted", reviewedAt: now, reasons: reasonsOf(earned) };
  if (earned === stored.level) return { level: earned, change: null, reviewedAt: stored.reviewedAt, reasons: reasonsOf(earned) };
  const due = (options.demote ?? true) && now.getTime() - stored.reviewedAt.getTime() >= rules.demotionReviewDays * 86_400_000;
  if (!due) return { level: stored.level, change: null, reviewedAt: stored.reviewedAt, reasons: reasonsOf(stored.level) };
  const withGrace = Math.max(floor, earnedTrustLevel(rules, metrics, standing, 1 - rules.demotionGrace)) as TrustLevel;
  const level = Math.min(stored.level, withGrace) as TrustLevel;
  return { level, change: level < stored.level ? "demoted" : null, reviewedAt: now, reasons: level < stored.level ? checkRequirement(rules.trust[stored.level as 1 | 2 | 3] ?? {}, metrics) : reasonsOf(level) };
}

/** What the next trust level needs, or null at level 3 and above (4 is granted by staff). */
export function nextTrustLevel(rules: MembersRules, level: TrustLevel, metrics: Metrics): { level: TrustLevel; criteria: Criterion[] } | null {
  if (level >= 3) return null;
  const next = (level + 1) as 1 | 2 | 3;
  return { level: next, criteria: checkRequirement(rules.trust[next], metrics) };
}

// ---------------------------------------------------------------- the fan ladder

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The highest stage the metrics reach by the ladder's rules, with the criteria that reached it. */
export function earnedStage(rules: MembersRules, metrics: Metrics): { stage: Exclude<Stage, "ambassador">; reasons: Criterion[] } {
  for (const stage of ["creator", "advocate", "participant"] as const) {
    const met = metRequirement(rules.ladder[stage], metrics);
    if (met) return { stage, reasons: met };
  }
  return { stage: "newcomer", reasons: [] };
}

export interface StageDecision {
  stage: Stage;
  change: "promoted" | null;
  reasons: Criterion[];
}

/**
 * The stage after a recompute. A stage once reached is kept (the ladder is a record of what a member
 * has done; falling activity shows in "who to invest in", not as a demotion); ambassador is granted.
 */
export function decideStage(rules: MembersRules, stored: Stage, ambassador: boolean, metrics: Metrics): StageDecision {
  if (ambassador) return { stage: "ambassador", change: stored === "ambassador" ? null : "promoted", reasons: [] };
  const earned = earnedStage(rules, metrics);
  if (stageRank(earned.stage) > stageRank(stored)) return { stage: earned.stage, change: "promoted", reasons: earned.reasons };
  // A withdrawn ambassador grant falls back to the earned stage; any other stage is kept.
  const kept = stored === "ambassador" ? earned.stage : stored;
  const again = kept === "newcomer" ? [] : (metRequirement(rules.ladder[kept], metrics) ?? []);
  return { stage: kept, change: null, reasons: again };
}

export interface NextStage {
  stage: Stage;
  /** Ambassador cannot be earned by metrics: the community team invites. */
  byInvitation: boolean;
  done: Criterion[];
  missing: Criterion[];
}

/** The next stage and what is done and left for it (the closest of its ways), or null for ambassadors. */
export function nextStage(rules: MembersRules, stage: Stage, metrics: Metrics): NextStage | null {
  const next = STAGES[stageRank(stage) + 1];
  if (!next || next === "newcomer") return null;
  if (next === "ambassador") return { stage: next, byInvitation: true, done: [], missing: [] };
  const criteria = closestRequirement(rules.ladder[next], metrics);
  return { stage: next, byInvitation: false, done: criteria.filter((c) => c.done), missing: criteria.filter((c) => !c.done) };
}

/** Metrics with every value present (absent ones are 0), from stored JSON. */
export function completeMetrics(partial: Partial<Record<string, number>>): Metrics {
  const metrics = {} as Metrics;
  for (const metric of METRICS) metrics[metric] = Number(partial[metric] ?? 0);
  return metrics;
}

// ---------------------------------------------------------------- who to invest in

/**
 * Whether a member's recent activity fell against their own earlier pace: contributions per day in
 * the recent window compared with the days before it. Members with too little history are not judged.
 */
export function fallingAgainstBaseline(metrics: Metrics, recentDays: number, options = { minEarlier: 10, ratio: 0.5 }): { falling: boolean; recentPerMonth: number; earlierPerMonth: number } {
  const earlierDays = metrics.ageDays - recentDays;
  const earlier = metrics.contributions - metrics.recentContributions;
  const earlierPerMonth = earlierDays > 0 ? (earlier / earlierDays) * 30 : 0;
  const recentPerMonth = (metrics.recentContributions / recentDays) * 30;
  const falling = earlierDays >= recentDays && earlier >= options.minEarlier && recentPerMonth < earlierPerMonth * options.ratio;
  return { falling, recentPerMonth: Math.round(recentPerMonth * 10) / 10, earlierPerMonth: Math.round(earlierPerMonth * 10) / 10 };
}

/** How long after a thank from the community team the same member can be thanked again. */
export const THANK_INTERVAL_MS = 86_400_000;

/** Whether the team may thank a member now, given when they were last thanked: once a day at most, so a thank stays worth something. */
export function mayThankAgain(lastThankedAt: Date | null, now: Date): boolean {
  return lastThankedAt === null || now.getTime() - lastThankedAt.getTime() >= THANK_INTERVAL_MS;
}
