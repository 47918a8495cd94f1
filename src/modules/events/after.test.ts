/**
 * After the event, on both databases: the survey (who may answer, when, once, bad ratings) and its
 * results; photos (who may add them, EXIF stripped, thumbnails, removal); attendance numbers; the
 * organiser's history on their profile (and an unlisted profile); the console's report.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { multipart } from "../../../test/helpers/multipart.ts";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { signedInClient, type Client } from "../../../test/helpers/session.ts";
import { photoFolder } from "./after.ts";
import { giveTrustLevel } from "./testing.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A photo with author and location EXIF data, as a phone would upload it. */
async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .withExif({ IFD0: { Artist: "Secret Person", Copyright: "GPS 35.6892 51.3890" } })
    .jpeg()
    .toBuffer();
}

/** A multipart body as the photo form sends it: text fields, then the files of `photos`. */
function photosForm(fields: Record<string, string>, files: Array<{ name: string; data: Buffer; type: string }>): { payload: Buffer; contentType: string } {
  return multipart(fields, files.map((file) => ({ field: "photos", filename: file.name, type: file.type, data: file.data })));
}

for (const kind of DATABASE_KINDS) {
  describe(`after the event on ${kind}`, () => {
    let t: TestApp;
    let staff: Client;
    let organiser: Client;
    let attendee: Client;
    let absent: Client;
    let stranger: Client;
    let eventId: number;

    const json = (client: Client, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { ...client.headers, "accept-language": "en" }, ...(payload ? { payload } : {}) });
    const form = (client: Client, url: string, fields: Record<string, string> = {}) =>
      t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
    const page = (client: Client | null, url: string) => t.app.inject({ url, headers: { ...(client ? { cookie: client.cookie } : {}), "accept-language": "en" } });
    const upload = (client: Client, url: string, files: Array<{ name: string; data: Buffer; type: string }>) => {
      const body = photosForm({ _csrf: client.csrf }, files);
      return t.app.inject({ method: "POST", url, headers: { cookie: client.cookie, "content-type": body.contentType, "accept-language": "en" }, payload: body.payload });
    };

    /** Moves the event so that it started `startedHoursAgo` and lasts `hours`. */
    async function moveEvent(id: number, startedHoursAgo: number, hours = 2) {
      const startsAt = new Date(Date.now() - startedHoursAgo * HOUR);
      await t.app.hearth.db.updateTable("events").set({ starts_at: startsAt, ends_at: new Date(startsAt.getTime() + hours * HOUR) }).where("id", "=", id).execute();
    }

    before(async () => {
      t = await startTestApp(kind);
      staff = await signedInClient(t.app, ["community_manager"]);
      organiser = await signedInClient(t.app);
      [attendee, absent, stranger] = await Promise.all([signedInClient(t.app), signedInClient(t.app), signedInClient(t.app)]);
      await giveTrustLevel(t.app.hearth.db, organiser.accountId, 2);
      const licence = (await json(organiser, "POST", "/api/v1/event-licences", { about: "I run a makers' club.", city: "Berlin", reason: "Members want to meet.", format: "in_person", expectedAttendance: 30 })).json();
      await json(staff, "POST", `/api/v1/event-licences/${licence.id}/decision`, { decision: "approve", maxEvents: 3 });
      const start = new Date(Date.now() + 3 * DAY);
      const created = await json(organiser, "POST", "/api/v1/events", {
        title: { en: "Berlin build night" }, language: "en", format: "in_person", city: "Berlin", latitude: 52.52, longitude: 13.405,
        startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(), timeZone: "Europe/Berlin", capacity: 10, licenceId: licence.id,
      });
      assert.equal(created.statusCode, 201, created.body);
      eventId = created.json().id;
      for (const client of [attendee, absent]) await t.app.inject({ method: "PUT", url: `/api/v1/events/${eventId}/rsvp`, headers: client.headers, payload: {} });
      // The attendee is checked in at the door; the other member who was going never comes.
      const rsvp = await t.app.hearth.db.selectFrom("event_rsvps").select("id").where("event_id", "=", eventId).where("member_id", "=", attendee.accountId).executeTakeFirstOrThrow();
      assert.equal((await json(organiser, "POST", `/api/v1/events/${eventId}/check-in`, { rsvpId: rsvp.id })).statusCode, 200);
    });
    after(async () => t.close());

    test("photos: not before the start; organisers and checked-in attendees add them, stripped of EXIF; removal", async () => {
      const db = t.app.hearth.db;
      const early = await upload(organiser, `/events/${eventId}/photos`, [{ name: "a.jpg", data: await photo(), type: "image/jpeg" }]);
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /once the event has started/);

      await moveEvent(eventId, 1);

      // Going but not checked in, or a stranger: no.
      for (const client of [absent, stranger]) {
        const refused = await upload(client, `/events/${eventId}/photos`, [{ name: "a.jpg", data: await photo(), type: "image/jpeg" }]);
        assert.equal(refused.statusCode, 403);
        assert.match(refused.body, /Only the organisers and members who were checked in/);
      }
      const notImage = await upload(attendee, `/events/${eventId}/photos`, [{ name: "fake.png", data: Buffer.from("not an image at all"), type: "image/png" }]);
      assert.equal(notImage.statusCode, 400);

      const added = await upload(attendee, `/events/${eventId}/photos`, [{ name: "night.jpg", data: await photo(), type: "image/jpeg" }]);
      assert.equal(added.statusCode, 303, added.body);
      const byOrganiser = await upload(organiser, `/events/${eventId}/photos`, [{ name: "room.jpg", data: await photo(), type: "image/jpeg" }]);
      assert.equal(byOrganiser.statusCode, 303);
      // Through the API too; a member removes their own photo.
      const body = photosForm({}, [{ name: "api.jpg", data: await photo(), type: "image/jpeg" }]);
      const viaApi = await t.app.inject({ method: "POST", url: `/api/v1/events/${eventId}/photos`, headers: { ...attendee.headers, "content-type": body.contentType }, payload: body.payload });
      assert.equal(viaApi.statusCode, 201, viaApi.body);
      assert.deepEqual(viaApi.json(), { added: 1 });
      const apiPhoto = await db.selectFrom("event_photos").select("id").where("event_id", "=", eventId).orderBy("id", "desc").executeTakeFirstOrThrow();
      assert.equal((await json(attendee, "DELETE", `/api/v1/events/${eventId}/photos/${apiPhoto.id}`)).statusCode, 204);
      const photos = await db.selectFrom("event_photos").select(["id", "file_name", "uploader_id"]).where("event_id", "=", eventId).orderBy("id").execute();
      assert.deepEqual(photos.map((row) => row.uploader_id), [attendee.accountId, organiser.accountId]);
      const folder = photoFolder(t.config.dataDir, eventId);
      for (const row of photos) {
        const metadata = await sharp(join(folder, row.file_name)).metadata();
        assert.equal(metadata.format, "webp");
        assert.equal(metadata.exif, undefined, "EXIF is removed");
        assert.ok(existsSync(join(folder, row.file_name.replace(".webp", ".thumb.webp"))));
      }
      const [mine, theirs] = photos;
      assert.ok(mine && theirs);
      const shown = await page(null, `/events/${eventId}`);
      assert.ok(shown.body.includes(`/uploads/events/${eventId}/${mine.file_name.replace(".webp", ".thumb.webp")}`));
      assert.equal((await page(null, `/uploads/events/${eventId}/${mine.file_name}`)).statusCode, 200);

      // The attendee cannot remove the organiser's photo; the organiser removes any; staff are audited.
      assert.equal((await form(attendee, `/events/${eventId}/photos/${theirs.id}/delete`)).statusCode, 403);
      assert.equal((await form(organiser, `/events/${eventId}/photos/${mine.id}/delete`)).statusCode, 303);
      assert.equal(existsSync(join(folder, mine.file_name)), false, "the file is deleted with its row");
      assert.equal((await json(staff, "DELETE", `/api/v1/events/${eventId}/photos/${theirs.id}`)).statusCode, 204);
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "events.photo.remove").execute();
      assert.deepEqual(audit, [{ action: "events.photo.remove", actor_id: staff.accountId }]);
      assert.equal((await db.selectFrom("event_photos").select("id").where("event_id", "=", eventId).execute()).length, 0);
    });

    test("the survey: only checked-in attendees, after the end, once, rating 1 to 5; results for organisers", async () => {
      const db = t.app.hearth.db;
      const answer = { rating: 5, best: "The demos.", improve: "A bigger room." };
      await moveEvent(eventId, 1);
      const early = await json(attendee, "POST", `/api/v1/events/${eventId}/feedback`, answer);
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, "feedback_not_open");

      await moveEvent(eventId, 5);
      for (const rating of [0, 6, 3.5]) {
        const bad = await json(attendee, "POST", `/api/v1/events/${eventId}/feedback`, { ...answer, rating });
        assert.equal(bad.statusCode, 400, `rating ${rating}`);
        assert.equal(bad.json().error.code, "validation_failed");
      }
      for (const client of [absent, stranger]) {
        const refused = await json(client, "POST", `/api/v1/events/${eventId}/feedback`, answer);
        assert.equal(refused.statusCode, 403);
        assert.equal(refused.json().error.code, "not_an_attendee");
        assert.match(refused.json().error.message, /checked in/);
      }
      const before = await page(attendee, `/events/${eventId}`);
      assert.match(before.body, /action="\/events\/\d+\/feedback"/);
      // Two answers at once (a double click): one is kept, the other is told it was already given.
      const both = await Promise.all([json(attendee, "POST", `/api/v1/events/${eventId}/feedback`, answer), json(attendee, "POST", `/api/v1/events/${eventId}/feedback`, answer)]);
      assert.deepEqual(both.map((response) => response.statusCode).sort(), [201, 409]);
      const twice = await form(attendee, `/events/${eventId}/feedback`, { rating: "1", best: "", improve: "" });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.body, /already answered/);
      assert.doesNotMatch((await page(attendee, `/events/${eventId}`)).body, /action="\/events\/\d+\/feedback"/);
      assert.deepEqual(await db.selectFrom("event_feedback").select(["rating", "best", "improve"]).where("event_id", "=", eventId).execute(), [answer]);

      const report = await json(organiser, "GET", `/api/v1/events/${eventId}/feedback`);
      assert.equal(report.statusCode, 200);
      const results = report.json() as { comments: Array<{ best: string; improve: string }> };
      assert.deepEqual({ ...results, comments: results.comments.map((comment) => [comment.best, comment.improve]) }, { count: 1, average: 5, distribution: [0, 0, 0, 0, 1], comments: [["The demos.", "A bigger room."]] });
      assert.equal((await json(attendee, "GET", `/api/v1/events/${eventId}/feedback`)).statusCode, 403);
      assert.equal((await json(staff, "GET", `/api/v1/events/${eventId}/feedback`)).statusCode, 200);

      // Attendance: everyone sees who came; organisers see going, checked in and no-shows, and the comments.
      const organiserPage = await page(organiser, `/events/${eventId}`);
      assert.match(organiserPage.body, /<dt>Going<\/dt><dd>2<\/dd>/);
      assert.match(organiserPage.body, /<dt>Checked in<\/dt><dd>1<\/dd>/);
      assert.match(organiserPage.body, /<dt>Did not come<\/dt><dd>1<\/dd>/);
      assert.match(organiserPage.body, /A bigger room\./);
      const publicPage = await page(null, `/events/${eventId}`);
      assert.match(publicPage.body, /1 member attended\./);
      assert.match(publicPage.body, /Rated 5 out of 5 by 1 attendee\./);
      assert.doesNotMatch(publicPage.body, /Did not come|A bigger room/);
    });

    test("the API tells attendance once the event has ended: checked in to everyone, the organiser's numbers to organisers", async () => {
      const read = (client: Client | null, headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v1/events/${eventId}`, headers: { ...(client ? { cookie: client.cookie } : {}), ...headers } });
      await moveEvent(eventId, 1);
      assert.equal((await read(organiser)).json().attendance, null, "not before the end");

      await moveEvent(eventId, 5);
      const organiserView = { checkedIn: 1, going: 2, noShows: 1, showRate: 0.5 };
      for (const client of [organiser, staff]) assert.deepEqual((await read(client)).json().attendance, organiserView);
      for (const client of [attendee, absent, stranger, null]) assert.deepEqual((await read(client)).json().attendance, { checkedIn: 1 });
      // The same rule behind an API token: its owner's role decides, not the way they sign in.
      const token = await createApiToken(t.app.hearth.db, organiser.accountId, "attendance", ["read"]);
      assert.deepEqual((await read(null, { authorization: `Bearer ${token}` })).json().attendance, organiserView);
      // The other fields keep their shapes.
      const body = (await read(stranger)).json();
      assert.deepEqual(body.attendees, { going: 2, waitlisted: 0 });
      assert.equal(body.title, "Berlin build night");
      assert.equal(body.rsvp, null);
    });

    test("the organiser's history on their profile; an unlisted profile stays hidden from others", async () => {
      const db = t.app.hearth.db;
      const profile = await page(stranger, `/members/${organiser.accountId}`);
      assert.equal(profile.statusCode, 200);
      assert.match(profile.body, /Events organised/);
      assert.match(profile.body, /1 past event, 0 upcoming, 1 attendee in all\./);
      assert.match(profile.body, /Licensed organiser until/);
      assert.match(profile.body, /Berlin build night/);
      // A member with no events and no licence has no such section.
      assert.doesNotMatch((await page(stranger, `/members/${absent.accountId}`)).body, /Events organised/);

      await db.insertInto("member_profiles").values({ account_id: organiser.accountId, listed: false }).onConflict((oc) => oc.column("account_id").doUpdateSet({ listed: false })).execute();
      assert.equal((await page(stranger, `/members/${organiser.accountId}`)).statusCode, 404);
      const own = await page(organiser, `/members/${organiser.accountId}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /Events organised/);
      await db.updateTable("member_profiles").set({ listed: true }).where("account_id", "=", organiser.accountId).execute();
    });

    test("the console's report: by region and city, averages, top organisers; staff only", async () => {
      const report = await page(staff, "/console/events/report");
      assert.equal(report.statusCode, 200);
      const text = report.body.replace(/<[^>]+>/g, "|");
      assert.match(text, /Europe\|+Berlin\|+1\|+0\|+2\|+1\|+1\|+5\|+0/);
      assert.match(report.body, new RegExp(`href="/members/${organiser.accountId}"`));
      assert.equal((await page(organiser, "/console/events/report")).statusCode, 403);
    });
  });
}
