/** Comments, creator updates and following, on both databases: who may write, what is recorded, who hears of it. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { createAccount, grantRole } from "../../platform/auth/accounts.ts";
import type { Actor, Role } from "../../platform/auth/permissions.ts";
import { AppError } from "../../platform/errors.ts";
import { addComment, followIdea, postUpdate, unfollowIdea } from "./discussion.ts";
import { createIdea, moderateIdea } from "./service.ts";
import { supportIdea } from "./supports.ts";
import "./index.ts";

const DAY = 86_400_000;
let serial = 0;

async function member(t: TestApp, roles: Role[] = []): Promise<Actor> {
  serial += 1;
  const createdAt = new Date(Date.now() - 30 * DAY);
  const email = `discussion${serial}@example.test`;
  const id = await createAccount(t.app.hearth.db, { email, name: `Member ${serial}`, verified: true, createdAt });
  for (const role of roles) await grantRole(t.app.hearth.db, id, role);
  return { id, email, name: `Member ${serial}`, emailVerified: true, locale: "en", createdAt, roles: [{ role: "member", scope: "*" }, ...roles.map((role) => ({ role, scope: "*" }))] };
}

function rejects(code: string) {
  return (error: unknown) => error instanceof AppError && error.code === code;
}

for (const kind of DATABASE_KINDS) {
  describe(`idea discussion (${kind})`, () => {
    let t: TestApp;
    let moderator: Actor;
    before(async () => {
      t = await startTestApp(kind);
      moderator = await member(t, ["moderator"]);
    });
    after(async () => {
      await t.close();
    });

    async function idea(creator: Actor, options: { publish?: boolean; publishedAt?: Date } = {}): Promise<number> {
      const id = await createIdea(t.app.hearth.db, creator, { title: `A shelf that folds ${serial}`, body: "It folds flat when the books are away.", language: "en", acceptLicence: true, submit: true });
      if (options.publish ?? true) await moderateIdea(t.app.hearth.db, moderator, id, "approve", "", {}, options.publishedAt ?? new Date());
      return id;
    }

    async function notified(accountId: number, type: string): Promise<number> {
      const row = await t.app.hearth.db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("count")).where("account_id", "=", accountId).where("type", "=", type).executeTakeFirstOrThrow();
      return Number(row.count);
    }

    test("a comment is recorded as an activity aimed at the creator, and everyone around the idea but its author hears of it", async () => {
      const db = t.app.hearth.db;
      const [creator, supporter, follower, author] = [await member(t), await member(t), await member(t), await member(t)];
      const id = await idea(creator);
      await supportIdea(db, supporter, id);
      await followIdea(db, follower, id);
      await followIdea(db, author, id);
      const commentId = await addComment(db, author, id, "  I would buy **two**.  ");
      const stored = await db.selectFrom("idea_comments").selectAll().where("id", "=", commentId).executeTakeFirstOrThrow();
      assert.equal(stored.body, "I would buy **two**.");
      const activity = await db.selectFrom("activities").selectAll().where("type", "=", "idea.commented").where("subject_id", "=", id).executeTakeFirstOrThrow();
      assert.equal(activity.actor_id, author.id);
      assert.equal(activity.target_id, creator.id);
      await t.drainJobs();
      assert.equal(await notified(creator.id, "ideas.comment"), 1);
      assert.equal(await notified(supporter.id, "ideas.comment"), 1);
      assert.equal(await notified(follower.id, "ideas.comment"), 1);
      assert.equal(await notified(author.id, "ideas.comment"), 0, "the author is not told of their own comment");
      await t.drainJobs();
      assert.equal(await notified(creator.id, "ideas.comment"), 1, "announced exactly once");
    });

    test("comments need text, a visible idea, and an idea that is not read-only", async () => {
      const db = t.app.hearth.db;
      const [creator, someone] = [await member(t), await member(t)];
      const open = await idea(creator);
      await assert.rejects(addComment(db, someone, open, "   "), rejects("text_required"));
      await assert.rejects(addComment(db, someone, open, "x".repeat(5001)), rejects("text_too_long"));
      const hidden = await idea(creator, { publish: false });
      await assert.rejects(addComment(db, someone, hidden, "Hello"), rejects("idea_not_found"));
      const expired = await idea(creator, { publishedAt: new Date(Date.now() - 400 * DAY) });
      await assert.rejects(addComment(db, someone, expired, "Too late?"), rejects("idea_read_only"));
      await assert.rejects(addComment(db, someone, 999_999, "Nobody home"), rejects("idea_not_found"));
      const count = await db.selectFrom("idea_comments").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "in", [open, hidden, expired]).executeTakeFirstOrThrow();
      assert.equal(Number(count.count), 0);
    });

    test("only the creator posts updates; supporters and followers hear of each one", async () => {
      const db = t.app.hearth.db;
      const [creator, supporter, stranger] = [await member(t), await member(t), await member(t)];
      const id = await idea(creator);
      await supportIdea(db, supporter, id);
      await assert.rejects(postUpdate(db, stranger, id, { title: "Not mine", body: "Still posting." }), rejects("not_creator"));
      await assert.rejects(postUpdate(db, creator, id, { title: " ", body: "Body" }), rejects("text_required"));
      const updateId = await postUpdate(db, creator, id, { title: "Prototype printed", body: "The hinge holds **5 kg**." });
      const stored = await db.selectFrom("idea_updates").selectAll().where("id", "=", updateId).executeTakeFirstOrThrow();
      assert.equal(stored.title, "Prototype printed");
      await t.drainJobs();
      const notification = await db.selectFrom("notifications").select(["params", "url"]).where("account_id", "=", supporter.id).where("type", "=", "ideas.update").executeTakeFirstOrThrow();
      assert.equal(notification.url, `/ideas/${id}`);
      assert.equal((notification.params as Record<string, unknown>).note, "Prototype printed");
      assert.equal(await notified(creator.id, "ideas.update"), 0, "the creator is not told of their own update");
    });

    test("follow and unfollow are idempotent, and hidden ideas cannot be followed", async () => {
      const db = t.app.hearth.db;
      const [creator, fan] = [await member(t), await member(t)];
      const id = await idea(creator);
      const follows = async () => Number((await db.selectFrom("idea_follows").select((eb) => eb.fn.countAll<number>().as("count")).where("idea_id", "=", id).executeTakeFirstOrThrow()).count);
      await followIdea(db, fan, id);
      await followIdea(db, fan, id);
      assert.equal(await follows(), 1);
      await unfollowIdea(db, fan, id);
      await unfollowIdea(db, fan, id);
      assert.equal(await follows(), 0);
      const hidden = await idea(creator, { publish: false });
      await assert.rejects(followIdea(db, fan, hidden), rejects("idea_not_found"));
    });
  });
}
