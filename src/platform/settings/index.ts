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

/** Saves a setting (validated by the caller's schema) and records who changed it. */
export async function writeSetting<S extends TSchema>(db: Executor, setting: SettingDefinition<S>, value: Static<S>, actorId: number | null): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto("site_settings")
    .values({ key: setting.key, value: json, updated_by: actorId, updated_at: new Date() })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_by: actorId, updated_at: new Date() }))
    .execute();
  await recordAudit(db, { actorId, action: "settings.update", subjectType: "setting", subjectId: setting.key, details: { value } });
}
