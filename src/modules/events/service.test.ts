/** The events use cases on both databases: licences and their conditions, RSVPs with a waitlist under load, cancellation, check-in, reminders. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import { AppError } from "../../platform/errors.ts";
import {
  applyForLicence,
  cancelEvent,
  cancelRsvp,
  changeCapacity,
  checkIn,
  checkInSignature,
  checkInSignatureValid,
  createEvent,
  decideLicence,
  rsvp,
  sendDueReminders,
  type EventInput,
} from "./service.ts";
import { giveTrustLevel } from "./testing.ts";
import "./index.ts";

const DAY = 86_400_000;
let serial = 0;

function actorFor(id: number, email: string, createdAt: Date, verified: boolean, roles: Role[]): Actor {
  return { id, email, name: email, emailVerified: verified, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...roles.map((role) => ({ role, scope: "*" }))] };
}

/** A member with a stored trust level (2 by default: enough to apply for a licence). */
async function member(t: TestApp, options: { roles?: Role[]; verified?: boolean; ageDays?: number; trustLevel?: number } = {}): Promise<Actor> {
  serial += 1;
  const createdAt = new Date(Date.now() - (options.ageDays ?? 60) * DAY);
  const email = `events${serial}@example.test`;
  const id = await createAccount(t.app.hearth.db, { email, name: `Member ${serial}`, verified: options.verified ?? true, createdAt });
  for (const role of options.roles ?? []) await grantRole(t.app.hearth.db, id, role);
  await giveTrustLevel(t.app.hearth.db, id, options.trustLevel ?? 2);
  return actorFor(id, email, createdAt, options.verified ?? true, options.roles ?? []);
}

/** Many members at once, written in one statement. */
async function members(t: TestApp, count: number): Promise<Actor[]> {
  const createdAt = new Date(Date.now() - 60 * DAY);
  const start = serial;
  serial += count;
  const rows = await t.app.hearth.db
    .insertInto("accounts")
    .values(Array.from({ length: count }, (_, index) => ({ email: `crowd${start + index}@example.test`, name: `Crowd ${start + index}`, email_verified_at: createdAt, created_at: createdAt, updated_at: createdAt })))
    .returning(["id", "email"])
    .execute();
  return rows.map((row) => actorFor(row.id, row.email, createdAt, true, []));
}

function rejects(code: string) {
  return (error: unknown) => error instanceof AppError && error.code === code;
}

function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  const start = new Date(Date.now() + 10 * DAY);
  return {
    title: { en: "Builders' evening" },
    description: { en: "Bring what you made." },
    language: "en",
    format: "in_person",
    venue: "The hall",
    city: "Berlin",
    latitude: 52.52,
    longitude: 13.405,
    onlineUrl: null,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    timeZone: "Europe/Berlin",
    capacity: 100,
    questions: [],
    coOrganiserIds: [],
    groupId: null,
    licenceId: null,
    ...overrides,
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`events on ${kind}`, () => {
    let t: TestApp;
    let staff: Actor;

    before(async () => {
      t = await startTestApp(kind);
      staff = await member(t, { roles: ["community_manager"] });
    });
    after(async () => t.close());

    async function licensedOrganiser(choice: { maxAttendees?: number; maxEvents?: number } = {}): Promise<{ organiser: Actor; licenceId: number }> {
      const organiser = await member(t);
      const licenceId = await applyForLicence(t.app.hearth.db, organiser, { about: "I run a makers' club.", city: "Berlin", reason: "Members want to meet.", format: "in_person", expectedAttendance: 40 });
      await decideLicence(t.app.hearth.db, staff, licenceId, { decision: "approve", ...choice });
      return { organiser, licenceId };
    }

    test("a member below the trust level cannot apply; staff decisions are audited", async () => {
      const db = t.app.hearth.db;
      const application = { about: "I run a makers' club.", city: "Tehran", reason: "Members want to meet.", format: "in_person" as const, expectedAttendance: 30 };
      // The stored trust level decides, not the account's age: an old account at level 1 is refused.
      const basic = await member(t, { ageDays: 400, trustLevel: 1 });
      const unscored = await member(t, { trustLevel: 0 });
      await assert.rejects(applyForLicence(db, basic, application), rejects("trust_level_too_low"));
      await assert.rejects(applyForLicence(db, unscored, application), rejects("trust_level_too_low"));
      // A suspended member counts as level 0 whatever their stored level.
      const suspended = await member(t, { trustLevel: 3 });
      await db.updateTable("accounts").set({ suspended_until: new Date(Date.now() + DAY) }).where("id", "=", suspended.id).execute();
      await assert.rejects(applyForLicence(db, suspended, application), rejects("trust_level_too_low"));
      // A brand-new account that staff trusted may apply.
      const trusted = await member(t, { ageDays: 1, trustLevel: 2 });
      assert.ok((await applyForLicence(db, trusted, application)) > 0);

      const { licenceId } = await licensedOrganiser();
      const licence = await db.selectFrom("event_licences").selectAll().where("id", "=", licenceId).executeTakeFirstOrThrow();
      assert.equal(licence.status, "approved");
      assert.deepEqual(licence.conditions, { maxAttendees: 100, maxEvents: 1, brandRules: "" });
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("subject_type", "=", "event_licence").where("subject_id", "=", String(licenceId)).execute();
      assert.deepEqual(audit, [{ action: "events.licence.approve", actor_id: staff.id }]);
      await assert.rejects(decideLicence(db, staff, licenceId, { decision: "reject", reason: "" }), rejects("reason_required"));
      await assert.rejects(decideLicence(db, await member(t), licenceId, { decision: "revoke", reason: "x" }), rejects("forbidden"));
    });

    test("the licence cap holds: no larger event, no raising the capacity, one event only", async () => {
      const db = t.app.hearth.db;
      const { organiser, licenceId } = await licensedOrganiser();
      await assert.rejects(createEvent(db, organiser, eventInput({ licenceId, capacity: 101 })), rejects("licence_cap_exceeded"));
      const eventId = await createEvent(db, organiser, eventInput({ licenceId, capacity: 100 }));
      await assert.rejects(changeCapacity(db, organiser, eventId, 150), rejects("licence_cap_exceeded"));
      await assert.rejects(createEvent(db, organiser, eventInput({ licenceId })), rejects("licence_used_up"));
      const event = await db.selectFrom("events").select(["capacity", "kind"]).where("id", "=", eventId).executeTakeFirstOrThrow();
      assert.deepEqual(event, { capacity: 100, kind: "member" });
      const organised = await db.selectFrom("activities").select("type").where("actor_id", "=", organiser.id).where("subject_id", "=", eventId).execute();
      assert.deepEqual(organised, [{ type: "event.organised" }]);
      // Someone else's licence and an official event both need more than membership.
      await assert.rejects(createEvent(db, await member(t), eventInput({ licenceId })), rejects("licence_not_yours"));
      await assert.rejects(createEvent(db, organiser, eventInput()), rejects("forbidden"));
    });

    test("a larger licence granted by staff allows more, and an extension more events", async () => {
      const db = t.app.hearth.db;
      const { organiser, licenceId } = await licensedOrganiser({ maxAttendees: 300, maxEvents: 2 });
      const eventId = await createEvent(db, organiser, eventInput({ licenceId, capacity: 250 }));
      await changeCapacity(db, organiser, eventId, 300);
      await createEvent(db, organiser, eventInput({ licenceId, capacity: 50 }));
      await assert.rejects(createEvent(db, organiser, eventInput({ licenceId })), rejects("licence_used_up"));
      // Staff extend it: one more event, the cap unchanged, a new validity from today.
      await decideLicence(db, staff, licenceId, { decision: "extend", maxEvents: 3 });
      const extended = await db.selectFrom("event_licences").select(["conditions", "events_used"]).where("id", "=", licenceId).executeTakeFirstOrThrow();
      assert.deepEqual(extended, { conditions: { maxAttendees: 300, maxEvents: 3, brandRules: "" }, events_used: 2 });
      await createEvent(db, organiser, eventInput({ licenceId, capacity: 300 }));
      const audit = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "event_licence").where("subject_id", "=", String(licenceId)).orderBy("id").execute();
      assert.deepEqual(audit.map((row) => row.action), ["events.licence.approve", "events.licence.extend"]);
    });

    test("a revoked or expired licence stops new events", async () => {
      const db = t.app.hearth.db;
      const revoked = await licensedOrganiser({ maxEvents: 5 });
      await decideLicence(db, staff, revoked.licenceId, { decision: "revoke", reason: "Brand rules broken." });
      await assert.rejects(createEvent(db, revoked.organiser, eventInput({ licenceId: revoked.licenceId })), rejects("licence_revoked"));

      const expiring = await licensedOrganiser({ maxEvents: 5 });
      const inThirteenMonths = new Date(Date.now() + 400 * DAY);
      const later = eventInput({ licenceId: expiring.licenceId, startsAt: new Date(inThirteenMonths.getTime() + DAY).toISOString(), endsAt: new Date(inThirteenMonths.getTime() + DAY + 3_600_000).toISOString() });
      await assert.rejects(createEvent(db, expiring.organiser, later, inThirteenMonths), rejects("licence_expired"));
      await assert.rejects(createEvent(db, expiring.organiser, eventInput({ licenceId: expiring.licenceId, startsAt: later.startsAt, endsAt: later.endsAt })), rejects("licence_expired"));
    });

    test("bad schedules are refused with the field named", async () => {
      const db = t.app.hearth.db;
      const past = new Date(Date.now() - DAY);
      const cases: Array<[Partial<EventInput>, string]> = [
        [{ timeZone: "Mars/Olympus" }, "invalid_time_zone"],
        [{ timeZone: "+03:30" }, "invalid_time_zone"],
        [{ endsAt: new Date(Date.now() + 9 * DAY).toISOString() }, "end_before_start"],
        [{ startsAt: past.toISOString(), endsAt: new Date(past.getTime() + 3_600_000).toISOString() }, "in_past"],
        [{ startsAt: "next tuesday" }, "invalid_time"],
      ];
      for (const [overrides, code] of cases) await assert.rejects(createEvent(db, staff, eventInput(overrides)), rejects(code), code);
    });

    test("300 members RSVP at once to 100 seats; 10 cancel; exactly 10 promoted, each told once", async () => {
      const db = t.app.hearth.db;
      const eventId = await createEvent(db, staff, eventInput({ capacity: 100 }));
      const crowd = await members(t, 300);
      const answers = await Promise.all(crowd.map((actor) => rsvp(db, actor, eventId)));
      assert.equal(answers.filter((answer) => answer.status === "going").length, 100);
      assert.equal(answers.filter((answer) => answer.status === "waitlisted").length, 200);
      assert.deepEqual(
        answers.flatMap((answer) => (answer.waitlistPlace === null ? [] : [answer.waitlistPlace])).sort((a, b) => a - b),
        Array.from({ length: 200 }, (_, index) => index + 1),
      );
      const counts = async () => db.selectFrom("events").select(["going_count", "waitlist_count"]).where("id", "=", eventId).executeTakeFirstOrThrow();
      assert.deepEqual(await counts(), { going_count: 100, waitlist_count: 200 });

      // The earliest ten on the waitlist are the ones to move up.
      const waitlist = await db.selectFrom("event_rsvps").select(["member_id"]).where("event_id", "=", eventId).where("status", "=", "waitlisted").orderBy("position").limit(10).execute();
      const going = crowd.filter((_, index) => answers[index]?.status === "going");
      await Promise.all(going.slice(0, 10).map((actor) => cancelRsvp(db, actor, eventId)));
      // Cancelling twice changes nothing.
      await Promise.all(going.slice(0, 10).map((actor) => cancelRsvp(db, actor, eventId)));
      assert.deepEqual(await counts(), { going_count: 100, waitlist_count: 190 });
      const rows = await db.selectFrom("event_rsvps").select(["status"]).where("event_id", "=", eventId).execute();
      assert.equal(rows.filter((row) => row.status === "going").length, 100);
      assert.equal(rows.filter((row) => row.status === "waitlisted").length, 190);
      assert.equal(rows.filter((row) => row.status === "cancelled").length, 10);

      await t.drainJobs();
      await t.drainJobs();
      const told = await db.selectFrom("notifications").select(["account_id"]).where("type", "=", "events.promoted").execute();
      assert.deepEqual(told.map((row) => row.account_id).sort((a, b) => a - b), waitlist.map((row) => row.member_id).sort((a, b) => a - b));
      const mails = await db.selectFrom("mail_outbox").select("account_id").where("kind", "=", "events.promoted").execute();
      assert.equal(mails.length, 10);
    });

    test("an organiser's cancellation tells everyone once; no RSVP afterwards", async () => {
      const db = t.app.hearth.db;
      const eventId = await createEvent(db, staff, eventInput({ capacity: 2 }));
      const crowd = await members(t, 3);
      for (const actor of crowd) await rsvp(db, actor, eventId);
      await cancelEvent(db, staff, eventId, "The hall flooded.");
      await cancelEvent(db, staff, eventId, "The hall flooded.");
      await t.drainJobs();
      const told = await db.selectFrom("notifications").select("account_id").where("type", "=", "events.cancelled").where("account_id", "in", crowd.map((actor) => actor.id)).execute();
      assert.equal(told.length, 3);
      await assert.rejects(rsvp(db, (await members(t, 1))[0] as Actor, eventId), rejects("event_cancelled"));
    });

    test("check-in by signed link records attendance towards the organiser", async () => {
      const db = t.app.hearth.db;
      const { organiser, licenceId } = await licensedOrganiser();
      const eventId = await createEvent(db, organiser, eventInput({ licenceId, capacity: 10 }));
      const [guest] = await members(t, 1);
      assert.ok(guest);
      await rsvp(db, guest, eventId);
      const row = await db.selectFrom("event_rsvps").select("id").where("event_id", "=", eventId).where("member_id", "=", guest.id).executeTakeFirstOrThrow();
      const signature = checkInSignature("secret", eventId, row.id);
      assert.equal(checkInSignatureValid("secret", eventId, row.id, signature), true);
      assert.equal(checkInSignatureValid("secret", eventId, row.id + 1, signature), false);
      await assert.rejects(checkIn(db, guest, eventId, row.id), rejects("forbidden"));
      assert.deepEqual(await checkIn(db, organiser, eventId, row.id), { memberId: guest.id, alreadyIn: false });
      assert.deepEqual(await checkIn(db, organiser, eventId, row.id), { memberId: guest.id, alreadyIn: true });
      const attended = await db.selectFrom("activities").select(["type", "target_id"]).where("actor_id", "=", guest.id).where("subject_id", "=", eventId).execute();
      assert.deepEqual(attended, [{ type: "event.attended", target_id: organiser.id }]);
    });

    test("reminders a day and an hour before, each once", async () => {
      const db = t.app.hearth.db;
      const start = new Date(Date.now() + 2 * DAY);
      const eventId = await createEvent(db, staff, eventInput({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 5 }));
      const crowd = await members(t, 2);
      for (const actor of crowd) await rsvp(db, actor, eventId);
      const count = async (type: string) =>
        (await db.selectFrom("notifications").select("id").where("type", "=", type).where("account_id", "in", crowd.map((actor) => actor.id)).execute()).length;
      await sendDueReminders(db, new Date(start.getTime() - 30 * 3_600_000));
      await t.drainJobs();
      assert.equal(await count("events.reminder_day"), 0);
      for (const hoursBefore of [23, 22, 5]) await sendDueReminders(db, new Date(start.getTime() - hoursBefore * 3_600_000));
      await t.drainJobs();
      assert.equal(await count("events.reminder_day"), 2);
      for (const minutesBefore of [50, 20]) await sendDueReminders(db, new Date(start.getTime() - minutesBefore * 60_000));
      await t.drainJobs();
      assert.equal(await count("events.reminder_hour"), 2);
      assert.equal(await count("events.reminder_day"), 2);
    });
  });
}
