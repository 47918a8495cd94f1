import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readUnsubscribeToken, unsubscribeToken } from "./unsubscribe-token.ts";

const SECRET = "a-secret-that-is-long-enough-for-tests-0123";

describe("unsubscribe tokens", () => {
  test("a token names its account and type", () => {
    const token = unsubscribeToken(SECRET, { accountId: 42, type: "account.role_granted" });
    assert.match(token, /^[\w-]+\.[\w-]+$/);
    assert.deepEqual(readUnsubscribeToken(SECRET, token), { accountId: 42, type: "account.role_granted" });
  });

  test("a token signed with another secret, or altered, is refused", () => {
    const token = unsubscribeToken(SECRET, { accountId: 42, type: "ideas.status" });
    assert.equal(readUnsubscribeToken("another-secret-another-secret-another", token), null);
    const [, mac] = token.split(".");
    const forged = `${Buffer.from("43:ideas.status").toString("base64url")}.${mac}`;
    assert.equal(readUnsubscribeToken(SECRET, forged), null);
    assert.equal(readUnsubscribeToken(SECRET, token.slice(0, -2)), null);
  });

  test("malformed tokens are refused without throwing", () => {
    for (const token of ["", ".", "abc", "a.b.c", "%%%.###", `${Buffer.from("x:y").toString("base64url")}.sig`]) {
      assert.equal(readUnsubscribeToken(SECRET, token), null, token);
    }
  });
});
