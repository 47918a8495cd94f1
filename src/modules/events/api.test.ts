/** The events API and calendars on both databases: shapes, bad input, private online links, .ics across DST changes. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";
import { memberFeedSignature } from "./calendar-routes.ts";
import { toLocalInput } from "./rules.ts";
import { giveTrustLevel } from "./testing.ts";

const DAY = 86_400_000;

function parseCalendar(text: string): Array<{ uid: string; summary: string; start: Date; end: Date; status: string }> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate(), end: event.endDate.toJSDate(), status: String(component.getFirstPropertyValue("status")) };
  });
}

for (const kind of DATABASE_KINDS) {
  describe(`events API on ${kind}`, () => {
    let t: TestApp;
    let staff: Client;
    let member: Client;

    before(async () => {
      t = await startTestApp(kind);
      staff = await signedInClient(t.app, ["community_manager"]);
      member = await signedInClient(t.app);
    });
    after(async () => t.close());

    async function post(client: Client, url: string, payload: unknown, method: "POST" | "PUT" | "PATCH" | "DELETE" = "POST") {
      return t.app.inject({ method, url, headers: { ...client.headers, "accept-language": "en" }, ...(payload === undefined ? {} : { payload: payload as object }) });
    }

    const base = (overrides: Record<string, unknown> = {}) => {
      const start = new Date(Date.now() + 20 * DAY);
      return {
        title: { en: "Online build night" },
        language: "en",
        format: "online",
        onlineUrl: "https://meet.example.test/room-7",
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        timeZone: "Europe/London",
        capacity: 2,
        ...overrides,
      };
    };

    test("create, read, RSVP and waitlist through the API; the online link only for attendees", async () => {
      const created = await post(staff, "/api/v1/events", base());
      assert.equal(created.statusCode, 201, created.body);
      const event = created.json();
      for (const key of ["id", "title", "startsAt", "timeZone", "capacity", "attendees", "icsUrl", "url"]) assert.ok(key in event, key);
      assert.equal(event.title, "Online build night");
      assert.equal(event.url, `${t.config.baseUrl}/events/${event.id}`);

      const anonymous = await t.app.inject({ url: `/api/v1/events/${event.id}` });
      assert.equal(anonymous.json().onlineUrl, null);

      const first = await post(member, `/api/v1/events/${event.id}/rsvp`, {}, "PUT");
      assert.deepEqual(first.json(), { status: "going", waitlistPlace: null });
      assert.equal((await t.app.inject({ url: `/api/v1/events/${event.id}`, headers: { cookie: member.cookie } })).json().onlineUrl, "https://meet.example.test/room-7");

      const others = await Promise.all([signedInClient(t.app), signedInClient(t.app), signedInClient(t.app)]);
      const statuses = [];
      for (const other of others) statuses.push((await post(other, `/api/v1/events/${event.id}/rsvp`, {}, "PUT")).json());
      assert.deepEqual(statuses, [{ status: "going", waitlistPlace: null }, { status: "waitlisted", waitlistPlace: 1 }, { status: "waitlisted", waitlistPlace: 2 }]);
      const waiting = others[2] as Client;
      assert.equal((await t.app.inject({ url: `/api/v1/events/${event.id}`, headers: { cookie: waiting.cookie } })).json().onlineUrl, null);

      const cancelled = await post(member, `/api/v1/events/${event.id}/rsvp`, undefined, "DELETE");
      assert.deepEqual(cancelled.json(), { status: "cancelled", waitlistPlace: null });
      const read = (await t.app.inject({ url: `/api/v1/events/${event.id}`, headers: { cookie: waiting.cookie } })).json();
      assert.deepEqual(read.attendees, { going: 2, waitlisted: 1 });
      assert.deepEqual(read.rsvp, { status: "waitlisted", waitlistPlace: 1 });
    });

    test("bad input answers a clear 4xx", async () => {
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ capacity: -5 }, 400, "validation_failed"],
        [{ capacity: 0 }, 400, "validation_failed"],
        [{ timeZone: "Asia/Nowhere" }, 400, "invalid_time_zone"],
        [{ timeZone: "GMT+3" }, 400, "invalid_time_zone"],
        [{ endsAt: new Date(Date.now() + 19 * DAY).toISOString() }, 400, "end_before_start"],
        [{ startsAt: "2026-13-45T99:00" }, 400, "invalid_time"],
        [{ onlineUrl: "javascript:alert(1)" }, 400, "validation_failed"],
        [{ surprise: true }, 400, "validation_failed"],
      ];
      for (const [overrides, status, code] of cases) {
        const response = await post(staff, "/api/v1/events", base(overrides));
        assert.equal(response.statusCode, status, `${JSON.stringify(overrides)}: ${response.body}`);
        assert.equal(response.json().error.code, code);
        assert.notEqual(response.json().error.message, "");
      }
      assert.equal((await post(member, "/api/v1/events", base())).statusCode, 403);

      const event = (await post(staff, "/api/v1/events", base())).json();
      await post(staff, `/api/v1/events/${event.id}/cancel`, { reason: "Speaker ill." });
      const toCancelled = await post(member, `/api/v1/events/${event.id}/rsvp`, {}, "PUT");
      assert.equal(toCancelled.statusCode, 409);
      assert.equal(toCancelled.json().error.code, "event_cancelled");

      // An event that has begun takes no RSVPs: start it in the past directly in the database.
      const past = (await post(staff, "/api/v1/events", base())).json();
      await t.app.hearth.db.updateTable("events").set({ starts_at: new Date(Date.now() - DAY), ends_at: new Date(Date.now() - DAY + 3_600_000) }).where("id", "=", past.id).execute();
      const toPast = await post(member, `/api/v1/events/${past.id}/rsvp`, {}, "PUT");
      assert.equal(toPast.statusCode, 409);
      assert.equal(toPast.json().error.code, "event_started");
      assert.equal((await t.app.inject({ url: "/api/v1/events/999999" })).statusCode, 404);
      assert.equal((await t.app.inject({ url: "/api/v1/events/abc" })).statusCode, 400);
    });

    test("licences: apply, refused below the trust level, decided by staff only", async () => {
      const application = { about: "I have run meetups for years.", city: "Tel Aviv", reason: "Our city has many fans.", format: "in_person", expectedAttendance: 60 };
      const fresh = await post(member, "/api/v1/event-licences", application);
      assert.equal(fresh.statusCode, 403);
      assert.equal(fresh.json().error.code, "trust_level_too_low");
      assert.match(fresh.json().error.message, /trust level 2/);
      // The members module's stored trust level decides: at level 2 the same member may apply.
      await giveTrustLevel(t.app.hearth.db, member.accountId, 2);
      const older = member;
      const applied = await post(older, "/api/v1/event-licences", application);
      assert.equal(applied.statusCode, 201, applied.body);
      const id = applied.json().id;
      assert.equal((await post(older, `/api/v1/event-licences/${id}/decision`, { decision: "approve" })).statusCode, 403);
      const approved = await post(staff, `/api/v1/event-licences/${id}/decision`, { decision: "approve", maxAttendees: 150, brandRules: "Use the official logo only." });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(approved.json().conditions, { maxAttendees: 150, maxEvents: 1, brandRules: "Use the official logo only." });
      const over = await post(older, "/api/v1/events", base({ licenceId: id, capacity: 151 }));
      assert.equal(over.json().error.code, "licence_cap_exceeded");
      const ok = await post(older, "/api/v1/events", base({ licenceId: id, capacity: 150 }));
      assert.equal(ok.statusCode, 201, ok.body);
      const raise = await post(older, `/api/v1/events/${ok.json().id}`, { capacity: 151 }, "PATCH");
      assert.equal(raise.statusCode, 403);
    });

    test(".ics files parse back with the right instants across DST changes in Jerusalem and Tehran", async () => {
      // Israel's summer time starts on Friday 26 March 2027; Iran has kept +03:30 all year since 2023.
      const cases = [
        { zone: "Asia/Jerusalem", local: "2027-03-25T19:00", utc: "2027-03-25T17:00:00.000Z" },
        { zone: "Asia/Jerusalem", local: "2027-03-28T19:00", utc: "2027-03-28T16:00:00.000Z" },
        { zone: "Asia/Jerusalem", local: "2027-10-31T19:00", utc: "2027-10-31T17:00:00.000Z" },
        { zone: "Asia/Tehran", local: "2027-03-20T18:00", utc: "2027-03-20T14:30:00.000Z" },
        { zone: "Asia/Tehran", local: "2027-03-23T18:00", utc: "2027-03-23T14:30:00.000Z" },
      ];
      const ids: number[] = [];
      for (const item of cases) {
        const end = `${item.local.slice(0, 11)}${String(Number(item.local.slice(11, 13)) + 2).padStart(2, "0")}:30`;
        const response = await post(staff, "/api/v1/events", base({ title: { he: "ערב בונים", fa: "شب سازندگان" }, language: item.zone === "Asia/Tehran" ? "fa" : "he", format: "in_person", onlineUrl: null, city: item.zone === "Asia/Tehran" ? "Tehran" : "Tel Aviv", startsAt: item.local, endsAt: end, timeZone: item.zone }));
        assert.equal(response.statusCode, 201, response.body);
        assert.equal(response.json().startsAt, item.utc);
        assert.equal(response.json().localStartsAt, item.local);
        ids.push(response.json().id);
      }
      for (const [index, item] of cases.entries()) {
        const file = await t.app.inject({ url: `/events/${ids[index]}.ics`, headers: { "accept-language": "he" } });
        assert.equal(file.statusCode, 200);
        assert.match(String(file.headers["content-type"]), /^text\/calendar/);
        const [parsed] = parseCalendar(file.body);
        assert.ok(parsed);
        assert.equal(parsed.start.toISOString(), item.utc);
        assert.equal(toLocalInput(parsed.start, item.zone), item.local);
        assert.equal(parsed.end.getTime() - parsed.start.getTime(), 2.5 * 3_600_000);
        assert.equal(parsed.summary, "ערב בונים");
        assert.match(file.body, new RegExp(`X-WR-TIMEZONE:${item.zone}`));
      }
      const feed = await t.app.inject({ url: "/events/calendar.ics?city=Tehran", headers: { "accept-language": "fa" } });
      const tehran = parseCalendar(feed.body);
      assert.deepEqual(tehran.map((event) => event.start.toISOString()), ["2027-03-20T14:30:00.000Z", "2027-03-23T14:30:00.000Z"]);
      assert.deepEqual(tehran.map((event) => event.summary), ["شب سازندگان", "شب سازندگان"]);
    });

    test("the OpenAPI document lists the events API", async () => {
      const paths = Object.keys((await t.app.inject({ url: "/api/openapi.json" })).json().paths);
      for (const path of ["/api/v1/events", "/api/v1/events/{id}", "/api/v1/events/{id}/rsvp", "/api/v1/event-licences", "/api/v1/event-licences/{id}/decision"]) assert.ok(paths.includes(path), path);
    });

    test("a member's feed needs its signature", async () => {
      const bad = await t.app.inject({ url: `/events/calendar.ics?member=${member.accountId}&key=nope` });
      assert.equal(bad.statusCode, 404);
      const good = await t.app.inject({ url: `/events/calendar.ics?member=${member.accountId}&key=${memberFeedSignature(t.config.sessionSecret, member.accountId)}` });
      assert.equal(good.statusCode, 200);
      parseCalendar(good.body);
    });
  });
}
