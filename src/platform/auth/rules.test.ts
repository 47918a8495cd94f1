import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { emailTokenUsable, LOGIN_FAILURE_LIMIT, lockoutSeconds, signInRefusal } from "./rules.ts";

const now = new Date("2026-05-01T12:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("sign-in lockout", () => {
  test("nine or ten failures: the next try is allowed or refused", () => {
    const nine = Array.from({ length: LOGIN_FAILURE_LIMIT - 1 }, (_, i) => secondsAgo(i));
    assert.equal(lockoutSeconds(nine, now), 0);
    assert.ok(lockoutSeconds([...nine, secondsAgo(5)], now) > 0);
  });

  test("the lock lifts when the oldest of the latest ten failures is a minute old", () => {
    const failures = [secondsAgo(50), ...Array.from({ length: 9 }, () => secondsAgo(1))];
    assert.equal(lockoutSeconds(failures, now), 10);
    assert.equal(lockoutSeconds(failures, new Date(now.getTime() + 10_000)), 0);
  });

  test("failures older than the window do not count, whatever their order", () => {
    const failures = [secondsAgo(61), secondsAgo(120), ...Array.from({ length: 9 }, () => secondsAgo(3))].reverse();
    assert.equal(lockoutSeconds(failures, now), 0);
  });

  test("more than ten recent failures still wait for the tenth most recent one", () => {
    const failures = Array.from({ length: 15 }, (_, i) => secondsAgo(i * 4));
    // The tenth most recent failed 36 s ago: 24 s to wait.
    assert.equal(lockoutSeconds(failures, now), 24);
  });
});

describe("who may sign in", () => {
  test("active accounts may; deleted and currently suspended ones may not", () => {
    assert.equal(signInRefusal({ deleted_at: null, suspended_until: null }, now), null);
    assert.equal(signInRefusal({ deleted_at: secondsAgo(10), suspended_until: null }, now), "deleted");
    assert.equal(signInRefusal({ deleted_at: null, suspended_until: new Date(now.getTime() + 1000) }, now), "suspended");
    assert.equal(signInRefusal({ deleted_at: null, suspended_until: secondsAgo(1) }, now), null, "a suspension that has ended");
  });
});

describe("emailed links", () => {
  test("usable until expiry, once", () => {
    assert.equal(emailTokenUsable({ expires_at: new Date(now.getTime() + 1), used_at: null }, now), true);
    assert.equal(emailTokenUsable({ expires_at: now, used_at: null }, now), false);
    assert.equal(emailTokenUsable({ expires_at: new Date(now.getTime() + 60_000), used_at: secondsAgo(1) }, now), false);
  });
});
