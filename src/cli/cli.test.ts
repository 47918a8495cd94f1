import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, DATABASE_KINDS } from "../../test/helpers/app.ts";
import { verifyPassword } from "../platform/auth/crypto.ts";
import { actorFromApiToken } from "../platform/auth/sessions.ts";
import { openDatabase, type Db } from "../platform/db/index.ts";
import { runCli } from "./run.ts";

interface Outcome {
  code: number;
  out: string[];
  err: string[];
}

for (const kind of DATABASE_KINDS) {
  describe(`hearth CLI (${kind})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "hearth-cli-"));
    const env: Record<string, string> = { HEARTH_DATA_DIR: dataDir, SESSION_SECRET: "cli-test-secret-cli-test-secret-0123456" };
    let drop: (() => Promise<void>) | undefined;

    async function cli(...argv: string[]): Promise<Outcome> {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
      return { code, out, err };
    }

    /** Opens the database between commands (an embedded one is only ever open in one place). */
    async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
      const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: join(dataDir, "db") });
      try {
        return await fn(database.db);
      } finally {
        await database.close();
      }
    }

    before(async () => {
      if (kind === "postgres") {
        const created = await createTestDatabase();
        env.DATABASE_URL = created.url;
        drop = created.drop;
      }
    });
    after(async () => {
      await drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test("wrong usage exits with 2 and one line, before touching the database", async () => {
      for (const argv of [["frobnicate"], ["user"], ["admin", "create"], ["user", "role", "--email", "a@example.com", "--role", "king"], ["migrate", "--bogus"], ["token", "create", "--email", "nope", "--scopes", "read"]]) {
        const outcome = await cli(...argv);
        assert.equal(outcome.code, 2, argv.join(" "));
        assert.equal(outcome.err.length, 1);
        assert.match(outcome.err[0] ?? "", /^hearth: .*--help\)$/);
      }
      assert.equal(existsSync(join(dataDir, "db")), false);
    });

    test("--help describes the commands and each command's options", async () => {
      const general = await cli("--help");
      assert.equal(general.code, 0);
      for (const name of ["migrate", "demo", "admin create", "user create", "user role", "token create"]) assert.ok(general.out.some((line) => line.includes(name)), name);
      const one = await cli("user", "role", "--help");
      assert.equal(one.code, 0);
      assert.match(one.out[0] ?? "", /^Usage: hearth user role --email E --role R \[--scope S\] \[--revoke\]$/);
    });

    test("a bad configuration value is one line naming the variable", async () => {
      const outcome = await runCli(["migrate"], { out: () => {}, err: (line) => assert.match(line, /^hearth: configuration error: PORT: /), env: { ...env, PORT: "eighty" } });
      assert.equal(outcome, 1);
    });

    test("migrate applies the migrations, then finds nothing to do", async () => {
      const first = await cli("migrate");
      assert.equal(first.code, 0);
      assert.ok(first.out.includes("Applied 0001_platform.sql"));
      assert.deepEqual((await cli("migrate")).out, ["The database is up to date."]);
    });

    test("admin create makes a verified admin and prints a generated password", async () => {
      const outcome = await cli("admin", "create", "--email", "Owner@Example.com", "--name", "Olive Owner");
      assert.equal(outcome.code, 0, outcome.err.join("\n"));
      const password = /^Password: (\S+)$/.exec(outcome.out[1] ?? "")?.[1];
      assert.ok(password && password.length >= 10);
      await withDb(async (db) => {
        const account = await db.selectFrom("accounts").selectAll().where("email", "=", "owner@example.com").executeTakeFirstOrThrow();
        assert.equal(account.name, "Olive Owner");
        assert.ok(account.email_verified_at);
        assert.ok(account.password_hash && (await verifyPassword(password, account.password_hash)));
        const roles = await db.selectFrom("account_roles").select("role").where("account_id", "=", account.id).orderBy("role").execute();
        assert.deepEqual(roles.map((row) => row.role), ["admin", "member"]);
      });
      const again = await cli("admin", "create", "--email", "owner@example.com");
      assert.equal(again.code, 1);
      assert.match(again.err[0] ?? "", /already exists/);
    });

    test("user create, then user role grants and revokes, with audit entries", async () => {
      const created = await cli("user", "create", "--email", "mod@example.com", "--password", "correct horse battery");
      assert.equal(created.code, 0, created.err.join("\n"));
      assert.match(created.out[0] ?? "", /\(email not verified\)$/);
      assert.equal((await cli("user", "role", "--email", "mod@example.com", "--role", "moderator", "--scope", "category:7")).code, 0);
      assert.equal((await cli("user", "role", "--email", "mod@example.com", "--role", "community-manager")).code, 0);
      assert.equal((await cli("user", "role", "--email", "mod@example.com", "--role", "community_manager", "--revoke")).code, 0);
      const missing = await cli("user", "role", "--email", "mod@example.com", "--role", "finance", "--revoke");
      assert.equal(missing.code, 1);
      const nobody = await cli("user", "role", "--email", "nobody@example.com", "--role", "admin");
      assert.deepEqual(nobody, { code: 1, out: [], err: ["hearth: no account has the email nobody@example.com"] });
      await withDb(async (db) => {
        const roles = await db
          .selectFrom("account_roles")
          .innerJoin("accounts", "accounts.id", "account_roles.account_id")
          .select(["role", "scope", "accounts.email_verified_at"])
          .where("accounts.email", "=", "mod@example.com")
          .orderBy("role")
          .execute();
        assert.deepEqual(roles.map((row) => `${row.role}@${row.scope}`), ["member@*", "moderator@category:7"]);
        assert.equal(roles[0]?.email_verified_at, null);
        const audit = await db.selectFrom("audit_log").select("action").where("action", "like", "accounts.role.%").orderBy("id").execute();
        assert.deepEqual(audit.map((row) => row.action).slice(-3), ["accounts.role.grant", "accounts.role.grant", "accounts.role.revoke"]);
      });
    });

    test("token create prints only a token that authenticates with its scopes", async () => {
      const outcome = await cli("token", "create", "--email", "owner@example.com", "--scopes", "read, write", "--name", "ci");
      assert.equal(outcome.code, 0, outcome.err.join("\n"));
      assert.equal(outcome.out.length, 1);
      const token = outcome.out[0] ?? "";
      assert.match(token, /^hth_[\w-]{40,}$/);
      const actor = await withDb((db) => actorFromApiToken(db, token));
      assert.equal(actor?.email, "owner@example.com");
      assert.deepEqual(actor?.tokenScopes, ["read", "write"]);
      assert.equal((await cli("token", "create", "--email", "owner@example.com", "--scopes", "raed")).code, 2);
    });

    test("demo refuses a database with accounts unless forced, and never loads twice", async () => {
      const refused = await cli("demo");
      assert.equal(refused.code, 1);
      assert.match(refused.err[0] ?? "", /--force/);
      const forced = await cli("demo", "--force");
      assert.equal(forced.code, 0, forced.err.join("\n"));
      assert.ok(forced.out.some((line) => line.includes("admin@hearth.local")));
      assert.match((await cli("demo", "--force")).err[0] ?? "", /already loaded/);
    });
  });
}
