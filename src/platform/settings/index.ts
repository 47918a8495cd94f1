/**
 * Site settings: JSON values by key in `site_settings`, each read through a TypeBox schema with a
 * default, so a module always gets a complete, valid value even when nothing was saved yet.
 */
import type { Static, TSchema } from "typebox";
import { Value } from "typebox/value";
import type { Executor } from "../db/index.ts";
import { recordAudit } from "../audit/index.ts";

export interface SettingDefinition<S extends TSchema> {
  key: string;
  schema: S;
  defaults: Static<S>;
}

/** Declares a setting: its key, schema and default value. */
export function defineSetting<S extends TSchema>(key: string, schema: S, defaults: Static<S>): SettingDefinition<S> {
  return { key, schema, defaults };
}

/** The setting's value: the stored one when it is valid, else the default. */
export async function readSetting<S extends TSchema>(db: Executor, setting: SettingDefinition<S>): Promise<Static<S>> {
  const row = await db.selectFrom("site_settings").select("value").where("key", "=", setting.key).executeTakeFirst();
  if (!row) return setting.defaults;
  return Value.Check(setting.schema, row.value) ? (row.value as Static<S>) : setting.defaults;
}

/** How long a cached setting is used before it is read again: other processes' changes show within this time. */
const CACHE_MS = 2_000;
/** Bumped by every write in this process, so this process never serves a value older than its own last write. */
const versions = new Map<string, number>();
const caches = new WeakMap<object, Map<string, { value: unknown; version: number; expiresAt: number }>>();

/**
 * The setting's value as readSetting gives it, kept in memory for two seconds: for paths hot enough
 * that a read per request matters. Inside a transaction it reads the table, as readSetting does.
 */
export async function readSettingCached<S extends TSchema>(db: Executor, setting: SettingDefinition<S>): Promise<Static<S>> {
  if (db.isTransaction) return readSetting(db, setting);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const version = versions.get(setting.key) ?? 0;
  const hit = cache.get(setting.key);
  if (hit && hit.version === version && hit.expiresAt > Date.now()) return hit.value as Static<S>;
  const value = await readSetting(db, setting);
  cache.set(setting.key, { value, version, expiresAt: Date.now() + CACHE_MS });
  return value;
}

/** Saves a setting (validated by the caller's schema) and records who changed it. */
export async function writeSetting<S extends TSchema>(db: Executor, setting: SettingDefinition<S>, value: Static<S>, actorId: number | null): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto("site_settings")
    .values({ key: setting.key, value: json, updated_by: actorId, updated_at: new Date() })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_by: actorId, updated_at: new Date() }))
    .execute();
  versions.set(setting.key, (versions.get(setting.key) ?? 0) + 1);
  await recordAudit(db, { actorId, action: "settings.update", subjectType: "setting", subjectId: setting.key, details: { value } });
}
