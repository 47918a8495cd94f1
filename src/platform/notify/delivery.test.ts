import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decideDelivery } from "./delivery.ts";

const verified = { emailVerified: true, deleted: false };

describe("notification delivery", () => {
  test("without a saved choice, the type's defaults apply", () => {
    assert.deepEqual(decideDelivery({ inApp: true, email: false }, undefined, verified, true), { inApp: true, email: false });
  });

  test("the member's saved choice wins over the defaults", () => {
    assert.deepEqual(decideDelivery({ inApp: true, email: true }, { inApp: false, email: false }, verified, true), { inApp: false, email: false });
    assert.deepEqual(decideDelivery({ inApp: false, email: false }, { inApp: true, email: true }, verified, true), { inApp: true, email: true });
  });

  test("email needs a verified address and a type that has an email", () => {
    assert.deepEqual(decideDelivery({ inApp: true, email: true }, undefined, { emailVerified: false, deleted: false }, true), { inApp: true, email: false });
    assert.deepEqual(decideDelivery({ inApp: true, email: true }, undefined, verified, false), { inApp: true, email: false });
  });

  test("a deleted account gets nothing", () => {
    assert.deepEqual(decideDelivery({ inApp: true, email: true }, undefined, { emailVerified: true, deleted: true }, true), { inApp: false, email: false });
  });
});
