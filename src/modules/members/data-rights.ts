/**
 * A member's data rights: download everything that is theirs as JSON, and delete their account.
 * Deleting anonymises the account rather than removing it: ideas, answers and reviews stay for the
 * people who supported, answered or read them, under a name that no longer identifies anyone.
 */
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { forgetCachedActors } from "../../platform/auth/sessions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { notFound } from "../../platform/errors.ts";
import { DEFAULT_LOCALE, translate } from "../../platform/i18n/index.ts";

/** Everything Hearth keeps about the member that is theirs alone; never another member's data. */
export async function exportMemberData(db: Executor, accountId: number, now = new Date()) {
  const account = await db
    .selectFrom("accounts")
    .select(["id", "email", "name", "locale", "email_verified_at", "created_at", "updated_at"])
    .where("id", "=", accountId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!account) throw notFound();
  const profile = await db.selectFrom("member_profiles").select(["bio", "languages", "location", "links", "listed", "show_location", "show_links", "show_activity", "updated_at"]).where("account_id", "=", accountId).executeTakeFirst();
  const score = await db.selectFrom("member_scores").select(["reputation", "reputation_parts", "trust_level", "trust_since", "stage", "stage_since", "metrics", "contributions", "computed_at"]).where("account_id", "=", accountId).executeTakeFirst();
  const history = await db.selectFrom("member_stage_changes").select(["kind", "from_value", "to_value", "reasons", "changed_at"]).where("account_id", "=", accountId).orderBy("changed_at").execute();
  const roles = await db.selectFrom("account_roles").select(["role", "scope", "granted_at"]).where("account_id", "=", accountId).execute();
  const activities = await db.selectFrom("activities").select(["type", "subject_type", "subject_id", "occurred_at"]).where("actor_id", "=", accountId).orderBy("occurred_at").orderBy("id").execute();
  // The ideas module's tables, read by their columns: the member's own ideas and supports.
  const ideas = (await sql<Record<string, unknown>>`select id, title, body, language, state, created_at, submitted_at, published_at from ideas where creator_id = ${accountId} order by id`.execute(db)).rows;
  const supports = (await sql<Record<string, unknown>>`select idea_id, status, would_buy, price_band, quantity, created_at from idea_supports where member_id = ${accountId} order by created_at`.execute(db)).rows;
  const notificationSettings = await db.selectFrom("notification_settings").selectAll().where("account_id", "=", accountId).execute();
  return {
    exportedAt: now.toISOString(),
    account: { id: account.id, email: account.email, name: account.name, locale: account.locale, emailVerifiedAt: account.email_verified_at, createdAt: account.created_at, updatedAt: account.updated_at, roles },
    profile: profile ?? null,
    ladder: score ? { ...score, history } : null,
    activities,
    ideas,
    supports,
    notificationSettings,
  };
}

/**
 * Deletes the member's account: signs them out everywhere, revokes their tokens, removes their
 * profile, scores and notifications, and replaces their name and email so nothing identifies them.
 * Their contributions remain, attributed to a former member. Audited.
 */
export async function deleteMemberAccount(db: Executor, accountId: number, context: { ip?: string | null } = {}, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const account = await tx.selectFrom("accounts").select(["id"]).where("id", "=", accountId).where("deleted_at", "is", null).forUpdate().executeTakeFirst();
    if (!account) throw notFound();
    await tx
      .updateTable("accounts")
      .set({ name: translate(DEFAULT_LOCALE, "members.deleted.name"), email: `deleted-${accountId}@deleted.invalid`, password_hash: null, email_verified_at: null, locale: null, deleted_at: now, updated_at: now })
      .where("id", "=", accountId)
      .execute();
    await tx.deleteFrom("sessions").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("email_tokens").where("account_id", "=", accountId).execute();
    await tx.updateTable("api_tokens").set({ revoked_at: now }).where("account_id", "=", accountId).where("revoked_at", "is", null).execute();
    await tx.deleteFrom("account_roles").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("notifications").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("notification_settings").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("member_profiles").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("member_scores").where("account_id", "=", accountId).execute();
    await tx.deleteFrom("member_stage_changes").where("account_id", "=", accountId).execute();
    await recordAudit(tx, { actorId: accountId, action: "members.account_deleted", subjectType: "account", subjectId: String(accountId), details: {}, ip: context.ip ?? null });
  });
  await forgetCachedActors(db);
}
