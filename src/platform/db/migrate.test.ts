import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_KINDS, openTestDatabase } from "../../../test/helpers/app.ts";
import { listMigrations, migrate, pendingMigrations } from "./migrate.ts";

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "hearth-migrations-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("migration files", () => {
  test("are ordered by name and named <number>_<module>.sql", () => {
    const names = listMigrations().map((migration) => migration.name);
    assert.deepEqual(names, [...names].sort());
    for (const name of names) assert.match(name, /^\d{4}_[a-z_]+\.sql$/);
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`migrations (${kind})`, () => {
    test("apply once, in order, and report nothing pending afterwards", async () => {
      const opened = await openTestDatabase(kind);
      try {
        const dir = migrationsDir({ "0001_a.sql": "create table a (id int);", "0002_b.sql": "create table b (id int); insert into b values (1), (2);" });
        assert.deepEqual(await migrate(opened.database.db, dir), ["0001_a.sql", "0002_b.sql"]);
        assert.deepEqual(await migrate(opened.database.db, dir), []);
        assert.deepEqual(await pendingMigrations(opened.database.db, dir), []);
        const rows = await sql<{ count: number }>`select count(*)::int as count from b`.execute(opened.database.db);
        assert.equal(rows.rows[0]?.count, 2);
      } finally {
        await opened.dispose();
      }
    });

    test("a failing migration leaves nothing behind and stops the run", async () => {
      const opened = await openTestDatabase(kind);
      try {
        const dir = migrationsDir({ "0001_a.sql": "create table c (id int); select no_such_function();" });
        await assert.rejects(() => migrate(opened.database.db, dir));
        const exists = await sql<{ found: string | null }>`select to_regclass('c')::text as found`.execute(opened.database.db);
        assert.equal(exists.rows[0]?.found, null);
        assert.deepEqual(await pendingMigrations(opened.database.db, dir), ["0001_a.sql"]);
      } finally {
        await opened.dispose();
      }
    });

    test("an applied migration that was edited is refused, not skipped", async () => {
      const opened = await openTestDatabase(kind);
      try {
        const dir = migrationsDir({ "0001_a.sql": "create table d (id int);" });
        await migrate(opened.database.db, dir);
        writeFileSync(join(dir, "0001_a.sql"), "create table d (id bigint);");
        await assert.rejects(() => migrate(opened.database.db, dir), /was changed after it was applied/);
      } finally {
        await opened.dispose();
      }
    });
  });
}
