import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GRANTABLE_ROLES, normalizeScope, parseSuspensionEnd, roleChangeProblem, suspensionEndProblem } from "./rules.ts";

describe("member rules", () => {
  test("the console grants staff roles only", () => {
    assert.deepEqual(GRANTABLE_ROLES, ["moderator", "community_manager", "product_reviewer", "finance", "admin"]);
  });

  test("a blank scope means everywhere", () => {
    assert.equal(normalizeScope(undefined), "*");
    assert.equal(normalizeScope("  "), "*");
    assert.equal(normalizeScope("category:7"), "category:7");
  });

  test("an admin cannot revoke their own admin role, but can revoke others' and their own other roles", () => {
    assert.equal(roleChangeProblem({ actorId: 1, accountId: 1, op: "revoke", role: "admin", scope: "*" }), "own_admin_role");
    assert.equal(roleChangeProblem({ actorId: 1, accountId: 2, op: "revoke", role: "admin", scope: "*" }), null);
    assert.equal(roleChangeProblem({ actorId: 1, accountId: 1, op: "revoke", role: "moderator", scope: "*" }), null);
    assert.equal(roleChangeProblem({ actorId: 1, accountId: 1, op: "grant", role: "admin", scope: "*" }), null);
  });

  test("suspension end dates are real calendar dates", () => {
    assert.equal(parseSuspensionEnd("2026-03-02")?.toISOString(), "2026-03-02T00:00:00.000Z");
    assert.equal(parseSuspensionEnd("2026-02-30"), null);
    assert.equal(parseSuspensionEnd("2026-3-2"), null);
    assert.equal(parseSuspensionEnd("tomorrow"), null);
  });

  test("a suspension must end after now and within ten years", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    assert.equal(suspensionEndProblem(parseSuspensionEnd("2026-03-02"), now), null);
    assert.equal(suspensionEndProblem(parseSuspensionEnd("2026-03-01"), now), "date_past");
    assert.equal(suspensionEndProblem(parseSuspensionEnd("2040-01-01"), now), "date_too_far");
    assert.equal(suspensionEndProblem(null, now), "date_invalid");
  });
});
