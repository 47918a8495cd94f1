import assert from "node:assert/strict";
import { test } from "node:test";
import { accountAgeOf, flagWeight, needsApproval, postingProblem, reachesHideThreshold, revisionDiff } from "./rules.ts";
import { MODERATION_SETTINGS } from "./settings.ts";

const settings = MODERATION_SETTINGS.defaults;
const now = new Date("2026-03-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

test("an account is new while young or unverified", () => {
  assert.equal(accountAgeOf({ createdAt: hoursAgo(1), emailVerified: true }, 24, now), "new");
  assert.equal(accountAgeOf({ createdAt: hoursAgo(48), emailVerified: false }, 24, now), "new");
  assert.equal(accountAgeOf({ createdAt: hoursAgo(48), emailVerified: true }, 24, now), "established");
});

test("the rate limit by account age says when to retry", () => {
  const recent = Array.from({ length: 5 }, (_, index) => new Date(now.getTime() - (50 - index) * 60_000));
  assert.deepEqual(postingProblem("new", 0, settings, recent, 0, now), { kind: "rate", retryAfterSeconds: 600 });
  assert.deepEqual(postingProblem("new", 3, settings, recent, 0, now), { kind: "rate", retryAfterSeconds: 600 }, "trust does not lift the rate limit of a young account");
  assert.equal(postingProblem("established", 0, settings, recent, 0, now), null);
});

test("links need trust level 1; below it the link limit by account age applies", () => {
  assert.deepEqual(postingProblem("new", 0, settings, [], 2, now), { kind: "links", limit: 1 });
  assert.equal(postingProblem("new", 0, settings, [], 1, now), null);
  assert.deepEqual(postingProblem("established", 0, settings, [], 11, now), { kind: "links", limit: 10 });
  assert.equal(postingProblem("new", 1, settings, [], 2, now), null);
  assert.equal(postingProblem("established", 1, settings, [], 50, now), null);
});

test("first-post approval holds new accounts until one post was approved", () => {
  assert.equal(needsApproval("new", settings, false), true);
  assert.equal(needsApproval("new", settings, true), false);
  assert.equal(needsApproval("established", settings, false), false);
  assert.equal(needsApproval("new", { ...settings, firstPostApproval: false }, false), false);
});

test("flags weigh by trust level; staff keep their weight and hide at once", () => {
  assert.deepEqual(
    ([0, 1, 2, 3, 4] as const).map((level) => flagWeight(level, false, settings)),
    [1, 1, 2, 3, 4],
  );
  assert.equal(reachesHideThreshold(flagWeight(2, false, settings) * 2, settings), true);
  assert.equal(reachesHideThreshold(flagWeight(0, false, settings) * 3, settings), false);
  assert.equal(reachesHideThreshold(flagWeight(3, false, settings), settings), false);
  assert.equal(flagWeight(0, true, settings), settings.staffFlagWeight);
  assert.equal(reachesHideThreshold(flagWeight(0, true, settings), settings), true);
});

test("revision diffs mark added and removed words", () => {
  assert.deepEqual(revisionDiff("the old lid", "the new lid"), [
    { text: "the ", change: "same" },
    { text: "old", change: "removed" },
    { text: "new", change: "added" },
    { text: " lid", change: "same" },
  ]);
});
