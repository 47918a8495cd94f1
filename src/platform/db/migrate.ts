/**
 * Plain, ordered SQL migrations from `migrations/`, each applied once in its own transaction,
 * under an advisory lock so two processes never migrate at the same time. An applied file whose
 * text has changed is refused, never skipped.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import { sql } from "kysely";
import type { Db } from "./index.ts";

export const MIGRATIONS_DIR = join(PROJECT_ROOT, "migrations");
const LOCK_KEY = 7_411_032_001;

export interface Migration {
  name: string;
  text: string;
  checksum: string;
}

/** The migration files in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), "utf8");
      return { name, text, checksum: createHash("sha256").update(text).digest("hex") };
    });
}

async function ensureTable(db: Db): Promise<void> {
  await sql`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

async function appliedMigrations(db: Db): Promise<Map<string, string>> {
  const result = await sql<{ name: string; checksum: string }>`select name, checksum from schema_migrations`.execute(db);
  return new Map(result.rows.map((row) => [row.name, row.checksum]));
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await ensureTable(db);
  const migrations = listMigrations(dir);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
      const existing = await sql<{ checksum: string }>`select checksum from schema_migrations where name = ${migration.name}`.execute(tx);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      await sql.raw(migration.text).execute(tx);
      await sql`insert into schema_migrations (name, checksum) values (${migration.name}, ${migration.checksum})`.execute(tx);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** The names of migrations not yet applied (used by /readyz). */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await ensureTable(db);
  const applied = await appliedMigrations(db);
  return listMigrations(dir)
    .filter((migration) => !applied.has(migration.name))
    .map((migration) => migration.name);
}
