/**
 * Staff changes to how the ideas module works: its settings, its categories and its display
 * statuses. Each is one transaction that records who did it in the audit log.
 */
import { recordAudit } from "../../../platform/audit/index.ts";
import { inTransaction, type Executor, type Tx } from "../../../platform/db/index.ts";
import { invalid, notFound } from "../../../platform/errors.ts";
import { writeSetting } from "../../../platform/settings/index.ts";
import { ideasSettings } from "../settings.ts";
import { settingsProblems, type IdeasSettings } from "./settings-rules.ts";
import type { Taxonomy, TermInput } from "./taxonomy.ts";

export interface StaffAct {
  actorId: number;
  ip: string | null;
}

/** Saves the ideas settings when they pass the site's rules (writeSetting records the change). */
export async function saveIdeasSettings(db: Executor, value: IdeasSettings, by: StaffAct): Promise<void> {
  const errors = settingsProblems(value);
  if (Object.keys(errors).length > 0) throw invalid("invalid_settings", "ideasConsole.settings.errors.invalid", errors);
  await inTransaction(db, (tx) => writeSetting(tx, ideasSettings, value, by.actorId));
}

const AUDIT_SUBJECT: Record<Taxonomy, string> = { categories: "idea_category", statuses: "idea_status" };

function tableOf(taxonomy: Taxonomy) {
  return taxonomy === "categories" ? "idea_categories" : "idea_statuses";
}

async function assertSlugFree(tx: Tx, taxonomy: Taxonomy, slug: string, exceptId: number | null): Promise<void> {
  const taken = await tx
    .selectFrom(tableOf(taxonomy))
    .select("id")
    .where("slug", "=", slug)
    .$if(exceptId !== null, (query) => query.where("id", "<>", exceptId ?? 0))
    .executeTakeFirst();
  if (taken) throw invalid("slug_taken", "ideasConsole.taxonomy.errors.slugTaken", { slug: { key: "ideasConsole.taxonomy.errors.slugTaken" } });
}

function row(taxonomy: Taxonomy, input: TermInput) {
  const common = { slug: input.slug, names: JSON.stringify(input.names), position: input.position };
  return taxonomy === "statuses" ? { ...common, tone: input.tone } : common;
}

function auditDetails(taxonomy: Taxonomy, input: TermInput): Record<string, unknown> {
  return { slug: input.slug, names: input.names, position: input.position, ...(taxonomy === "statuses" ? { tone: input.tone } : {}) };
}

/** Adds a category or status; answers its id. */
export async function createTerm(db: Executor, taxonomy: Taxonomy, input: TermInput, by: StaffAct): Promise<number> {
  return inTransaction(db, async (tx) => {
    await assertSlugFree(tx, taxonomy, input.slug, null);
    const created = await tx.insertInto(tableOf(taxonomy)).values(row(taxonomy, input)).returning("id").executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: by.actorId, action: `ideas.${taxonomy}.create`, subjectType: AUDIT_SUBJECT[taxonomy], subjectId: created.id, details: auditDetails(taxonomy, input), ip: by.ip });
    return created.id;
  });
}

/** Changes a category's or status's slug, names, order (and tone). */
export async function updateTerm(db: Executor, taxonomy: Taxonomy, id: number, input: TermInput, by: StaffAct): Promise<void> {
  await inTransaction(db, async (tx) => {
    await assertSlugFree(tx, taxonomy, input.slug, id);
    const updated = await tx.updateTable(tableOf(taxonomy)).set(row(taxonomy, input)).where("id", "=", id).returning("id").executeTakeFirst();
    if (!updated) throw notFound();
    await recordAudit(tx, { actorId: by.actorId, action: `ideas.${taxonomy}.update`, subjectType: AUDIT_SUBJECT[taxonomy], subjectId: id, details: auditDetails(taxonomy, input), ip: by.ip });
  });
}

/**
 * Deletes a category or status. The ideas that use it move to `replacementId`, or to none when it
 * is null, so nothing is lost silently: the form says how many ideas move. Answers that number.
 */
export async function deleteTerm(db: Executor, taxonomy: Taxonomy, id: number, replacementId: number | null, by: StaffAct): Promise<number> {
  const column = taxonomy === "categories" ? "category_id" : "status_id";
  return inTransaction(db, async (tx) => {
    const term = await tx.selectFrom(tableOf(taxonomy)).select(["id", "slug"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!term) throw notFound();
    if (replacementId !== null) {
      const replacement = replacementId === id ? undefined : await tx.selectFrom(tableOf(taxonomy)).select("id").where("id", "=", replacementId).executeTakeFirst();
      if (!replacement) throw invalid("invalid_replacement", "ideasConsole.taxonomy.errors.replacement", { replacement: { key: "ideasConsole.taxonomy.errors.replacement" } });
    }
    const moved = await tx.updateTable("ideas").set({ [column]: replacementId }).where(column, "=", id).returning("id").execute();
    await tx.deleteFrom(tableOf(taxonomy)).where("id", "=", id).execute();
    await recordAudit(tx, {
      actorId: by.actorId,
      action: `ideas.${taxonomy}.delete`,
      subjectType: AUDIT_SUBJECT[taxonomy],
      subjectId: id,
      details: { slug: term.slug, moved: moved.length, replacement: replacementId },
      ip: by.ip,
    });
    return moved.length;
  });
}
