/**
 * Moderation reads the members' stored trust level, on both databases: links need level 1 (below it
 * the link limit by account age applies), a flag weighs by the flagger's level, staff keep their weight,
 * and first-post approval still goes by the account's age.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";
import { AppError } from "../../platform/errors.ts";
import { checkPostingAllowed, defineFlaggable } from "./index.ts";
import { flagContent } from "./service.ts";

const HOUR = 3600_000;
const LINKS = (count: number) => Array.from({ length: count }, (_, index) => `[link ${index}](https://example.com/${index})`).join(" ");

// A flaggable kept in memory: the test is about weights, not about any module's content.
const notes = new Map<number, { authorId: number; hidden: boolean }>();
defineFlaggable({
  type: "test.note",
  async load(_db, id) {
    const note = notes.get(id);
    return note ? { authorId: note.authorId, title: `Note ${id}`, excerpt: "", url: `/notes/${id}`, hidden: note.hidden } : undefined;
  },
  async setHidden(_db, id, hidden) {
    const note = notes.get(id);
    if (note) note.hidden = hidden;
  },
});

let serial = 0;
async function person(db: Executor, options: { ageHours: number; level?: number; roles?: Role[] }): Promise<Actor> {
  serial += 1;
  const createdAt = new Date(Date.now() - options.ageHours * HOUR);
  const email = `moderation${serial}-${Date.now()}@example.test`;
  const id = await createAccount(db, { email, name: `Person ${serial}`, verified: true, createdAt });
  for (const role of options.roles ?? []) await grantRole(db, id, role);
  if (options.level !== undefined) await db.insertInto("member_scores").values({ account_id: id, trust_level: options.level }).execute();
  return { id, email, name: `Person ${serial}`, emailVerified: true, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...(options.roles ?? []).map((role) => ({ role, scope: "*" }))] };
}

const refusal = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

for (const kind of DATABASE_KINDS) {
  describe(`moderation by trust level (${kind})`, () => {
    let t: TestApp;
    let db: Executor;

    before(async () => {
      t = await startTestApp(kind);
      db = t.app.hearth.db;
    });
    after(async () => {
      await t.close();
    });

    test("links need trust level 1; below it the limit by account age applies", async () => {
      const levelZero = await person(db, { ageHours: 24 * 30 });
      await assert.rejects(checkPostingAllowed(db, levelZero, { body: LINKS(11), kind: "post" }), refusal("too_many_links"));
      assert.deepEqual(await checkPostingAllowed(db, levelZero, { body: LINKS(10), kind: "post" }), { needsApproval: false });
      const levelOne = await person(db, { ageHours: 24 * 30, level: 1 });
      assert.deepEqual(await checkPostingAllowed(db, levelOne, { body: LINKS(25), kind: "post" }), { needsApproval: false });
    });

    test("a brand-new account still waits for first-post approval, whatever its level", async () => {
      const fresh = await person(db, { ageHours: 1 });
      await assert.rejects(checkPostingAllowed(db, fresh, { body: LINKS(2), kind: "post" }), refusal("too_many_links"));
      assert.deepEqual(await checkPostingAllowed(db, fresh, { body: LINKS(1), kind: "post" }), { needsApproval: true });
      const freshButTrusted = await person(db, { ageHours: 1, level: 1 });
      assert.deepEqual(await checkPostingAllowed(db, freshButTrusted, { body: LINKS(2), kind: "post" }), { needsApproval: true });
    });

    test("a flag weighs by the flagger's trust level; staff keep their weight; suspended members weigh as level 0", async () => {
      const author = await person(db, { ageHours: 24 * 30 });
      notes.set(1, { authorId: author.id, hidden: false });
      const flag = (actor: Actor, id: number) => flagContent(db, actor, { subjectType: "test.note", subjectId: id, reason: "spam" });
      const weightOf = async (id: number) => (await db.selectFrom("moderation_cases").select("flag_weight").where("subject_type", "=", "test.note").where("subject_id", "=", id).executeTakeFirstOrThrow()).flag_weight;
      assert.deepEqual(await flag(await person(db, { ageHours: 24 * 30 }), 1), { hidden: false });
      assert.equal(await weightOf(1), 1, "level 0");
      assert.deepEqual(await flag(await person(db, { ageHours: 24 * 30, level: 2 }), 1), { hidden: false });
      assert.equal(await weightOf(1), 3, "plus level 2's weight of 2");
      assert.deepEqual(await flag(await person(db, { ageHours: 24 * 30, level: 1 }), 1), { hidden: true }, "plus 1 reaches the threshold of 4");

      notes.set(2, { authorId: author.id, hidden: false });
      const suspended = await person(db, { ageHours: 24 * 30, level: 3 });
      await db.updateTable("accounts").set({ suspended_until: new Date(Date.now() + 24 * HOUR) }).where("id", "=", suspended.id).execute();
      await flag(suspended, 2);
      assert.equal(await weightOf(2), 1);
      assert.deepEqual(await flag(await person(db, { ageHours: 1, roles: ["moderator"] }), 2), { hidden: true }, "a moderator's flag weighs 4 and hides at once");
      assert.equal(await weightOf(2), 5);
    });
  });
}
