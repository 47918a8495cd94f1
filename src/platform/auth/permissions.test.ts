import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { authorize, can, defineActions, isStaff, type Actor, type Role } from "./permissions.ts";
import { AppError } from "../errors.ts";

function actor(...grants: Array<[Role, string?]>): Actor {
  return { id: 1, email: "a@example.test", name: "A", emailVerified: true, locale: null, createdAt: new Date(), roles: grants.map(([role, scope]) => ({ role, scope: scope ?? "*" })) };
}

defineActions({ "test.moderate": ["moderator"], "test.pay": ["finance"] });

describe("permissions: role × action × scope", () => {
  test("a role may perform the actions granted to it, and no others", () => {
    assert.equal(can(actor(["moderator"]), "test.moderate"), true);
    assert.equal(can(actor(["moderator"]), "test.pay"), false);
    assert.equal(can(actor(["member"]), "test.moderate"), false);
  });

  test("a scoped role only acts inside its scope", () => {
    const local = actor(["moderator", "category:7"]);
    assert.equal(can(local, "test.moderate", "category:7"), true);
    assert.equal(can(local, "test.moderate", "category:8"), false);
    assert.equal(can(local, "test.moderate"), false);
  });

  test("admins may perform every action, including undeclared ones; a scoped admin may not", () => {
    assert.equal(can(actor(["admin"]), "test.pay"), true);
    assert.equal(can(actor(["admin"]), "anything.at.all"), true);
    assert.equal(can(actor(["admin", "category:1"]), "test.pay"), false);
  });

  test("nobody may perform an undeclared action except admins", () => {
    assert.equal(can(actor(["moderator", "*"], ["finance"]), "never.declared"), false);
  });

  test("authorize says 401 without an actor and 403 without the permission", () => {
    assert.throws(() => authorize(null, "test.pay"), (error: unknown) => error instanceof AppError && error.kind === "unauthorized");
    assert.throws(() => authorize(actor(["member"]), "test.pay"), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
    assert.doesNotThrow(() => authorize(actor(["finance"]), "test.pay"));
  });

  test("members are not staff; any staff role is", () => {
    assert.equal(isStaff(actor(["member"])), false);
    assert.equal(isStaff(actor(["member"], ["product_reviewer"])), true);
  });
});
