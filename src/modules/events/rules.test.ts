import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addMonths,
  approvalTerms,
  attendanceNumbers,
  attendanceShown,
  feedbackRefusal,
  MAX_PHOTOS_PER_EVENT,
  MAX_PHOTOS_PER_MEMBER,
  mayRemoveOrganiser,
  photoRefusal,
  regionOf,
  summariseFeedback,
  DEFAULT_LICENCE_POLICY,
  dueReminder,
  isValidTimeZone,
  licenceRefusal,
  localized,
  mayApplyForLicence,
  promotions,
  reminderTimes,
  rsvpOutcome,
  rsvpRefusal,
  scheduleProblems,
  toLocalInput,
  zonedToInstant,
  type LicenceFacts,
} from "./rules.ts";

const at = (iso: string) => new Date(iso);

describe("licence eligibility", () => {
  test("the trust level must reach the configured minimum", () => {
    assert.equal(mayApplyForLicence({ minTrustLevel: 2 }, 1), false);
    assert.equal(mayApplyForLicence({ minTrustLevel: 2 }, 2), true);
    assert.equal(mayApplyForLicence({ minTrustLevel: 3 }, 2), false);
  });
});

describe("licence conditions", () => {
  const decided = at("2026-01-31T10:00:00Z");

  test("defaults: 100 attendees, one event, valid twelve months", () => {
    const terms = approvalTerms(DEFAULT_LICENCE_POLICY, {}, decided);
    assert.deepEqual(terms.conditions, { maxAttendees: 100, maxEvents: 1, brandRules: "" });
    assert.deepEqual(terms.validUntil, at("2027-01-31T10:00:00Z"));
  });

  test("months clamp to the end of a shorter month", () => {
    assert.deepEqual(addMonths(decided, 1), at("2026-02-28T10:00:00Z"));
    assert.deepEqual(addMonths(at("2027-12-31T00:00:00Z"), 2), at("2028-02-29T00:00:00Z"));
  });

  const approved: LicenceFacts = { applicantId: 7, status: "approved", conditions: { maxAttendees: 100, maxEvents: 1, brandRules: "" }, validUntil: at("2027-01-31T10:00:00Z"), eventsUsed: 0 };
  const now = at("2026-03-01T00:00:00Z");
  const event = { capacity: 100, startsAt: at("2026-04-01T18:00:00Z"), newEvent: true };

  test("an approved licence covers one event up to its cap", () => {
    assert.equal(licenceRefusal(approved, 7, event, now), null);
    assert.equal(licenceRefusal(approved, 7, { ...event, capacity: 101 }, now), "over_cap");
    assert.equal(licenceRefusal({ ...approved, eventsUsed: 1 }, 7, event, now), "used_up");
    assert.equal(licenceRefusal({ ...approved, eventsUsed: 1 }, 7, { ...event, newEvent: false }, now), null);
  });

  test("only the licensee, only while approved and valid", () => {
    assert.equal(licenceRefusal(approved, 8, event, now), "not_yours");
    assert.equal(licenceRefusal({ ...approved, status: "revoked" }, 7, event, now), "revoked");
    assert.equal(licenceRefusal({ ...approved, status: "applied", conditions: null, validUntil: null }, 7, event, now), "not_approved");
    assert.equal(licenceRefusal(approved, 7, event, at("2027-01-31T10:00:00Z")), "expired");
    assert.equal(licenceRefusal(approved, 7, { ...event, startsAt: at("2027-02-01T00:00:00Z") }, now), "expired");
  });

  test("a larger licence allows a larger event", () => {
    const larger = { ...approved, conditions: { maxAttendees: 500, maxEvents: 3, brandRules: "" } };
    assert.equal(licenceRefusal(larger, 7, { ...event, capacity: 500 }, now), null);
  });
});

describe("RSVP and waitlist", () => {
  test("a seat while any is free, else the waitlist", () => {
    assert.equal(rsvpOutcome(100, 99), "going");
    assert.equal(rsvpOutcome(100, 100), "waitlisted");
  });

  test("no RSVP to a cancelled or started event", () => {
    const now = at("2026-05-01T10:00:00Z");
    assert.equal(rsvpRefusal({ cancelledAt: null, startsAt: at("2026-05-01T11:00:00Z") }, now), null);
    assert.equal(rsvpRefusal({ cancelledAt: null, startsAt: now }, now), "started");
    assert.equal(rsvpRefusal({ cancelledAt: now, startsAt: at("2026-06-01T00:00:00Z") }, now), "cancelled");
  });

  test("free seats promote at most the waitlist", () => {
    assert.equal(promotions(100, 99, 5), 1);
    assert.equal(promotions(120, 100, 5), 5);
    assert.equal(promotions(100, 100, 5), 0);
    assert.equal(promotions(80, 100, 5), 0);
  });
});

describe("time zones", () => {
  test("IANA names only", () => {
    assert.equal(isValidTimeZone("Asia/Tehran"), true);
    assert.equal(isValidTimeZone("America/Argentina/Buenos_Aires"), true);
    assert.equal(isValidTimeZone("UTC"), true);
    for (const bad of ["Mars/Olympus", "+03:30", "IRST", "", "asia/tehran/../x", "Europe/Berlin<script>"]) assert.equal(isValidTimeZone(bad), false, bad);
  });

  test("Jerusalem: the same wall time is a different offset either side of the spring change", () => {
    // Israel moves to summer time on Friday 27 March 2026 at 02:00.
    assert.deepEqual(zonedToInstant("2026-03-26T19:00", "Asia/Jerusalem"), at("2026-03-26T17:00:00Z"));
    assert.deepEqual(zonedToInstant("2026-03-28T19:00", "Asia/Jerusalem"), at("2026-03-28T16:00:00Z"));
    // 02:30 does not exist that night: it moves forward past the gap.
    assert.deepEqual(zonedToInstant("2026-03-27T02:30", "Asia/Jerusalem"), at("2026-03-27T00:30:00Z"));
    assert.equal(toLocalInput(at("2026-03-27T00:30:00Z"), "Asia/Jerusalem"), "2026-03-27T03:30");
  });

  test("Jerusalem: a time that occurs twice in autumn takes the earlier", () => {
    // Summer time ends on Sunday 25 October 2026 at 02:00 (back to 01:00).
    assert.deepEqual(zonedToInstant("2026-10-25T01:30", "Asia/Jerusalem"), at("2026-10-24T22:30:00Z"));
  });

  test("Tehran: +03:30 all year since 2023, and before that summer time", () => {
    assert.deepEqual(zonedToInstant("2026-03-20T18:00", "Asia/Tehran"), at("2026-03-20T14:30:00Z"));
    assert.deepEqual(zonedToInstant("2026-03-23T18:00", "Asia/Tehran"), at("2026-03-23T14:30:00Z"));
    assert.deepEqual(zonedToInstant("2021-06-01T18:00", "Asia/Tehran"), at("2021-06-01T13:30:00Z"));
  });

  test("local input round-trips and rejects nonsense", () => {
    for (const zone of ["Asia/Tehran", "Asia/Jerusalem", "Europe/Berlin", "Europe/London"]) {
      const instant = zonedToInstant("2026-07-14T09:05", zone);
      assert.ok(instant);
      assert.equal(toLocalInput(instant, zone), "2026-07-14T09:05");
    }
    assert.equal(zonedToInstant("2026-02-30T10:00", "UTC"), null);
    assert.equal(zonedToInstant("tomorrow", "UTC"), null);
  });

  test("schedule problems name their field", () => {
    const now = at("2026-05-01T00:00:00Z");
    assert.deepEqual(scheduleProblems({ startsAt: at("2026-06-01T18:00:00Z"), endsAt: at("2026-06-01T20:00:00Z"), timeZone: "Europe/London" }, now), {});
    assert.deepEqual(scheduleProblems({ startsAt: at("2026-06-01T18:00:00Z"), endsAt: at("2026-06-01T17:00:00Z"), timeZone: "Nowhere/Land" }, now), { timeZone: "time_zone", endsAt: "end_before_start" });
    assert.deepEqual(scheduleProblems({ startsAt: at("2026-04-01T18:00:00Z"), endsAt: at("2026-06-01T17:00:00Z"), timeZone: "UTC" }, now), { startsAt: "in_past", endsAt: "too_long" });
  });
});

describe("reminders", () => {
  const start = at("2026-09-10T18:00:00Z");

  test("a day and an hour before", () => {
    assert.deepEqual(reminderTimes(start), [
      { kind: "day", at: at("2026-09-09T18:00:00Z") },
      { kind: "hour", at: at("2026-09-10T17:00:00Z") },
    ]);
  });

  test("the latest due reminder, none before or after", () => {
    assert.equal(dueReminder(start, at("2026-09-09T17:59:00Z")), null);
    assert.equal(dueReminder(start, at("2026-09-09T18:00:00Z")), "day");
    assert.equal(dueReminder(start, at("2026-09-10T17:30:00Z")), "hour");
    assert.equal(dueReminder(start, start), null);
  });
});

test("titles fall back to the event's language, then any", () => {
  assert.equal(localized({ he: "מפגש", en: "Meetup" }, "he", "en"), "מפגש");
  assert.equal(localized({ he: "מפגש", en: "Meetup" }, "fa", "en"), "Meetup");
  assert.equal(localized({ he: "מפגש" }, "fa", "en"), "מפגש");
});

describe("after the event", () => {
  const ended = { cancelledAt: null, endsAt: at("2026-05-01T20:00:00Z") };
  const after = at("2026-05-01T21:00:00Z");

  test("the survey: checked-in attendees, once, after the end", () => {
    assert.equal(feedbackRefusal(ended, { checkedIn: true }, false, after), null);
    assert.equal(feedbackRefusal(ended, { checkedIn: true }, false, at("2026-05-01T19:59:59Z")), "not_ended");
    assert.equal(feedbackRefusal(ended, { checkedIn: false }, false, after), "not_attendee");
    assert.equal(feedbackRefusal(ended, null, false, after), "not_attendee");
    assert.equal(feedbackRefusal(ended, { checkedIn: true }, true, after), "already_given");
    assert.equal(feedbackRefusal({ ...ended, cancelledAt: at("2026-04-01T00:00:00Z") }, { checkedIn: true }, false, after), "cancelled");
  });

  test("the survey's summary: mean and spread, out-of-range ratings ignored", () => {
    assert.deepEqual(summariseFeedback([]), { count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    assert.deepEqual(summariseFeedback([5, 4, 4, 1, 0, 6, 2.5]), { count: 4, average: 3.5, distribution: [1, 0, 0, 2, 1] });
  });

  test("attendance: no-shows only once the event has ended", () => {
    assert.deepEqual(attendanceNumbers(10, 7, true), { going: 10, checkedIn: 7, noShows: 3, showRate: 0.7 });
    assert.deepEqual(attendanceNumbers(10, 0, false), { going: 10, checkedIn: 0, noShows: 0, showRate: 0 });
    assert.equal(attendanceNumbers(0, 0, true).showRate, null);
  });

  test("attendance is told once the event has ended, never for a cancelled one", () => {
    const endsAt = at("2026-05-01T20:00:00Z");
    assert.equal(attendanceShown({ endsAt, cancelledAt: null }, at("2026-05-01T19:59:59Z")), false);
    assert.equal(attendanceShown({ endsAt, cancelledAt: null }, endsAt), true);
    assert.equal(attendanceShown({ endsAt, cancelledAt: at("2026-04-20T10:00:00Z") }, at("2026-05-02T10:00:00Z")), false);
  });

  test("photos: organisers and checked-in attendees, from the start, within the limits", () => {
    const event = { cancelledAt: null, startsAt: at("2026-05-01T18:00:00Z") };
    const during = at("2026-05-01T19:00:00Z");
    const none = { event: 0, mine: 0, adding: 1 };
    assert.equal(photoRefusal(event, { organises: false, checkedIn: true }, none, during), null);
    assert.equal(photoRefusal(event, { organises: true, checkedIn: false }, none, during), null);
    assert.equal(photoRefusal(event, { organises: false, checkedIn: false }, none, during), "not_allowed");
    assert.equal(photoRefusal(event, { organises: true, checkedIn: false }, none, at("2026-05-01T17:59:00Z")), "not_started");
    assert.equal(photoRefusal({ ...event, cancelledAt: during }, { organises: true, checkedIn: false }, none, during), "cancelled");
    assert.equal(photoRefusal(event, { organises: false, checkedIn: true }, { event: 0, mine: MAX_PHOTOS_PER_MEMBER, adding: 1 }, during), "too_many");
    assert.equal(photoRefusal(event, { organises: true, checkedIn: false }, { event: 0, mine: MAX_PHOTOS_PER_MEMBER, adding: 1 }, during), null);
    assert.equal(photoRefusal(event, { organises: true, checkedIn: false }, { event: MAX_PHOTOS_PER_EVENT, mine: 0, adding: 1 }, during), "too_many");
  });

  test("regions come from the zone's area; a group keeps one organiser", () => {
    assert.equal(regionOf("Asia/Tehran"), "Asia");
    assert.equal(regionOf("America/Argentina/Buenos_Aires"), "America");
    assert.equal(regionOf("UTC"), "UTC");
    assert.equal(mayRemoveOrganiser(1), false);
    assert.equal(mayRemoveOrganiser(2), true);
  });
});
