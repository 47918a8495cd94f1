import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addWindow,
  currentState,
  daysLeft,
  DEFAULT_MILESTONES,
  DEFAULT_REVIEW,
  isExpired,
  localMidnight,
  milestoneProgress,
  progressFraction,
  recordReached,
  reviewPeriodFor,
  supportRefusal,
  supportStatus,
  type IdeaFacts,
} from "./rules.ts";

const at = (iso: string) => new Date(iso);
const rules = DEFAULT_MILESTONES;

describe("milestone windows", () => {
  test("the first window is 60 days from publication", () => {
    const progress = milestoneProgress(rules, at("2026-01-01T10:00:00Z"), []);
    assert.deepEqual(progress.next, { index: 0, target: 100, deadline: at("2026-03-02T10:00:00Z") });
  });

  test("each later window runs from the moment the previous milestone was reached", () => {
    const published = at("2026-01-01T00:00:00Z");
    const reached = [at("2026-01-20T08:00:00Z")];
    assert.equal(milestoneProgress(rules, published, reached).next?.deadline.toISOString(), "2027-01-20T08:00:00.000Z");
    const two = [...reached, at("2026-06-30T12:00:00Z")];
    assert.equal(milestoneProgress(rules, published, two).next?.deadline.toISOString(), "2026-12-30T12:00:00.000Z");
  });

  test("month windows clamp to the end of a shorter month, leap years included", () => {
    assert.equal(addWindow(at("2027-08-31T09:00:00Z"), 6, "months").toISOString(), "2028-02-29T09:00:00.000Z");
    assert.equal(addWindow(at("2026-08-31T09:00:00Z"), 6, "months").toISOString(), "2027-02-28T09:00:00.000Z");
    assert.equal(addWindow(at("2026-12-15T00:00:00Z"), 6, "months").toISOString(), "2027-06-15T00:00:00.000Z");
  });

  test("day windows across a leap day count the 29th of February", () => {
    assert.equal(addWindow(at("2028-02-01T00:00:00Z"), 60, "days").toISOString(), "2028-04-01T00:00:00.000Z");
    assert.equal(addWindow(at("2027-02-01T00:00:00Z"), 60, "days").toISOString(), "2027-04-02T00:00:00.000Z");
  });

  test("after the last milestone there is no next deadline", () => {
    const reached = [at("2026-01-02Z"), at("2026-02-02Z"), at("2026-03-02Z"), at("2026-04-02Z")];
    assert.deepEqual(milestoneProgress(rules, at("2026-01-01Z"), reached), { reached: 4, next: null });
  });
});

describe("deadlines and expiry", () => {
  const published = at("2026-01-01T00:00:00Z");
  const deadline = at("2026-03-02T00:00:00Z");

  test("the second before the deadline is still open; the deadline itself and after are expired", () => {
    const progress = milestoneProgress(rules, published, []);
    assert.equal(isExpired(progress, new Date(deadline.getTime() - 1000)), false);
    assert.equal(isExpired(progress, deadline), true);
    assert.equal(isExpired(progress, new Date(deadline.getTime() + 1000)), true);
  });

  test("a support the second before the deadline reaches the milestone and opens the next window", () => {
    const now = new Date(deadline.getTime() - 1000);
    const reached = recordReached(rules, published, [], 100, now);
    assert.deepEqual(reached, [now]);
    assert.equal(currentState(rules, { storedState: "open", publishedAt: published, reachedAt: reached }, deadline), "open");
  });

  test("a support the second after the deadline reaches nothing: the idea has expired", () => {
    const now = new Date(deadline.getTime() + 1000);
    assert.deepEqual(recordReached(rules, published, [], 100, now), []);
    assert.equal(currentState(rules, { storedState: "open", publishedAt: published, reachedAt: [] }, now), "expired");
  });

  test("a withdrawal that drops the count below a reached milestone keeps the milestone and its deadline", () => {
    const reached = recordReached(rules, published, [], 100, at("2026-01-10T00:00:00Z"));
    // Count drops to 99: nothing is recorded again, nothing is undone.
    assert.deepEqual(recordReached(rules, published, reached, 99, at("2026-01-11T00:00:00Z")), reached);
    const progress = milestoneProgress(rules, published, reached);
    assert.equal(progress.next?.target, 1000);
    assert.equal(progress.next?.deadline.toISOString(), "2027-01-10T00:00:00.000Z");
    assert.equal(progressFraction(rules, progress, 99), 0);
  });

  test("several milestones can be reached at once (e.g. after a merge)", () => {
    const now = at("2026-01-05T00:00:00Z");
    assert.equal(recordReached(rules, published, [], 1200, now).length, 2);
  });

  test("an idea that reached every milestone is in review", () => {
    const reached = [at("2026-01-02Z"), at("2026-02-02Z"), at("2026-03-02Z"), at("2026-04-02Z")];
    assert.equal(currentState(rules, { storedState: "open", publishedAt: published, reachedAt: reached }, at("2030-01-01Z")), "in_review");
  });

  test("days left counts whole days and never goes negative", () => {
    assert.equal(daysLeft(deadline, at("2026-02-28T23:00:00Z")), 1);
    assert.equal(daysLeft(deadline, at("2026-03-01T01:00:00Z")), 0);
    assert.equal(daysLeft(deadline, at("2026-04-01T00:00:00Z")), 0);
  });

  test("the progress fraction runs from the previous milestone to the next", () => {
    const progress = milestoneProgress(rules, published, [at("2026-01-10Z")]);
    assert.equal(progressFraction(rules, progress, 100), 0);
    assert.equal(progressFraction(rules, progress, 550), 0.5);
    assert.equal(progressFraction(rules, progress, 5000), 1);
  });
});

describe("who may support", () => {
  const facts: IdeaFacts & { creatorId: number } = { storedState: "open", publishedAt: at("2026-01-01Z"), reachedAt: [], creatorId: 7 };

  test("a member may support an open idea of someone else", () => {
    assert.equal(supportRefusal(rules, facts, 8, at("2026-01-05Z")), null);
  });
  test("not one's own idea", () => {
    assert.equal(supportRefusal(rules, facts, 7, at("2026-01-05Z")), "own_idea");
  });
  test("not an expired idea", () => {
    assert.equal(supportRefusal(rules, facts, 8, at("2026-06-01Z")), "expired");
  });
  test("not an idea in moderation, in review or decided", () => {
    for (const storedState of ["in_moderation", "approved", "not_approved", "rejected", "draft"] as const) {
      assert.equal(supportRefusal(rules, { ...facts, storedState }, 8, at("2026-01-05Z")), "not_open");
    }
  });
});

describe("review periods", () => {
  test("an idea joins the period of the first cut-off after it qualified", () => {
    assert.deepEqual(reviewPeriodFor(DEFAULT_REVIEW, at("2026-02-10T00:00:00Z")), { id: "2026-2", cutoff: at("2026-05-01T00:00:00Z") });
    assert.deepEqual(reviewPeriodFor(DEFAULT_REVIEW, at("2026-10-10T00:00:00Z")), { id: "2027-1", cutoff: at("2027-01-01T00:00:00Z") });
  });

  test("the second before a cut-off joins that period; the cut-off instant joins the next", () => {
    const cutoff = at("2026-05-01T00:00:00Z");
    assert.equal(reviewPeriodFor(DEFAULT_REVIEW, new Date(cutoff.getTime() - 1000)).id, "2026-2");
    assert.equal(reviewPeriodFor(DEFAULT_REVIEW, cutoff).id, "2026-3");
  });

  test("cut-offs are at local midnight in the site's time zone", () => {
    const tehran = { ...DEFAULT_REVIEW, timeZone: "Asia/Tehran" };
    // Tehran is UTC+3:30: midnight on 1 May is 20:30 UTC on 30 April.
    assert.equal(reviewPeriodFor(tehran, at("2026-04-30T20:00:00Z")).cutoff.toISOString(), "2026-04-30T20:30:00.000Z");
    assert.equal(reviewPeriodFor(tehran, at("2026-04-30T21:00:00Z")).id, "2026-3");
  });

  test("local midnight is right on both sides of a daylight-saving change", () => {
    // Jerusalem moves to summer time on the last Friday before 2 April (27 March 2026).
    assert.equal(localMidnight(2026, 3, 27, "Asia/Jerusalem").toISOString(), "2026-03-26T22:00:00.000Z");
    assert.equal(localMidnight(2026, 3, 28, "Asia/Jerusalem").toISOString(), "2026-03-27T21:00:00.000Z");
    assert.equal(localMidnight(2026, 7, 1, "America/New_York").toISOString(), "2026-07-01T04:00:00.000Z");
  });
});

describe("fair counting", () => {
  const bar = { minAccountAgeHours: 24, requireVerifiedEmail: true };
  const now = at("2026-05-10T12:00:00Z");
  test("a verified account older than the bar counts at once", () => {
    assert.equal(supportStatus(bar, { emailVerified: true, createdAt: at("2026-05-09T12:00:00Z") }, now), "verified");
  });
  test("a brand-new account's support is pending", () => {
    assert.equal(supportStatus(bar, { emailVerified: true, createdAt: at("2026-05-10T11:00:00Z") }, now), "pending");
  });
  test("an unverified email's support is pending, however old the account", () => {
    assert.equal(supportStatus(bar, { emailVerified: false, createdAt: at("2020-01-01Z") }, now), "pending");
    assert.equal(supportStatus({ ...bar, requireVerifiedEmail: false }, { emailVerified: false, createdAt: at("2020-01-01Z") }, now), "verified");
  });
});
