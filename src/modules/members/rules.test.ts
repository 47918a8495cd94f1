/** The members' rules without a database: endorsement weights, gaming cases, trust levels, the ladder. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  abilitiesAt,
  completeMetrics,
  decideStage,
  decideTrust,
  DEFAULT_RULES,
  earnedStage,
  explainReputation,
  fallingAgainstBaseline,
  hasAbility,
  mayThankAgain,
  nextStage,
  nextTrustLevel,
  reputationOf,
  reputationParts,
  voteWeight,
  type ActivityFact,
  type Endorser,
  type TrustLevel,
} from "./rules.ts";

const rules = DEFAULT_RULES;
const day = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");

function reputationBy(facts: ActivityFact[], endorsers: (id: number) => Endorser): Map<number, number> {
  const result = new Map<number, number>();
  for (const [member, parts] of reputationParts(rules, facts, endorsers)) result.set(member, reputationOf(Object.fromEntries(parts)));
  return result;
}

const established: Endorser = { level: 2, ageDays: 400 };

describe("endorsement weight", () => {
  test("grows with the endorser's trust and shrinks for fresh accounts and mutual pairs", () => {
    const weights = [0, 1, 2, 3, 4].map((level) => voteWeight(rules.voting, { level: level as TrustLevel, ageDays: 100 }, false));
    for (let i = 1; i < weights.length; i += 1) assert.ok(weights[i]! > weights[i - 1]!, `level ${i} outweighs level ${i - 1}`);
    assert.equal(voteWeight(rules.voting, { level: 2, ageDays: 1 }, false), 1 * rules.voting.freshFactor);
    assert.equal(voteWeight(rules.voting, { level: 2, ageDays: 100 }, true), 1 * rules.voting.mutualFactor);
  });

  test("a brand-new account's vote weighs a twentieth of an established member's", () => {
    const fresh = voteWeight(rules.voting, { level: 0, ageDays: 0 }, false);
    const trusted = voteWeight(rules.voting, established, false);
    assert.equal(fresh, 0.05);
    assert.ok(fresh * 20 <= trusted);
  });
});

describe("reputation", () => {
  test("self-votes and self-accepted answers count for nothing", () => {
    const facts: ActivityFact[] = [
      { actorId: 1, type: "answer.voted", targetId: 1 },
      { actorId: 1, type: "answer.accepted", targetId: 1 },
      { actorId: 1, type: "review.helpful", targetId: 1 },
    ];
    assert.equal(reputationBy(facts, () => established).get(1) ?? 0, 0);
  });

  test("one member voting a hundred times counts as the pair cap", () => {
    const facts: ActivityFact[] = Array.from({ length: 100 }, () => ({ actorId: 2, type: "answer.voted", targetId: 1 }));
    const points = reputationBy(facts, () => established).get(1);
    assert.equal(points, rules.voting.pairCap * 2);
  });

  test("a ring of five accounts voting for each other gains far less than five honest helpful answers", () => {
    const ring = [11, 12, 13, 14, 15];
    const ringFacts: ActivityFact[] = [];
    for (const voter of ring) for (const author of ring) if (voter !== author) for (let i = 0; i < 20; i += 1) ringFacts.push({ actorId: voter, type: "answer.voted", targetId: author });
    // The ring's accounts are a few weeks old and at trust level 1, as a ring's accounts would be.
    const ringScores = reputationBy(ringFacts, () => ({ level: 1, ageDays: 20 }));

    const honest = 1;
    const askers = [21, 22, 23, 24, 25];
    const honestFacts: ActivityFact[] = [];
    askers.forEach((asker, i) => {
      honestFacts.push({ actorId: honest, type: "answer.posted", targetId: asker });
      honestFacts.push({ actorId: honest, type: "answer.accepted", targetId: asker });
      honestFacts.push({ actorId: asker, type: "answer.voted", targetId: honest });
      honestFacts.push({ actorId: askers[(i + 1) % askers.length]!, type: "answer.voted", targetId: honest });
    });
    const honestScore = reputationBy(honestFacts, () => established).get(honest)!;
    for (const member of ring) assert.ok(ringScores.get(member)! * 5 < honestScore, `ring member ${member}: ${ringScores.get(member)} vs honest ${honestScore}`);
  });

  test("votes from fresh accounts add little", () => {
    const facts: ActivityFact[] = Array.from({ length: 10 }, (_, i) => ({ actorId: 100 + i, type: "answer.voted", targetId: 1 }));
    const fromFresh = reputationBy(facts, () => ({ level: 0, ageDays: 0 })).get(1)!;
    const fromTrusted = reputationBy(facts, () => established).get(1)!;
    assert.ok(fromFresh * 10 < fromTrusted, `${fromFresh} vs ${fromTrusted}`);
  });

  test("is explained by its largest parts", () => {
    const explained = explainReputation({ "answer.accepted": 45, "answer.voted": 7.25, "topic.created": 0.5, "idea.supported": 0 });
    assert.deepEqual(explained, [
      { type: "answer.accepted", points: 45 },
      { type: "answer.voted", points: 7.3 },
      { type: "topic.created", points: 0.5 },
    ]);
    assert.equal(reputationOf({ "answer.accepted": 45, "answer.voted": 7.25 }), 52);
  });
});

const verified = { verified: true, suspended: false };

describe("trust levels", () => {
  const busy = completeMetrics({ ageDays: 30, contributions: 20, activeDays: 10, endorsers: 4 });

  test("are earned at once, with the criteria as reasons", () => {
    const decision = decideTrust(rules, { level: 0, granted: null, reviewedAt: new Date(now.getTime() - day) }, busy, verified, now);
    assert.equal(decision.level, 2);
    assert.equal(decision.change, "promoted");
    assert.equal(decision.reviewedAt, now);
    assert.deepEqual(
      decision.reasons.map((r) => r.metric),
      ["ageDays", "contributions", "activeDays", "endorsers"],
    );
    assert.ok(decision.reasons.every((r) => r.done));
  });

  test("an unverified or suspended member stays at 0", () => {
    assert.equal(decideTrust(rules, { level: 0, granted: null, reviewedAt: now }, busy, { verified: false, suspended: false }, now).level, 0);
    assert.equal(decideTrust(rules, { level: 0, granted: null, reviewedAt: now }, busy, { verified: true, suspended: true }, now).level, 0);
  });

  test("demotion waits for the schedule", () => {
    const quiet = completeMetrics({ ageDays: 90, contributions: 20, activeDays: 10, endorsers: 4, recentContributions: 0 });
    const stored = { level: 3 as TrustLevel, granted: null, reviewedAt: new Date(now.getTime() - 10 * day) };
    const early = decideTrust(rules, stored, quiet, verified, now);
    assert.equal(early.level, 3);
    assert.equal(early.change, null);
    const due = decideTrust(rules, stored, quiet, verified, new Date(stored.reviewedAt.getTime() + rules.demotionReviewDays * day));
    assert.equal(due.level, 2);
    assert.equal(due.change, "demoted");
  });

  test("the prompt re-score after an activity promotes but never demotes, even when the review is due", () => {
    const quiet = completeMetrics({ ageDays: 90, contributions: 20, activeDays: 10, endorsers: 4, recentContributions: 0 });
    const stored = { level: 3 as TrustLevel, granted: null, reviewedAt: new Date(now.getTime() - 90 * day) };
    const prompt = decideTrust(rules, stored, quiet, verified, now, { demote: false });
    assert.deepEqual([prompt.level, prompt.change, prompt.reviewedAt], [3, null, stored.reviewedAt], "the review stays due for the schedule");
    assert.equal(decideTrust(rules, stored, quiet, verified, now).level, 2);
    const promoted = decideTrust(rules, { level: 0, granted: null, reviewedAt: now }, busy, verified, now, { demote: false });
    assert.deepEqual([promoted.level, promoted.change], [2, "promoted"]);
  });

  test("a member slightly under their level keeps it within the grace margin", () => {
    // Level 3 needs 40 recent contributions; 35 is within a 20% grace.
    const slightlyUnder = completeMetrics({ ageDays: 90, contributions: 200, activeDays: 60, endorsers: 12, recentContributions: 35, recentActiveDays: 20 });
    const stored = { level: 3 as TrustLevel, granted: null, reviewedAt: new Date(now.getTime() - 60 * day) };
    const decision = decideTrust(rules, stored, slightlyUnder, verified, now);
    assert.equal(decision.level, 3);
    assert.equal(decision.change, null);
    assert.equal(decision.reviewedAt, now, "the review happened and is not repeated until the next period");
  });

  test("level 4 is granted by staff only and never taken automatically", () => {
    const everything = completeMetrics({ ageDays: 999, contributions: 9999, recentContributions: 999, activeDays: 999, recentActiveDays: 99, endorsers: 999 });
    assert.equal(decideTrust(rules, { level: 3, granted: null, reviewedAt: now }, everything, verified, now).level, 3);
    const granted = decideTrust(rules, { level: 4, granted: 4, reviewedAt: new Date(0) }, completeMetrics({}), verified, now);
    assert.equal(granted.level, 4);
    assert.equal(granted.change, null);
  });

  test("abilities open by level", () => {
    assert.equal(hasAbility(0, "post_links"), false);
    assert.equal(hasAbility(1, "post_links"), true);
    assert.equal(hasAbility(1, "apply_programmes"), false);
    assert.equal(hasAbility(2, "apply_programmes"), true);
    assert.equal(hasAbility(2, "edit_wiki"), false);
    assert.equal(hasAbility(3, "edit_wiki"), true);
    assert.equal(hasAbility(3, "help_moderate"), false);
  });

  test("each level lists what it allows and what the next one unlocks", () => {
    assert.deepEqual(abilitiesAt(0), { now: [], next: { level: 1, unlocks: ["post_links"] } });
    assert.deepEqual(abilitiesAt(2), { now: ["post_links", "apply_programmes"], next: { level: 3, unlocks: ["edit_wiki"] } });
    assert.deepEqual(abilitiesAt(4), { now: ["post_links", "apply_programmes", "edit_wiki", "help_moderate"], next: null });
  });

  test("the next level shows what is done and left", () => {
    const next = nextTrustLevel(rules, 1, completeMetrics({ ageDays: 30, contributions: 5, activeDays: 8, endorsers: 1 }))!;
    assert.equal(next.level, 2);
    assert.deepEqual(
      next.criteria.filter((c) => !c.done).map((c) => [c.metric, c.have, c.need]),
      [
        ["contributions", 5, 15],
        ["endorsers", 1, 3],
      ],
    );
    assert.equal(nextTrustLevel(rules, 3, completeMetrics({})), null);
  });
});

describe("the fan ladder", () => {
  test("a newcomer with no activity has participant as the next stage", () => {
    const metrics = completeMetrics({});
    assert.equal(earnedStage(rules, metrics).stage, "newcomer");
    const next = nextStage(rules, "newcomer", metrics)!;
    assert.equal(next.stage, "participant");
    assert.deepEqual(next.missing.map((c) => c.metric), ["contributions"]);
  });

  test("three accepted answers make an advocate, with that as the reason", () => {
    const decision = decideStage(rules, "participant", false, completeMetrics({ contributions: 12, acceptedAnswers: 3 }));
    assert.equal(decision.stage, "advocate");
    assert.equal(decision.change, "promoted");
    assert.deepEqual(decision.reasons, [{ metric: "acceptedAnswers", need: 3, have: 3, done: true }]);
  });

  test("two helpful reviews are another way to advocate", () => {
    assert.equal(earnedStage(rules, completeMetrics({ contributions: 2, helpfulReviews: 2 })).stage, "advocate");
  });

  test("an idea past its first milestone makes a creator, skipping advocate", () => {
    const decision = decideStage(rules, "participant", false, completeMetrics({ contributions: 2, ideasPastMilestone: 1 }));
    assert.equal(decision.stage, "creator");
    assert.equal(decision.change, "promoted");
  });

  test("a stage once reached is kept when activity falls", () => {
    const decision = decideStage(rules, "advocate", false, completeMetrics({ contributions: 1 }));
    assert.equal(decision.stage, "advocate");
    assert.equal(decision.change, null);
  });

  test("ambassador is granted, never earned", () => {
    const everything = completeMetrics({ contributions: 999, acceptedAnswers: 99, ideasPastMilestone: 9, approvedIdeas: 9, likedCreations: 99 });
    assert.equal(decideStage(rules, "creator", false, everything).stage, "creator");
    assert.equal(decideStage(rules, "creator", true, completeMetrics({})).stage, "ambassador");
    const next = nextStage(rules, "creator", everything)!;
    assert.equal(next.stage, "ambassador");
    assert.equal(next.byInvitation, true);
    assert.equal(nextStage(rules, "ambassador", everything), null);
  });

  test("progress to advocate follows the way closest to done", () => {
    const next = nextStage(rules, "participant", completeMetrics({ contributions: 5, acceptedAnswers: 2, helpfulReviews: 0 }))!;
    assert.equal(next.stage, "advocate");
    assert.deepEqual(next.missing, [{ metric: "acceptedAnswers", need: 3, have: 2, done: false }]);
  });

  test("the rules are tunable: a stricter ladder changes the outcome", () => {
    const strict = { ...rules, ladder: { ...rules.ladder, advocate: [{ acceptedAnswers: 10 }] } };
    assert.equal(earnedStage(strict, completeMetrics({ contributions: 4, acceptedAnswers: 3 })).stage, "participant");
  });
});

describe("who to invest in", () => {
  test("a member whose pace halved against their own past is falling; a steady or new one is not", () => {
    const falling = fallingAgainstBaseline(completeMetrics({ ageDays: 400, contributions: 130, recentContributions: 10 }), 100);
    assert.equal(falling.falling, true);
    assert.equal(falling.earlierPerMonth, 12);
    assert.equal(falling.recentPerMonth, 3);
    assert.equal(fallingAgainstBaseline(completeMetrics({ ageDays: 400, contributions: 160, recentContributions: 40 }), 100).falling, false);
    assert.equal(fallingAgainstBaseline(completeMetrics({ ageDays: 120, contributions: 30, recentContributions: 0 }), 100).falling, false, "too little history to judge");
  });
});

describe("thanks from the community team", () => {
  test("come once a day at most: again only when a full day has passed", () => {
    const thanked = new Date("2026-03-20T22:30:00Z");
    assert.equal(mayThankAgain(null, thanked), true, "never thanked");
    assert.equal(mayThankAgain(thanked, new Date("2026-03-21T22:29:59.999Z")), false, "a millisecond short of a day");
    assert.equal(mayThankAgain(thanked, new Date("2026-03-21T22:30:00Z")), true, "a day to the millisecond");
  });
});
