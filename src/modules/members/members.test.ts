/** Members on both databases: the recompute (and its agreement with the pure rules), promotions, the API, profiles, privacy and data rights. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { multipart } from "../../../test/helpers/multipart.ts";
import { apiToken, signedInClient, type Client } from "../../../test/helpers/session.ts";
import { recordActivity } from "../../platform/activity/index.ts";
import { createAccount } from "../../platform/auth/accounts.ts";
import type { Executor } from "../../platform/db/index.ts";
import { recomputeMembers } from "./recompute.ts";
import { DEFAULT_RULES, reputationParts, type ActivityFact, type TrustLevel } from "./rules.ts";

const DAY = 86_400_000;
const now = new Date();
const past = (days: number) => new Date(now.getTime() - days * DAY);

let counter = 0;
async function member(db: Executor, options: { ageDays?: number; verified?: boolean; locale?: string } = {}): Promise<number> {
  counter += 1;
  return createAccount(db, { email: `m${counter}-${Date.now()}@members.test`, name: `Member ${counter}`, verified: options.verified ?? true, createdAt: past(options.ageDays ?? 200), locale: options.locale });
}

async function act(db: Executor, actorId: number, type: string, targetId: number | null, daysAgo: number, subjectId = 1): Promise<void> {
  await recordActivity(db, { actorId, type, subjectType: type.split(".")[0]!, subjectId, targetId, occurredAt: past(daysAgo) });
}

for (const kind of DATABASE_KINDS) {
  describe(`members (${kind})`, () => {
    let t: TestApp;
    let db: Executor;
    let helper: Client;
    let helperId: number;
    let other: Client;
    let staff: Client;
    const askers: number[] = [];
    const ring: number[] = [];

    const get = (url: string, client?: Client, language?: string) => t.app.inject({ url, headers: { ...(client ? { cookie: client.cookie } : {}), ...(language ? { "accept-language": language } : {}) } });

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
      helper = await signedInClient(t.app);
      helperId = helper.accountId;
      other = await signedInClient(t.app);
      staff = await signedInClient(t.app, ["community_manager"]);
      await db.updateTable("accounts").set({ created_at: past(300) }).where("id", "=", helperId).execute();
      // A helpful member: four answers accepted by four askers, and votes from them, on different days.
      for (let i = 0; i < 4; i += 1) askers.push(await member(db));
      for (const [i, asker] of askers.entries()) {
        await act(db, asker, "question.asked", null, 30 + i, 100 + i);
        await act(db, helperId, "answer.posted", asker, 29 + i, 200 + i);
        await act(db, helperId, "answer.accepted", asker, 28 + i, 200 + i);
        await act(db, asker, "answer.voted", helperId, 28 + i, 200 + i);
      }
      // A ring of five fresh accounts voting for each other many times.
      for (let i = 0; i < 5; i += 1) ring.push(await member(db, { ageDays: 3 }));
      for (const voter of ring) for (const author of ring) if (voter !== author) for (let n = 0; n < 10; n += 1) await act(db, voter, "answer.voted", author, 1, 300 + n);
      // A self-vote and a self-accepted answer.
      await act(db, helperId, "answer.voted", helperId, 5);
      await act(db, helperId, "answer.accepted", helperId, 5);
    });
    after(async () => {
      await t.close();
    });

    test("the recompute places members on the ladder with reasons, and agrees with the pure rules", async () => {
      const result = await recomputeMembers(db, now);
      assert.ok(result.members >= 11);
      const score = await db.selectFrom("member_scores").selectAll().where("account_id", "=", helperId).executeTakeFirstOrThrow();
      assert.equal(score.stage, "advocate");
      assert.equal(score.metrics.acceptedAnswers, 4, "the self-accepted answer does not count");
      assert.equal(score.trust_level, 1);
      assert.ok(score.reputation > 0);

      // The SQL aggregation gives the same parts as the reference implementation on the same activities.
      const facts = (await db.selectFrom("activities").select(["actor_id", "type", "target_id"]).execute()).map((row): ActivityFact => ({ actorId: row.actor_id, type: row.type, targetId: row.target_id }));
      const accounts = new Map((await db.selectFrom("accounts").select(["id", "created_at"]).execute()).map((row) => [row.id, row.created_at]));
      const reference = reputationParts(DEFAULT_RULES, facts, (id) => ({ level: 0 as TrustLevel, ageDays: Math.floor((now.getTime() - accounts.get(id)!.getTime()) / DAY) }));
      for (const id of [helperId, ...ring, ...askers]) {
        const stored = (await db.selectFrom("member_scores").select("reputation_parts").where("account_id", "=", id).executeTakeFirstOrThrow()).reputation_parts;
        const expected = Object.fromEntries([...(reference.get(id) ?? new Map<string, number>())].filter(([, points]) => points > 0).map(([type, points]) => [type, Math.round(points * 100) / 100]));
        const actual = Object.fromEntries(Object.entries(stored).map(([type, points]) => [type, Number(points)]));
        assert.deepEqual(actual, expected, `member ${id}`);
      }

      // The ring gains far less than the helpful member.
      const ringScores = await db.selectFrom("member_scores").select("reputation").where("account_id", "in", ring).execute();
      for (const row of ringScores) assert.ok(row.reputation * 5 < score.reputation, `ring ${row.reputation} vs ${score.reputation}`);

      // Staff are not on the ladder.
      assert.equal(await db.selectFrom("member_scores").select("account_id").where("account_id", "=", staff.accountId).executeTakeFirst(), undefined);

      const history = await db.selectFrom("member_stage_changes").selectAll().where("account_id", "=", helperId).orderBy("id").execute();
      assert.deepEqual(
        history.map((row) => [row.kind, row.to_value]),
        [
          ["trust", "1"],
          ["stage", "advocate"],
        ],
      );
    });

    test("a promotion is announced once, with the level and why", async () => {
      await t.drainJobs();
      await recomputeMembers(db, now);
      await t.drainJobs();
      const notices = await db.selectFrom("notifications").select(["type", "params"]).where("account_id", "=", helperId).where("type", "=", "members.promoted").execute();
      assert.equal(notices.length, 2);
      const stage = notices.find((notice) => notice.params.kind === "stage")!;
      assert.equal(stage.params.to, "advocate");
      assert.match(String(stage.params.reasons), /Accepted answers: 4 of 3/);
    });

    test("the API answers a member's stage, reasons and next stage; private fields only for them and staff", async () => {
      const publicView = (await get(`/api/v1/members/${helperId}`)).json();
      assert.equal(publicView.id, helperId);
      assert.equal(publicView.stage, "advocate");
      assert.equal(publicView.trustLevel, 1);
      assert.ok(publicView.reputation > 0);
      assert.deepEqual(publicView.stageReasons.map((r: { metric: string }) => r.metric), ["acceptedAnswers"]);
      assert.equal(publicView.nextStage.stage, "creator");
      assert.ok(publicView.nextStage.missing.length > 0);
      assert.equal(publicView.private, undefined);
      assert.equal((await get(`/api/v1/members/${helperId}`, other)).json().private, undefined);
      const own = (await get(`/api/v1/members/${helperId}`, helper)).json();
      assert.equal(own.private.metrics.acceptedAnswers, 4);
      assert.equal(own.private.nextTrustLevel.level, 2);
      assert.ok((await get(`/api/v1/members/${helperId}`, staff)).json().private);
      const token = await apiToken(t.app, [], ["read"]);
      const byToken = await t.app.inject({ url: `/api/v1/members/${helperId}`, headers: { authorization: `Bearer ${token.token}` } });
      assert.equal(byToken.json().private, undefined);
      assert.equal((await get("/api/v1/members/99999999")).statusCode, 404);
      assert.equal((await get("/api/v1/members/abc")).statusCode, 400);
    });

    test("the list filters by stage and refuses unknown stages", async () => {
      const advocates = (await get("/api/v1/members?stage=advocate")).json();
      assert.ok(advocates.items.some((item: { id: number }) => item.id === helperId));
      assert.ok(advocates.items.every((item: { stage: string }) => item.stage === "advocate"));
      const response = await get("/api/v1/members?stage=hero");
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, "validation_failed");
      const document = (await get("/api/openapi.json")).json();
      assert.ok(document.paths["/api/v1/members"]?.get);
      assert.ok(document.paths["/api/v1/members/{id}"]?.get);
    });

    test("the profile explains the stage and the next steps in English, Persian and Hebrew", async () => {
      const expected: Record<string, string[]> = {
        en: ["Advocate", "Because:", "Accepted answers: 4 of 3", "Next: Creator", "Ideas past their first milestone: 0 of 1"],
        fa: ["حامی", "به این دلیل:", "پاسخ‌های پذیرفته‌شده: ۴ از ۳", "مرحلهٔ بعد: سازنده"],
        he: ["שגריר/ת קהילה", "כי:", "תשובות שהתקבלו: 4 מתוך 3", "הבא: יוצר/ת"],
      };
      for (const [language, phrases] of Object.entries(expected)) {
        const page = await get(`/members/${helperId}`, undefined, language);
        assert.equal(page.statusCode, 200);
        const text = page.body.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");
        for (const phrase of phrases) assert.ok(text.includes(phrase), `${language}: ${phrase}`);
      }
      const own = await get(`/members/${helperId}`, helper);
      assert.match(own.body, /My path/);
      assert.match(own.body, /For trust level 2/);
      assert.doesNotMatch((await get(`/members/${helperId}`, other)).body, /For trust level 2/);
    });

    test("privacy: hidden location and links and an unlisted profile stay private", async () => {
      const saved = await t.app.inject({
        method: "POST",
        url: "/account/member-profile",
        headers: { ...other.headers, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: other.csrf, bio: "I build <b>things</b>", location: "Shiraz", links: "Blog https://example.org/me", languages: "fa", listed: "on", showActivity: "on" }).toString(),
      });
      assert.equal(saved.statusCode, 303, saved.body);
      const seen = (await get(`/api/v1/members/${other.accountId}`)).json();
      assert.equal(seen.location, null);
      assert.deepEqual(seen.links, []);
      assert.equal(seen.bio, "I build <b>things</b>");
      const page = await get(`/members/${other.accountId}`);
      assert.ok(!page.body.includes("<b>things</b>"), "the bio is escaped");
      assert.ok(!page.body.includes("Shiraz"));
      const own = (await get(`/api/v1/members/${other.accountId}`, other)).json();
      assert.equal(own.location, "Shiraz");
      assert.deepEqual(own.links, [{ label: "Blog", url: "https://example.org/me" }]);
      const listed = await get("/members?language=fa");
      assert.ok(listed.body.includes(`/members/${other.accountId}"`), "listed members with the language are in the directory");
      const unlisted = await t.app.inject({
        method: "POST",
        url: "/account/member-profile",
        headers: { ...other.headers, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: other.csrf, bio: "", location: "Shiraz", links: "", languages: "fa" }).toString(),
      });
      assert.equal(unlisted.statusCode, 303);
      // Not listed: gone from the directory and the profile for everyone but them and staff.
      assert.equal((await get(`/api/v1/members/${other.accountId}`, helper)).statusCode, 404);
      assert.equal((await get(`/members/${other.accountId}`)).statusCode, 404);
      assert.equal((await get(`/api/v1/members/${other.accountId}`, staff)).statusCode, 200);
      const bad = await t.app.inject({
        method: "POST",
        url: "/account/member-profile",
        headers: { ...other.headers, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: other.csrf, bio: "", location: "", links: "javascript:alert(1)" }).toString(),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /https:\/\//);
      const directory = await get("/members?language=fa");
      assert.equal(directory.statusCode, 200);
      assert.ok(!directory.body.includes(`/members/${other.accountId}"`));
    });

    test("the console's ladder is for staff: members get 403; grants and rules are audited", async () => {
      assert.equal((await get("/console/ladder", other)).statusCode, 403);
      const page = await get("/console/ladder", staff);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Helpful advocates/);
      assert.ok(page.body.includes(`/members/${helperId}"`), "the helpful member is suggested");
      const form = (body: string, client: Client) => ({ method: "POST" as const, headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(client.csrf)}&${body}` });
      assert.equal((await t.app.inject({ url: `/console/ladder/members/${helperId}/grants`, ...form("ambassador=on", other) })).statusCode, 403);
      const granted = await t.app.inject({ url: `/console/ladder/members/${helperId}/grants`, ...form("ambassador=on", staff) });
      assert.equal(granted.statusCode, 303);
      await recomputeMembers(db, now);
      assert.equal((await get(`/api/v1/members/${helperId}`)).json().stage, "ambassador");
      const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "members.grants").execute();
      assert.deepEqual(audit, [{ action: "members.grants", actor_id: staff.accountId }]);
      const invalidRules = await t.app.inject({ url: "/console/ladder/rules", ...form(`rules=${encodeURIComponent('{"weights": 1}')}`, staff) });
      assert.equal(invalidRules.statusCode, 400);
      assert.match(invalidRules.body, /not valid/);
      assert.equal((await t.app.inject({ url: "/console/ladder/rules", ...form("rules=%7B", staff) })).statusCode, 400);
      const stricter = { ...DEFAULT_RULES, ladder: { ...DEFAULT_RULES.ladder, advocate: [{ acceptedAnswers: 10 }] } };
      const saved = await t.app.inject({ url: "/console/ladder/rules", ...form(`rules=${encodeURIComponent(JSON.stringify(stricter))}`, staff) });
      assert.equal(saved.statusCode, 303);
      const next = (await get(`/api/v1/members/${askers[0]}`)).json();
      assert.equal(next.nextStage.stage, "advocate");
      assert.deepEqual(next.nextStage.missing.map((c: { metric: string; need: number }) => [c.metric, c.need]), [["acceptedAnswers", 10]], "the tuned rule shows at once");
      await t.app.inject({ url: "/console/ladder/rules", ...form(`rules=${encodeURIComponent(JSON.stringify(DEFAULT_RULES))}`, staff) });
    });

    test("who to invest in: one click thanks a member, invites them to the ambassador programme or opens the spotlight form", async () => {
      const form = (body: string, client: Client) => ({ method: "POST" as const, headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(client.csrf)}&${body}` });
      const page = (await get("/console/ladder", staff)).body;
      assert.ok(page.includes(`action="/console/ladder/members/${helperId}/thank"`), "a thank button beside the helpful member");
      assert.match(page, new RegExp(`action="/console/ambassadors/nominations"[^]*?name="nominee" value="${helperId}"`), "an invitation to the ambassador programme");
      assert.ok(page.includes(`href="/console/spotlight?member=${helperId}"`), "a link to the spotlight form");
      assert.match((await get(`/console/spotlight?member=${helperId}`, staff)).body, new RegExp(`name="subjectId"[^>]*value="${helperId}"`), "the spotlight form arrives with the member chosen");
      assert.equal((await t.app.inject({ url: `/console/ladder/members/${helperId}/thank`, ...form("reason=Helpful", other) })).statusCode, 403);
      assert.equal((await t.app.inject({ url: "/console/ladder/members/99999999/thank", ...form("reason=Helpful", staff) })).statusCode, 404);
      const thanked = await t.app.inject({ url: `/console/ladder/members/${helperId}/thank`, ...form(`reason=${encodeURIComponent("4 accepted answers")}`, staff) });
      assert.equal(thanked.statusCode, 303);
      const notices = await db.selectFrom("notifications").select(["type", "params"]).where("account_id", "=", helperId).where("type", "=", "members.thanked").execute();
      assert.deepEqual(notices.map((notice) => notice.params), [{ reason: "4 accepted answers" }]);
      const audit = await db.selectFrom("audit_log").select(["actor_id"]).where("action", "=", "members.thanked").where("subject_id", "=", String(helperId)).execute();
      assert.deepEqual(audit, [{ actor_id: staff.accountId }]);
      const again = await t.app.inject({ url: `/console/ladder/members/${helperId}/thank`, ...form("reason=Again", staff) });
      assert.equal(again.statusCode, 409, "a member is thanked once a day at most");
      assert.match(again.body, /less than a day ago/);
      assert.equal((await db.selectFrom("notifications").select("id").where("account_id", "=", helperId).where("type", "=", "members.thanked").execute()).length, 1, "the refused thank sends nothing");
      const after = (await get("/console/ladder", staff)).body;
      assert.ok(!after.includes(`action="/console/ladder/members/${helperId}/thank"`), "no thank button for a member thanked today");
      assert.match(after, /Thanked /, "when they were thanked instead");
    });

    test("a member puts a photo on their profile (stored without its metadata), replaces and removes it; a file that is no picture is refused", async () => {
      const { default: sharp } = await import("sharp");
      const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
      const upload = (data: Buffer, filename: string, type: string) => {
        const body = multipart({ _csrf: other.csrf }, [{ field: "avatar", filename, type, data }]);
        return t.app.inject({ method: "POST", url: "/account/member-profile/avatar", headers: { ...other.headers, "content-type": body.contentType }, payload: body.payload });
      };
      const avatarOf = async () => (await get(`/api/v1/members/${other.accountId}`, other)).json().avatarUrl as string | null;
      assert.equal(await avatarOf(), null);

      const notImage = await upload(Buffer.from("%PDF-1.4 not a picture"), "cv.pdf", "application/pdf");
      assert.equal(notImage.statusCode, 400);
      assert.match(notImage.body, /field__error/);
      const empty = await t.app.inject({ method: "POST", url: "/account/member-profile/avatar", headers: { ...other.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(other.csrf)}` });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Choose a picture/);
      assert.equal(await avatarOf(), null, "nothing stored by the refused uploads");

      assert.equal((await upload(png, "me.png", "image/png")).statusCode, 303);
      const first = await avatarOf();
      assert.match(first ?? "", new RegExp(`^/uploads/avatars/${other.accountId}/[\\w-]+\\.thumb\\.webp$`));
      const served = await get(first!);
      assert.equal(served.statusCode, 200);
      assert.equal((await sharp(served.rawPayload).metadata()).format, "webp");
      assert.ok((await get(`/members/${other.accountId}`, other)).body.includes(`src="${first}"`), "the profile shows the photo");

      assert.equal((await upload(png, "again.png", "image/png")).statusCode, 303);
      const second = await avatarOf();
      assert.notEqual(second, first);
      assert.equal((await get(first!)).statusCode, 404, "the replaced photo is gone");

      const removed = await t.app.inject({ method: "POST", url: "/account/member-profile/avatar/remove", headers: { ...other.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(other.csrf)}` });
      assert.equal(removed.statusCode, 303);
      assert.equal(await avatarOf(), null);
      assert.equal((await get(second!)).statusCode, 404);
      const refused = (headers: Record<string, string>) => t.app.inject({ method: "POST", url: "/account/member-profile/avatar/remove", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, payload: "" });
      assert.equal((await refused({})).statusCode, 401, "signed out");
      assert.equal((await refused({ cookie: other.cookie })).statusCode, 403, "no CSRF token");
    });

    test("a member downloads only their own data", async () => {
      const response = await get("/account/data/export", helper);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers["content-disposition"]), /attachment/);
      const data = response.json();
      assert.equal(data.account.id, helperId);
      assert.equal(data.account.email, helper.email);
      assert.ok(data.activities.length >= 8);
      assert.ok(data.activities.every((activity: { type: string }) => typeof activity.type === "string"));
      const mine = await db.selectFrom("activities").select((eb) => eb.fn.countAll<number>().as("n")).where("actor_id", "=", helperId).executeTakeFirstOrThrow();
      assert.equal(data.activities.length, Number(mine.n), "exactly the member's own activities");
      assert.ok(!response.body.includes(other.email));
      assert.equal(data.ladder.stage, "ambassador", "granted in the console test above");
      assert.equal((await get("/account/data/export")).statusCode, 303);
    });

    test("deleting an account anonymises it and keeps its contributions", async () => {
      const leaving = await signedInClient(t.app);
      await act(db, leaving.accountId, "topic.created", null, 1);
      const refused = await t.app.inject({ method: "POST", url: "/account/data/delete", headers: { ...leaving.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${leaving.csrf}` });
      assert.equal(refused.statusCode, 400);
      const deleted = await t.app.inject({ method: "POST", url: "/account/data/delete", headers: { ...leaving.headers, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${leaving.csrf}&confirm=on` });
      assert.equal(deleted.statusCode, 303);
      const account = await db.selectFrom("accounts").selectAll().where("id", "=", leaving.accountId).executeTakeFirstOrThrow();
      assert.ok(account.deleted_at);
      assert.equal(account.name, "Former member");
      assert.ok(!account.email.includes(leaving.email));
      assert.equal(account.password_hash, null);
      assert.equal((await db.selectFrom("sessions").select("id").where("account_id", "=", leaving.accountId).execute()).length, 0);
      assert.equal((await db.selectFrom("activities").select("id").where("actor_id", "=", leaving.accountId).execute()).length, 1, "contributions stay");
      assert.equal((await get("/account/data", leaving)).statusCode, 303, "signed out");
      assert.equal((await get(`/api/v1/members/${leaving.accountId}`)).statusCode, 404);
      const audit = await db.selectFrom("audit_log").select("action").where("subject_id", "=", String(leaving.accountId)).execute();
      assert.ok(audit.some((row) => row.action === "members.account_deleted"));
    });
  });
}
