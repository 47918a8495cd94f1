import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addMonths, agreementRefusal, daysLeft, isOverdue, invitationExpired, isSafeLink, mayEnterSpace, nomineeIdOf, membershipState, nominationRefusal, reminderDue, termEnd, termsDigest, type MembershipTimes } from "./rules.ts";

const at = (iso: string) => new Date(iso);
const membership = (expires: string | null, extra: Partial<MembershipTimes> = {}): MembershipTimes => ({ acceptedAt: at("2026-01-10T09:00:00Z"), expiresAt: expires ? at(expires) : null, endedAt: null, ...extra });

describe("ambassador membership rules", () => {
  test("the state follows the stored times: active, due within 30 days, lapsed at the end, ended", () => {
    const m = membership("2027-01-10T09:00:00Z");
    assert.equal(membershipState(m, at("2026-06-01T00:00:00Z")), "active");
    assert.equal(membershipState(m, at("2026-12-11T09:00:01Z")), "due", "30 days before the end");
    assert.equal(membershipState(m, at("2026-12-11T08:59:59Z")), "active", "just outside the window");
    assert.equal(membershipState(m, at("2027-01-10T09:00:00Z")), "lapsed", "at the end itself");
    assert.equal(membershipState(membership(null), at("2026-06-01T00:00:00Z")), "awaiting_agreement");
    assert.equal(membershipState({ ...m, endedAt: at("2026-03-01T00:00:00Z") }, at("2026-06-01T00:00:00Z")), "ended");
    assert.equal(daysLeft(m, at("2026-12-31T09:00:00Z")), 10);
    assert.equal(daysLeft(m, at("2027-02-01T00:00:00Z")), 0);
  });

  test("a term is one calendar year; renewing early keeps the remaining days", () => {
    assert.deepEqual(termEnd(at("2026-03-05T10:00:00Z"), null), at("2027-03-05T10:00:00Z"));
    assert.deepEqual(termEnd(at("2026-12-20T10:00:00Z"), at("2027-01-10T09:00:00Z")), at("2028-01-10T09:00:00Z"));
    assert.deepEqual(termEnd(at("2027-02-01T10:00:00Z"), at("2027-01-10T09:00:00Z")), at("2028-02-01T10:00:00Z"), "a past end does not count");
    assert.deepEqual(addMonths(at("2028-02-29T12:00:00Z"), 12), at("2029-02-28T12:00:00Z"), "a leap day ends on the last day of February");
  });

  test("only a running membership with an accepted agreement enters the space", () => {
    const now = at("2026-06-01T00:00:00Z");
    assert.equal(mayEnterSpace(membership("2027-01-10T09:00:00Z"), now), true);
    assert.equal(mayEnterSpace(membership("2026-06-20T00:00:00Z"), now), true, "due for renewal is still in");
    assert.equal(mayEnterSpace(membership("2026-05-31T00:00:00Z"), now), false, "lapsed");
    assert.equal(mayEnterSpace(membership("2027-01-10T09:00:00Z", { acceptedAt: null }), now), false, "granted, agreement not yet accepted");
    assert.equal(mayEnterSpace(null, now), false);
  });

  test("the agreement may be accepted after acceptance or a grant, or to renew in the window", () => {
    const now = at("2026-06-01T00:00:00Z");
    assert.equal(agreementRefusal(null, now), "no_membership");
    assert.equal(agreementRefusal(membership(null, { acceptedAt: null }), now), null);
    assert.equal(agreementRefusal(membership("2027-01-10T09:00:00Z", { acceptedAt: null }), now), null, "a staff grant waits for the agreement");
    assert.equal(agreementRefusal(membership("2027-01-10T09:00:00Z"), now), "not_yet_due");
    assert.equal(agreementRefusal(membership("2026-06-20T00:00:00Z"), now), null, "renewal");
    assert.equal(agreementRefusal(membership("2026-05-01T00:00:00Z"), now), "ended");
  });

  test("an invitation waits 60 days for the agreement", () => {
    const invited = { ...membership(null, { acceptedAt: null }), createdAt: at("2026-03-01T00:00:00Z") };
    assert.equal(invitationExpired(invited, at("2026-04-29T23:59:59Z")), false);
    assert.equal(invitationExpired(invited, at("2026-04-30T00:00:00Z")), true);
    assert.equal(invitationExpired({ ...membership("2027-01-10T09:00:00Z", { acceptedAt: null }), createdAt: at("2026-01-01T00:00:00Z") }, at("2026-06-01T00:00:00Z")), false, "a staff grant has a term already");
  });

  test("the renewal reminder is due once per term, inside the window only", () => {
    const m = membership("2026-06-20T00:00:00Z");
    assert.equal(reminderDue(m, at("2026-05-01T00:00:00Z")), false);
    assert.equal(reminderDue(m, at("2026-06-01T00:00:00Z")), true);
    assert.equal(reminderDue({ ...m, remindedFor: at("2026-06-20T00:00:00Z") }, at("2026-06-01T00:00:00Z")), false, "sent already");
    assert.equal(reminderDue({ ...m, remindedFor: at("2025-06-20T00:00:00Z") }, at("2026-06-01T00:00:00Z")), true, "the previous term's reminder does not count");
    assert.equal(reminderDue(m, at("2026-06-21T00:00:00Z")), false, "lapsed");
  });

  test("nominations: the ability or staff; one open nomination; not an ambassador already", () => {
    const facts = { nominatorIsStaff: false, nominatorHasAbility: true, nomineeExists: true, nomineeIsAmbassador: false, nomineeHasOpenNomination: false };
    assert.equal(nominationRefusal(facts), null);
    assert.equal(nominationRefusal({ ...facts, nominatorHasAbility: false }), "cannot_nominate");
    assert.equal(nominationRefusal({ ...facts, nominatorHasAbility: false, nominatorIsStaff: true }), null);
    assert.equal(nominationRefusal({ ...facts, nomineeExists: false }), "nominee_not_found");
    assert.equal(nominationRefusal({ ...facts, nomineeIsAmbassador: true }), "already_ambassador");
    assert.equal(nominationRefusal({ ...facts, nomineeHasOpenNomination: true }), "already_nominated");
  });

  test("the nominee a form names: empty is oneself, else a profile number or address", () => {
    assert.equal(nomineeIdOf("  ", 7), 7);
    assert.equal(nomineeIdOf("42", 7), 42);
    assert.equal(nomineeIdOf("/members/42", 7), 42);
    assert.equal(nomineeIdOf("https://hearth.example/members/42/", 7), 42);
    assert.equal(nomineeIdOf("https://hearth.example/ideas/42", 7), null);
    assert.equal(nomineeIdOf("Dana", 7), null);
    assert.equal(nomineeIdOf("0", 7), null);
    assert.equal(nomineeIdOf("99999999999999999999", 7), null);
  });

  test("links, digests and due days", () => {
    assert.equal(isSafeLink("https://example.org/meetup"), true);
    assert.equal(isSafeLink("javascript:alert(1)"), false);
    assert.equal(isSafeLink("not a link"), false);
    assert.equal(termsDigest("terms"), "51d2361f4faea3bc8f9facdbc7d99abb555596a2e51f7b25fd3b41c93587e616");
    assert.match(termsDigest("שלום"), /^[0-9a-f]{64}$/);
    assert.notEqual(termsDigest("a"), termsDigest("b"));
    assert.equal(isOverdue("2026-05-31", at("2026-06-01T00:00:00Z")), true);
    assert.equal(isOverdue("2026-06-01", at("2026-06-01T23:00:00Z")), false);
    assert.equal(isOverdue(null, at("2026-06-01T00:00:00Z")), false);
  });
});
