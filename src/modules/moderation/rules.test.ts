import assert from "node:assert/strict";
import { test } from "node:test";
import { flagWeight, needsApproval, postingProblem, reachesHideThreshold, revisionDiff, trustOf } from "./rules.ts";
import { MODERATION_SETTINGS } from "./settings.ts";

const settings = MODERATION_SETTINGS.defaults;
const now = new Date("2026-03-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000);

test("an account is new while young or unverified", () => {
  assert.equal(trustOf({ createdAt: hoursAgo(1), emailVerified: true }, 24, now), "new");
  assert.equal(trustOf({ createdAt: hoursAgo(48), emailVerified: false }, 24, now), "new");
  assert.equal(trustOf({ createdAt: hoursAgo(48), emailVerified: true }, 24, now), "established");
});

test("rate limit per trust says when to retry; link limit per trust", () => {
  const recent = Array.from({ length: 5 }, (_, index) => new Date(now.getTime() - (50 - index) * 60_000));
  assert.deepEqual(postingProblem("new", settings, recent, 0, now), { kind: "rate", retryAfterSeconds: 600 });
  assert.equal(postingProblem("established", settings, recent, 0, now), null);
  assert.deepEqual(postingProblem("new", settings, [], 2, now), { kind: "links", limit: 1 });
  assert.equal(postingProblem("established", settings, [], 2, now), null);
});

test("first-post approval holds new accounts until one post was approved", () => {
  assert.equal(needsApproval("new", settings, false), true);
  assert.equal(needsApproval("new", settings, true), false);
  assert.equal(needsApproval("established", settings, false), false);
  assert.equal(needsApproval("new", { ...settings, firstPostApproval: false }, false), false);
});

test("flags weigh by trust; staff hide at once", () => {
  assert.equal(flagWeight("new", false, settings), 1);
  assert.equal(flagWeight("established", false, settings), 2);
  assert.equal(reachesHideThreshold(flagWeight("established", false, settings) * 2, settings), true);
  assert.equal(reachesHideThreshold(flagWeight("new", false, settings) * 3, settings), false);
  assert.equal(reachesHideThreshold(flagWeight("new", true, settings), settings), true);
});

test("revision diffs mark added and removed words", () => {
  assert.deepEqual(revisionDiff("the old lid", "the new lid"), [
    { text: "the ", change: "same" },
    { text: "old", change: "removed" },
    { text: "new", change: "added" },
    { text: " lid", change: "same" },
  ]);
});
