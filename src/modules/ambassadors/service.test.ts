/** The ambassador programme on both databases: nominations, review, the agreement, renewal and lapse, tasks, impact, and the pages' permissions. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { apiToken, signedInClient, type Client } from "../../../test/helpers/session.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";
import { AppError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n/index.ts";
import { impactCsv } from "./console/routes.tsx";
import { termsDigest } from "./rules.ts";
import { acceptAgreement, addPerk, addTask, decideReport, isAmbassadorNow, nominate, postAnnouncement, reportTask, reviewNomination, sweepMemberships } from "./service.ts";
import { ambassadorsSettings, termsText } from "./settings.ts";
import { impactReport } from "./store.ts";
import "./index.ts";

const DAY = 86_400_000;
let serial = 0;

async function member(db: Executor, options: { roles?: Role[]; level?: number; name?: string } = {}): Promise<Actor> {
  serial += 1;
  const email = `amb${serial}@example.test`;
  const name = options.name ?? `Member ${serial}`;
  const createdAt = new Date(Date.now() - 90 * DAY);
  const id = await createAccount(db, { email, name, verified: true, createdAt });
  for (const role of options.roles ?? []) await grantRole(db, id, role);
  if (options.level !== undefined) await db.insertInto("member_scores").values({ account_id: id, trust_level: options.level }).execute();
  return { id, email, name, emailVerified: true, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...(options.roles ?? []).map((role) => ({ role, scope: "*" }))] };
}

function rejects(code: string) {
  return (error: unknown) => error instanceof AppError && error.code === code;
}

const TERMS = termsText(ambassadorsSettings.defaults, "en", translator("en"));
const agree = (db: Executor, actor: Actor, now: Date) => acceptAgreement(db, actor, { terms: TERMS, shownDigest: termsDigest(TERMS), locale: "en" }, now);

async function flagOf(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom("member_scores").select("ambassador").where("account_id", "=", id).executeTakeFirst())?.ambassador ?? false;
}

async function noticesOf(db: Executor, id: number): Promise<string[]> {
  return (await db.selectFrom("notifications").select("type").where("account_id", "=", id).orderBy("id").execute()).map((row) => row.type);
}

for (const kind of DATABASE_KINDS) {
  describe(`ambassador programme (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let manager: Actor;
    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      manager = await member(db, { roles: ["community_manager"] });
    });
    after(async () => {
      await t.close();
    });

    test("nominations: trust level 2 or staff, a real reason, one open nomination per nominee", async () => {
      const now = new Date();
      const newcomer = await member(db, { level: 1 });
      const trusted = await member(db, { level: 2 });
      const other = await member(db);
      await assert.rejects(nominate(db, newcomer, { nomineeId: newcomer.id, reason: "I help people every day." }, now), rejects("nomination_not_allowed"));
      await assert.rejects(nominate(db, trusted, { nomineeId: other.id, reason: "short" }, new Date()), rejects("nomination_invalid"));
      await assert.rejects(nominate(db, trusted, { nomineeId: 999_999_999, reason: "Answers questions every day." }, now), rejects("member_not_found"));
      const id = await nominate(db, trusted, { nomineeId: other.id, reason: "Answers **every** question kindly." }, now);
      assert.ok(id > 0);
      await assert.rejects(nominate(db, trusted, { nomineeId: other.id, reason: "Answers questions every day." }, now), rejects("already_nominated"));
      await assert.rejects(nominate(db, manager, { nomineeId: other.id, reason: "Answers questions every day." }, now), rejects("already_nominated"), "staff too: one open nomination");
      // Staff nominate anyone, and that is audited.
      await nominate(db, manager, { nomineeId: newcomer.id, reason: "Runs the local meet-up." }, now);
      const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "ambassadors.nominate").where("subject_id", "=", String(newcomer.id)).execute();
      assert.equal(audit.length, 1);
    });

    test("review, agreement, renewal reminder once, lapse: the flag follows the membership", async () => {
      const start = new Date("2026-03-01T10:00:00Z");
      const nominee = await member(db);
      const id = await nominate(db, manager, { nomineeId: nominee.id, reason: "Hosts the Shiraz meet-up." }, start);
      await assert.rejects(reviewNomination(db, nominee, id, "accept", "", start), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
      await assert.rejects(reviewNomination(db, manager, id, "decline", "  ", start), rejects("decision_reason_required"));
      await assert.rejects(agree(db, nominee, start), rejects("not_nominated"));
      await reviewNomination(db, manager, id, "accept", "", start);
      await assert.rejects(reviewNomination(db, manager, id, "decline", "changed my mind", start), rejects("nomination_decided"));
      assert.deepEqual(await noticesOf(db, nominee.id), ["ambassadors.nomination_accepted"]);
      assert.equal(await flagOf(db, nominee.id), false, "not an ambassador before the agreement");
      assert.equal(await isAmbassadorNow(db, nominee.id, start), false);

      await assert.rejects(acceptAgreement(db, nominee, { terms: TERMS, shownDigest: termsDigest("other terms"), locale: "en" }, start), rejects("terms_changed"));
      const { expiresAt } = await agree(db, nominee, start);
      assert.equal(expiresAt.toISOString(), "2027-03-01T10:00:00.000Z");
      assert.equal(await flagOf(db, nominee.id), true);
      assert.equal(await isAmbassadorNow(db, nominee.id, start), true);
      const agreement = await db.selectFrom("ambassador_agreements").select(["terms_sha256", "accepted_at"]).where("account_id", "=", nominee.id).executeTakeFirstOrThrow();
      assert.equal(agreement.terms_sha256, termsDigest(TERMS));
      assert.equal(new Date(agreement.accepted_at).toISOString(), start.toISOString());
      const recompute = await db.selectFrom("jobs").select("id").where("queue", "=", "members.recompute").execute();
      assert.ok(recompute.length >= 1, "the ladder is asked to recompute");
      await assert.rejects(agree(db, nominee, new Date("2026-06-01T00:00:00Z")), rejects("renewal_not_due"));
      await assert.rejects(nominate(db, manager, { nomineeId: nominee.id, reason: "Nominated again by mistake." }, start), rejects("already_ambassador"));

      // 20 days before the end: one reminder, however often the sweep runs.
      const due = new Date("2027-02-09T10:00:00Z");
      await sweepMemberships(db, due);
      await sweepMemberships(db, new Date(due.getTime() + 3600_000));
      assert.deepEqual((await noticesOf(db, nominee.id)).filter((type) => type === "ambassadors.renewal_due"), ["ambassadors.renewal_due"]);
      // Renewing early keeps the remaining days; then the next term's reminder is due again later.
      const renewed = await agree(db, nominee, due);
      assert.equal(renewed.expiresAt.toISOString(), "2028-03-01T10:00:00.000Z");
      assert.equal((await db.selectFrom("ambassador_agreements").select("id").where("account_id", "=", nominee.id).execute()).length, 2);

      // The term runs out: the membership ends, the flag is cleared, the space closes; a rerun changes nothing.
      const end = new Date("2028-03-01T10:00:01Z");
      const swept = await sweepMemberships(db, end);
      assert.ok(swept.lapsed >= 1);
      assert.equal(await flagOf(db, nominee.id), false);
      assert.equal(await isAmbassadorNow(db, nominee.id, end), false);
      const ended = await db.selectFrom("ambassador_memberships").select(["ended_at", "end_reason"]).where("account_id", "=", nominee.id).executeTakeFirstOrThrow();
      assert.equal(ended.end_reason, "lapsed");
      assert.equal(new Date(ended.ended_at ?? 0).toISOString(), "2028-03-01T10:00:00.000Z", "ended at the end of the term, not at the sweep");
      await sweepMemberships(db, end);
      assert.deepEqual((await noticesOf(db, nominee.id)).filter((type) => type === "ambassadors.lapsed"), ["ambassadors.lapsed"]);
      // A lapsed ambassador may be nominated again; an invitation left unanswered for 60 days ends, so another nomination can follow.
      const again = await nominate(db, manager, { nomineeId: nominee.id, reason: "Back for another year." }, end);
      await reviewNomination(db, manager, again, "accept", "", end);
      await assert.rejects(nominate(db, manager, { nomineeId: nominee.id, reason: "Nominated while invited." }, end), rejects("already_ambassador"));
      assert.equal((await sweepMemberships(db, new Date(end.getTime() + 59 * DAY))).expiredInvitations, 0);
      assert.equal((await sweepMemberships(db, new Date(end.getTime() + 60 * DAY))).expiredInvitations, 1);
      assert.ok((await nominate(db, manager, { nomineeId: nominee.id, reason: "Still the best host we have." }, new Date(end.getTime() + 61 * DAY))) > 0);
    });

    test("tasks: only ambassadors report, staff confirm into an activity; impact and its CSV", async () => {
      const now = new Date();
      const ambassador = await member(db, { name: "=HYPERLINK(\"http://evil\")" });
      const id = await nominate(db, manager, { nomineeId: ambassador.id, reason: "Writes the best guides." }, now);
      await reviewNomination(db, manager, id, "accept", "", now);
      await agree(db, ambassador, now);
      const outsider = await member(db, { level: 4 });
      await assert.rejects(addTask(db, outsider, { title: "Host a meet-up", description: "", dueOn: null, points: 10 }, now), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
      await assert.rejects(addTask(db, manager, { title: "Host a meet-up", description: "", dueOn: null, points: 5000 }, now), rejects("invalid_input"));
      const task = await addTask(db, manager, { title: "Host a meet-up", description: "In your city", dueOn: "2030-01-31", points: 25 }, now);
      await addPerk(db, manager, { title: "Early access to betas", body: "" }, now);
      await postAnnouncement(db, manager, "Welcome, **ambassadors**!", now);
      await assert.rejects(reportTask(db, outsider, task, null, now), rejects("not_an_ambassador"));
      await assert.rejects(reportTask(db, ambassador, task, "javascript:alert(1)", now), rejects("invalid_input"));
      await reportTask(db, ambassador, task, "https://example.org/meetup", now);
      const report = await db.selectFrom("ambassador_task_reports").select("id").where("account_id", "=", ambassador.id).executeTakeFirstOrThrow();
      await assert.rejects(decideReport(db, ambassador, report.id, "confirm", now), (error: unknown) => error instanceof AppError && error.kind === "forbidden");
      await decideReport(db, manager, report.id, "confirm", now);
      await assert.rejects(decideReport(db, manager, report.id, "confirm", now), rejects("report_decided"));
      await assert.rejects(reportTask(db, ambassador, task, null, now), rejects("task_confirmed"));
      const activity = await db.selectFrom("activities").select(["type", "subject_id"]).where("actor_id", "=", ambassador.id).execute();
      assert.deepEqual(activity, [{ type: "ambassador.task", subject_id: task }]);
      assert.ok((await noticesOf(db, ambassador.id)).includes("ambassadors.task_confirmed"));
      const [impact] = await impactReport(db, ambassador.id);
      assert.ok(impact);
      assert.equal(impact.tasksDone, 1);
      assert.equal(impact.taskPoints, 25);
      assert.equal(impact.activities, 1);
      const csv = impactCsv([impact]);
      assert.ok(csv.includes(`'=HYPERLINK(""http://evil"")`), "a formula in a name is neutralised");
      assert.ok(csv.startsWith("account_id,name,since,tasks_done"));
    });

    test("API: nominations with a write token and the ability; stable error codes; the public list", async () => {
      const call = (method: "GET" | "POST", url: string, token?: string, payload?: unknown) =>
        t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { "content-type": "application/json" } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
      const low = await apiToken(t.app, [], ["read", "write"]);
      const trusted = await apiToken(t.app, [], ["read", "write"]);
      const readOnly = await apiToken(t.app, [], ["read"]);
      await db.insertInto("member_scores").values({ account_id: trusted.accountId, trust_level: 2 }).execute();
      const refused = await call("POST", "/api/v1/ambassadors/nominations", low.token, { nomineeId: low.accountId, reason: "I run the local meet-up." });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, "nomination_not_allowed");
      assert.equal((await call("POST", "/api/v1/ambassadors/nominations", readOnly.token, { nomineeId: readOnly.accountId, reason: "I run the local meet-up." })).statusCode, 403);
      const bad = await call("POST", "/api/v1/ambassadors/nominations", trusted.token, { nomineeId: "me", reason: "x" });
      assert.equal(bad.statusCode, 400);
      const short = await call("POST", "/api/v1/ambassadors/nominations", trusted.token, { nomineeId: trusted.accountId, reason: "x" });
      assert.equal(short.statusCode, 400);
      assert.match(short.json().error.fields.reason, /between 10 and 4000/);
      const made = await call("POST", "/api/v1/ambassadors/nominations", trusted.token, { nomineeId: trusted.accountId, reason: "I answer questions every day." });
      assert.equal(made.statusCode, 201, made.body);
      assert.ok(made.json().id > 0);
      const again = await call("POST", "/api/v1/ambassadors/nominations", trusted.token, { nomineeId: trusted.accountId, reason: "I answer questions every day." });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, "already_nominated");
      assert.deepEqual((await call("GET", "/api/v1/ambassadors/me", trusted.token)).json(), { state: "none", agreed: false, expiresAt: null, daysLeft: 0 });
      assert.equal((await call("GET", "/api/v1/ambassadors")).statusCode, 200);
      const document = (await call("GET", "/api/openapi.json")).json();
      assert.ok(document.paths["/api/v1/ambassadors/nominations"]?.post, "documented");
    });

    test("pages: the space is for ambassadors only (403 with the reason), the console for staff, the grants form starts a membership", async () => {
      const form = (client: Client, fields: Record<string, string>) => ({ method: "POST" as const, headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ _csrf: client.csrf, ...fields }).toString() });
      const get = (url: string, client?: Client) => t.app.inject({ url, headers: client ? { cookie: client.cookie } : {} });
      const plain = await signedInClient(t.app);
      const staff = await signedInClient(t.app, ["community_manager"]);
      const granted = await signedInClient(t.app);
      await db.insertInto("member_scores").values({ account_id: granted.accountId }).execute();

      const refused = await get("/ambassadors/space", plain);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Only ambassadors can see this page/);
      assert.equal((await get("/ambassadors/space")).statusCode, 403);
      assert.equal((await get("/console/ambassadors", plain)).statusCode, 403);
      assert.equal((await get("/console/ambassadors", staff)).statusCode, 200);
      const programme = await get("/console/ambassadors/programme", staff);
      assert.equal(programme.statusCode, 200, programme.body.slice(0, 500));
      assert.equal((await get("/console/ambassadors/programme", plain)).statusCode, 403);
      assert.equal((await get("/console/ambassadors/impact", staff)).statusCode, 200);
      assert.equal((await get("/console/ambassadors/impact.csv", plain)).statusCode, 403);

      const low = await t.app.inject({ url: "/ambassadors/nominations", ...form(plain, { nominee: "", reason: "I would love to help." }) });
      assert.equal(low.statusCode, 403, "below trust level 2");
      assert.match(low.body, /trust level 2/);
      const bad = await t.app.inject({ url: "/ambassadors/nominations", ...form(staff, { nominee: "not a member", reason: "Helps everyone." }) });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /profile address or number/);
      const short = await t.app.inject({ url: "/ambassadors/nominations", ...form(staff, { nominee: String(plain.accountId), reason: "x" }) });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /between 10 and 4000 characters/);
      const decline = await t.app.inject({ url: "/console/ambassadors/nominations/999999/decline", ...form(staff, { reason: "No." }) });
      assert.equal(decline.statusCode, 404);
      assert.match(decline.body, /There is no such nomination/);
      const badTask = await t.app.inject({ url: "/console/ambassadors/tasks", ...form(staff, { title: "Write a guide", points: "lots", dueOn: "" }) });
      assert.equal(badTask.statusCode, 400);
      const emptyNews = await t.app.inject({ url: "/console/ambassadors/announcements", ...form(staff, { announcement: "" }) });
      assert.equal(emptyNews.statusCode, 400);
      assert.equal((await t.app.inject({ url: "/console/ambassadors/announcements", ...form(plain, { announcement: "Hello" }) })).statusCode, 403);
      assert.equal((await t.app.inject({ url: "/ambassadors/tasks/1/report", ...form(plain, { link: "https://example.org" }) })).statusCode, 403, "only ambassadors report tasks");

      // The staff grant on the profile starts a membership; the member accepts the agreement, then enters the space.
      assert.equal((await t.app.inject({ url: `/console/ladder/members/${granted.accountId}/grants`, ...form(staff, { ambassador: "on" }) })).statusCode, 303);
      assert.equal(await flagOf(db, granted.accountId), true);
      const waiting = await get("/ambassadors/space", granted);
      assert.equal(waiting.statusCode, 403);
      assert.match(waiting.body, /Accept the ambassador agreement/);
      const agreementPage = await get("/ambassadors/agreement", granted);
      const digest = /name="digest" value="([0-9a-f]{64})"/.exec(agreementPage.body)?.[1];
      assert.ok(digest);
      assert.equal((await t.app.inject({ url: "/ambassadors/agreement", ...form(granted, { digest: "0".repeat(64) }) })).statusCode, 409);
      assert.equal((await t.app.inject({ url: "/ambassadors/agreement", ...form(granted, { digest }) })).statusCode, 303);
      const space = await get("/ambassadors/space", granted);
      assert.equal(space.statusCode, 200);
      assert.match(space.body, /Fellow ambassadors/);
      assert.match((await get("/ambassadors")).body, new RegExp(`/members/${granted.accountId}"`), "listed on the public page");
      assert.match((await get(`/members/${granted.accountId}`)).body, /Ambassador since/, "the profile section");
      assert.match((await get(`/members/${plain.accountId}`, staff)).body, new RegExp(`/ambassadors\\?nominee=${plain.accountId}`), "staff may nominate from a profile");
      // Withdrawing the grant ends the membership and closes the space.
      assert.equal((await t.app.inject({ url: `/console/ladder/members/${granted.accountId}/grants`, ...form(staff, {}) })).statusCode, 303);
      const closed = await get("/ambassadors/space", granted);
      assert.equal(closed.statusCode, 403);
      assert.match(closed.body, /Your ambassador year has ended/, "a former ambassador is told why");
      const ended = await db.selectFrom("ambassador_memberships").select("end_reason").where("account_id", "=", granted.accountId).executeTakeFirstOrThrow();
      assert.equal(ended.end_reason, "withdrawn");
    });
  });
}
