/** The events pages on both databases: forms, RSVP, the ticket and its check-in link, groups, the console queue and report, the demo step. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { Browser, signIn } from "../../../test/helpers/http.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import { randomFor } from "../../demo/random.ts";
import { eventsDemoStep } from "./demo.ts";
import { checkInSignature } from "./service.ts";
import { giveTrustLevel } from "./testing.ts";
import { project } from "./views/map.tsx";
import "./index.ts";

const DAY = 86_400_000;
const PASSWORD = "a long and private passphrase";
let serial = 0;

test("the map places cities by their coordinates, west to the left and north up", () => {
  const [berlin, tehran, london] = project([
    { city: "Berlin", latitude: 52.52, longitude: 13.4, events: 2 },
    { city: "Tehran", latitude: 35.69, longitude: 51.39, events: 1 },
    { city: "London", latitude: 51.5, longitude: -0.13, events: 3 },
  ]);
  assert.ok(berlin && tehran && london);
  assert.ok(london.x < berlin.x && berlin.x < tehran.x);
  assert.ok(berlin.y < tehran.y);
  for (const dot of [berlin, tehran, london]) assert.ok(dot.x >= 0 && dot.x <= 640 && dot.y >= 0 && dot.y <= 320);
});

for (const kind of DATABASE_KINDS) {
  describe(`events pages on ${kind}`, () => {
    let t: TestApp;

    before(async () => {
      t = await startTestApp(kind);
    });
    after(async () => t.close());

    async function person(options: { roles?: ("community_manager")[]; ageDays?: number; locale?: string; trustLevel?: number } = {}): Promise<{ id: number; browser: Browser }> {
      serial += 1;
      const email = `pages${serial}@example.test`;
      const id = await createAccount(t.app.hearth.db, { email, name: `Person ${serial}`, password: PASSWORD, verified: true, locale: options.locale ?? "en", createdAt: new Date(Date.now() - (options.ageDays ?? 60) * DAY) });
      for (const role of options.roles ?? []) await grantRole(t.app.hearth.db, id, role);
      if (options.trustLevel) await giveTrustLevel(t.app.hearth.db, id, options.trustLevel);
      const { browser } = await signIn(t.app, email, PASSWORD);
      return { id, browser };
    }

    test("licence, Hebrew event, RSVP with waitlist, ticket check-in, report", async () => {
      const db = t.app.hearth.db;
      const staff = await person({ roles: ["community_manager"] });
      const organiser = await person({ locale: "he", trustLevel: 2 });

      const newcomer = await person({ trustLevel: 1 });
      const refused = await newcomer.browser.post("/events/licences", { about: "I run a club of builders.", city: "Haifa", reason: "Our city wants meetups.", format: "in_person", expectedAttendance: "20" });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /opens at trust level 2/);

      const form = await organiser.browser.request({ url: "/events/new" });
      assert.equal(form.statusCode, 200);
      const applied = await organiser.browser.post("/events/licences", { about: "I run a club of builders.", city: "Tel Aviv", reason: "Our city wants meetups.", format: "in_person", expectedAttendance: "20" });
      assert.equal(applied.statusCode, 303, applied.body);
      const licence = await db.selectFrom("event_licences").select("id").where("applicant_id", "=", organiser.id).executeTakeFirstOrThrow();

      const queue = await staff.browser.request({ url: "/console/events" });
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, /I run a club of builders/);
      assert.equal((await organiser.browser.request({ url: "/console/events" })).statusCode, 403);
      const approved = await staff.browser.post(`/console/events/licences/${licence.id}/decision`, { decision: "approve", maxAttendees: "2", maxEvents: "1", validityMonths: "12", brandRules: "Use the official logo." });
      assert.equal(approved.statusCode, 303, approved.body);

      const start = new Date(Date.now() + 5 * DAY);
      const day = start.toISOString().slice(0, 10);
      const fields = { licenceId: String(licence.id), language: "he", title: "ערב בונים בתל אביב", description: "מביאים את מה שבניתם.", format: "in_person", venue: "המרכז", city: "Tel Aviv", latitude: "32.08", longitude: "34.78", onlineUrl: "", startsAt: `${day}T19:00`, endsAt: `${day}T21:00`, timeZone: "Asia/Jerusalem", capacity: "2", question: "" };
      const tooBig = await organiser.browser.post("/events/new", { ...fields, capacity: "3" });
      assert.equal(tooBig.statusCode, 400);
      assert.match(tooBig.body, /תקרת הרישיון/);
      const backwards = await organiser.browser.post("/events/new", { ...fields, endsAt: `${day}T18:00` });
      assert.equal(backwards.statusCode, 400);
      const created = await organiser.browser.post("/events/new", fields);
      assert.equal(created.statusCode, 303, created.body);
      const eventId = Number(/\/events\/(\d+)/.exec(String(created.headers.location))?.[1]);

      const page = await organiser.browser.request({ url: `/events/${eventId}` });
      assert.match(page.body, /ערב בונים בתל אביב/);
      assert.match(page.body, /Use the official logo/);

      const guests = [await person(), await person(), await person()];
      for (const guest of guests) assert.equal((await guest.browser.post(`/events/${eventId}/rsvp`, {})).statusCode, 303);
      const waiting = await guests[2]?.browser.request({ url: `/events/${eventId}` });
      assert.match(String(waiting?.body), /waitlist, number 1/);
      const ticketPage = await guests[0]?.browser.request({ url: `/events/${eventId}` });
      assert.match(String(ticketPage?.body), /class="event-ticket__qr"><svg[^>]*>/);
      const rsvpRow = await db.selectFrom("event_rsvps").select("id").where("event_id", "=", eventId).where("member_id", "=", guests[0]?.id ?? 0).executeTakeFirstOrThrow();

      // The signed link opens the confirmation for the organiser only; a forged one is 404.
      const signature = checkInSignature(t.config.sessionSecret, eventId, rsvpRow.id);
      assert.equal((await organiser.browser.request({ url: `/events/${eventId}/check-in/${rsvpRow.id}?sig=forged` })).statusCode, 404);
      assert.equal((await guests[1]?.browser.request({ url: `/events/${eventId}/check-in/${rsvpRow.id}?sig=${signature}` }))?.statusCode, 404);
      const scan = await organiser.browser.request({ url: `/events/${eventId}/check-in/${rsvpRow.id}?sig=${signature}` });
      assert.equal(scan.statusCode, 200);
      const checked = await organiser.browser.post(`/events/${eventId}/check-in/${rsvpRow.id}`, { sig: signature });
      assert.equal(checked.statusCode, 303);
      const list = await organiser.browser.request({ url: `/events/${eventId}/check-in` });
      assert.match(list.body, /1 מתוך 2/);

      const listPage = await t.app.inject({ url: "/events" });
      assert.match(listPage.body, /<svg[^>]*role="img"/);
      assert.match(listPage.body, /Tel Aviv/);
      const report = await staff.browser.request({ url: "/console/events/report" });
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /Tel Aviv/);
    });

    test("the event page's capacity form shows the licence's cap and keeps to it", async () => {
      const db = t.app.hearth.db;
      const staff = await person({ roles: ["community_manager"] });
      const organiser = await person({ trustLevel: 2 });
      const guest = await person();
      await organiser.browser.post("/events/licences", { about: "I run a club of builders.", city: "Berlin", reason: "Our city wants meetups.", format: "in_person", expectedAttendance: "20" });
      const licence = await db.selectFrom("event_licences").select("id").where("applicant_id", "=", organiser.id).executeTakeFirstOrThrow();
      await staff.browser.post(`/console/events/licences/${licence.id}/decision`, { decision: "approve", maxAttendees: "20", maxEvents: "1", validityMonths: "12" });
      const form = await organiser.browser.request({ url: "/events/new" });
      assert.match(form.body, /At most the attendance cap of the licence you choose/);
      const day = new Date(Date.now() + 6 * DAY).toISOString().slice(0, 10);
      const created = await organiser.browser.post("/events/new", { licenceId: String(licence.id), language: "en", title: "Berlin build night", description: "", format: "in_person", venue: "", city: "Berlin", latitude: "", longitude: "", onlineUrl: "", startsAt: `${day}T19:00`, endsAt: `${day}T21:00`, timeZone: "Europe/Berlin", capacity: "10", question: "" });
      assert.equal(created.statusCode, 303, created.body);
      const eventId = Number(/\/events\/(\d+)/.exec(String(created.headers.location))?.[1]);

      const page = await organiser.browser.request({ url: `/events/${eventId}` });
      assert.match(page.body, /action="\/events\/\d+\/capacity"/);
      assert.match(page.body, /The licence allows at most 20 attendees/);
      assert.doesNotMatch((await guest.browser.request({ url: `/events/${eventId}` })).body, /\/capacity"/);

      const over = await organiser.browser.post(`/events/${eventId}/capacity`, { capacity: "21" });
      assert.equal(over.statusCode, 400);
      assert.match(over.body, /above the licence&#39;s attendance cap|above the licence's attendance cap/);
      for (const capacity of ["0", "-3", "many"]) {
        const bad = await organiser.browser.post(`/events/${eventId}/capacity`, { capacity });
        assert.equal(bad.statusCode, 400, capacity);
        assert.match(bad.body, /a whole number from 1/);
      }
      assert.equal((await guest.browser.post(`/events/${eventId}/capacity`, { capacity: "15" })).statusCode, 404, "as for check-in, others learn nothing");
      assert.equal((await organiser.browser.post(`/events/${eventId}/capacity`, { capacity: "20" })).statusCode, 303);
      const stored = await db.selectFrom("events").select("capacity").where("id", "=", eventId).executeTakeFirstOrThrow();
      assert.equal(stored.capacity, 20);
      // Staff may go above the organiser's licence only by granting a larger one; their change is audited within it.
      assert.equal((await staff.browser.post(`/events/${eventId}/capacity`, { capacity: "30" })).statusCode, 400);
      assert.equal((await staff.browser.post(`/events/${eventId}/capacity`, { capacity: "18" })).statusCode, 303);
      const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "events.capacity").where("subject_id", "=", String(eventId)).execute();
      assert.equal(audit.length, 1);
    });

    test("the demo step makes groups, events and applications", async () => {
      const db = t.app.hearth.db;
      const joinedAt = new Date(Date.now() - 200 * DAY);
      const accounts = await db
        .insertInto("accounts")
        .values(Array.from({ length: 90 }, (_, index) => ({ email: `demo${index}@example.test`, name: `Demo ${index}`, locale: ["en", "fa", "he"][index % 3] ?? "en", email_verified_at: joinedAt, created_at: joinedAt, updated_at: joinedAt })))
        .returning(["id", "email", "name", "locale"])
        .execute();
      const members = accounts.map((row) => ({ id: row.id, email: row.email, name: row.name, language: (row.locale ?? "en") as "en" | "fa" | "he", joinedAt, verified: true }));
      const [manager, ...rest] = members;
      assert.ok(manager);
      const summary = await db.transaction().execute((tx) => eventsDemoStep.run(tx, randomFor(1, "events"), { now: new Date(), passwordHash: "", staff: { manager }, members: rest }));
      assert.match(String(summary), /6 groups/);
      const groups = await t.app.inject({ url: "/groups" });
      assert.match(groups.body, /Berlin Club/);
      const group = await t.app.inject({ url: "/groups/tehran-makers" });
      assert.equal(group.statusCode, 200);
      const upcoming = await db.selectFrom("events").select("id").where("starts_at", ">", new Date()).execute();
      assert.ok(upcoming.length >= 12);
      const waiting = await db.selectFrom("event_licences").select("id").where("status", "=", "applied").execute();
      assert.ok(waiting.length >= 3);
      // Past events get photos, drawn by a job after the load, and survey answers with comments.
      await t.drainJobs();
      const past = await db.selectFrom("events").select("id").where("ends_at", "<", new Date()).where("kind", "=", "member").execute();
      const photos = await db.selectFrom("event_photos").select(["event_id", "file_name"]).execute();
      assert.equal(new Set(photos.map((photo) => photo.event_id)).size, past.length);
      const first = photos[0];
      assert.ok(first);
      assert.equal((await t.app.inject({ url: `/uploads/events/${first.event_id}/${first.file_name}` })).statusCode, 200);
      const comments = await db.selectFrom("event_feedback").select("improve").where("improve", "<>", "").execute();
      assert.ok(comments.length > 0);
    });
  });
}
