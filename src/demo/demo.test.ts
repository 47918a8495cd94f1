import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, openTestDatabase, testConfig } from "../../test/helpers/app.ts";
import { createAccount } from "../platform/auth/accounts.ts";
import { verifyPassword } from "../platform/auth/crypto.ts";
import type { Database } from "../platform/db/index.ts";
import { DEMO_PASSWORD, DEMO_STAFF, DemoRefused, loadDemo, loadDemoIfEmpty } from "./index.ts";
import { MEMBER_COUNT } from "./members.ts";

for (const kind of DATABASE_KINDS) {
  describe(`demo community (${kind})`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    const log: string[] = [];

    before(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
      await loadDemoIfEmpty(database.db, testConfig(), (line) => log.push(line));
    });
    after(async () => {
      await dispose();
    });

    test("loads the staff and ~500 members", async () => {
      const accounts = await database.db.selectFrom("accounts").select(["email", "locale", "email_verified_at"]).execute();
      assert.equal(accounts.length, DEMO_STAFF.length + MEMBER_COUNT);
      const locales = new Set(accounts.map((account) => account.locale));
      assert.deepEqual([...locales].filter((locale) => locale !== null).sort(), ["en", "fa", "he"]);
      const roles = await database.db.selectFrom("account_roles").select("role").where("role", "=", "member").execute();
      assert.equal(roles.length, accounts.length);
    });

    test("every staff account holds its role and signs in with the demo password", async () => {
      for (const staff of DEMO_STAFF) {
        const account = await database.db
          .selectFrom("accounts")
          .innerJoin("account_roles", "account_roles.account_id", "accounts.id")
          .select(["accounts.password_hash", "accounts.email_verified_at"])
          .where("accounts.email", "=", staff.email)
          .where("account_roles.role", "=", staff.role)
          .executeTakeFirst();
        assert.ok(account?.password_hash, staff.email);
        assert.ok(account.email_verified_at);
        assert.equal(await verifyPassword(DEMO_PASSWORD, account.password_hash), true);
      }
    });

    test("prints the sign-in details", () => {
      const text = log.join("\n");
      assert.match(text, /500 members/);
      assert.ok(text.includes(DEMO_PASSWORD));
      for (const staff of DEMO_STAFF) assert.ok(text.includes(staff.email), staff.email);
    });

    test("loads only into an empty database, and never twice", async () => {
      await loadDemoIfEmpty(database.db, testConfig(), (line) => log.push(line));
      const count = await database.db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), DEMO_STAFF.length + MEMBER_COUNT);
      await assert.rejects(loadDemo(database.db, { force: true }), (error) => error instanceof DemoRefused && error.reason === "already_loaded");
    });
  });

  describe(`demo beside existing accounts (${kind})`, () => {
    let database: Database;
    let dispose: () => Promise<void>;

    before(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
      await createAccount(database.db, { email: "owner@example.com", name: "Owner" });
    });
    after(async () => {
      await dispose();
    });

    test("is refused without force, loaded with it", async () => {
      await assert.rejects(loadDemo(database.db), (error) => error instanceof DemoRefused && error.reason === "not_empty");
      const result = await loadDemo(database.db, { force: true });
      assert.deepEqual(result.summary.slice(0, 2), ["5 staff accounts", "500 members"]);
      assert.equal(result.memberExamples.length, 3);
    });
  });
}
