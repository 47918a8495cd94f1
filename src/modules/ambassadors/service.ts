/**
 * The ambassador programme's use cases, each one transaction taking `now`: nominating, reviewing,
 * accepting the agreement (which starts or renews a membership and sets the ladder's ambassador flag),
 * staff grants from a profile, the renewal reminder and the lapse, perks, tasks and their reports,
 * and announcements. Staff actions are audited; confirmed tasks are recorded as activities.
 */
import { recordActivity } from "../../platform/activity/index.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { authorize, can, type Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, forbidden, invalid, notFound, type FieldErrors } from "../../platform/errors.ts";
import { notify } from "../../platform/notify/index.ts";
import { memberHasAbility, requestRecompute } from "../members/index.ts";
import { AGREEMENT_WAIT_DAYS, agreementRefusal, invitationExpired, isSafeLink, mayEnterSpace, membershipState, nominationRefusal, REASON_MAX, REASON_MIN, reminderDue, termEnd, termsDigest, type MembershipTimes } from "./rules.ts";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;
export const POINTS_MAX = 1000;

/** The member's membership that has not ended (awaiting the agreement, running, or past its end but not yet swept). */
export async function currentMembership(db: Executor, accountId: number, lock = false) {
  let query = db.selectFrom("ambassador_memberships").selectAll().where("account_id", "=", accountId).where("ended_at", "is", null);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** The member's latest membership, ended or not (to tell a former ambassador why the space is closed). */
export async function latestMembership(db: Executor, accountId: number) {
  return (await db.selectFrom("ambassador_memberships").selectAll().where("account_id", "=", accountId).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirst()) ?? null;
}

type MembershipRow = NonNullable<Awaited<ReturnType<typeof currentMembership>>>;

/** The stored times the rules read. */
export function timesOf(row: Pick<MembershipRow, "accepted_at" | "expires_at" | "ended_at" | "reminded_for">): MembershipTimes {
  return { acceptedAt: row.accepted_at, expiresAt: row.expires_at, endedAt: row.ended_at, remindedFor: row.reminded_for };
}

/** Whether the member may enter the ambassador-only space now. */
export async function isAmbassadorNow(db: Executor, accountId: number, now: Date): Promise<boolean> {
  const row = await currentMembership(db, accountId);
  return mayEnterSpace(row ? timesOf(row) : null, now);
}

async function setFlag(db: Executor, accountId: number, ambassador: boolean): Promise<void> {
  await db
    .insertInto("member_scores")
    .values({ account_id: accountId, ambassador })
    .onConflict((oc) => oc.column("account_id").doUpdateSet({ ambassador }))
    .execute();
}

async function reputationOf(db: Executor, accountId: number): Promise<number> {
  const row = await db.selectFrom("member_scores").select("reputation").where("account_id", "=", accountId).executeTakeFirst();
  return row?.reputation ?? 0;
}

/** Ends a membership whose term ran out, at its end. */
async function endLapsed(db: Executor, row: MembershipRow): Promise<void> {
  await db.updateTable("ambassador_memberships").set({ ended_at: row.expires_at ?? new Date(), end_reason: "lapsed" }).where("id", "=", row.id).execute();
}

/** A membership that still counts: not ended and not lapsed. */
function stillRuns(row: MembershipRow | null, now: Date): row is MembershipRow {
  if (!row) return false;
  const state = membershipState(timesOf(row), now);
  return state !== "lapsed" && state !== "ended";
}

// ---------------------------------------------------------------- nominations

export interface NominationInput {
  nomineeId: number;
  reason: string;
}

function checkReason(reason: string, field = "reason"): FieldErrors {
  const length = reason.trim().length;
  return length < REASON_MIN || length > REASON_MAX ? { [field]: { key: "ambassadors.errors.reasonLength", params: { min: REASON_MIN, max: REASON_MAX } } } : {};
}

/**
 * Nominates a member: oneself or another, by a member whose trust level has the `apply_programmes`
 * ability, or anyone by staff. One open nomination per nominee. Returns the nomination's id.
 */
export async function nominate(db: Executor, actor: Actor, input: NominationInput, now: Date, ip: string | null = null): Promise<number> {
  const errors = checkReason(input.reason);
  if (Object.keys(errors).length > 0) throw invalid("nomination_invalid", "errors.validation", errors);
  return inTransaction(db, async (tx) => {
    const staff = can(actor, "ambassadors.review");
    const nominee = await tx.selectFrom("accounts").select("id").where("id", "=", input.nomineeId).where("deleted_at", "is", null).executeTakeFirst();
    const open = await tx.selectFrom("ambassador_nominations").select("id").where("nominee_id", "=", input.nomineeId).where("status", "=", "open").executeTakeFirst();
    const refusal = nominationRefusal({
      nominatorIsStaff: staff,
      nominatorHasAbility: staff || (await memberHasAbility(tx, actor.id, "apply_programmes", now)),
      nomineeExists: nominee !== undefined,
      nomineeIsAmbassador: stillRuns(await currentMembership(tx, input.nomineeId), now),
      nomineeHasOpenNomination: open !== undefined,
    });
    if (refusal === "cannot_nominate") throw forbidden("nomination_not_allowed", "ambassadors.errors.cannotNominate");
    if (refusal === "nominee_not_found") throw notFound("member_not_found", "ambassadors.errors.nomineeNotFound");
    if (refusal === "already_ambassador") throw conflict("already_ambassador", "ambassadors.errors.alreadyAmbassador");
    if (refusal === "already_nominated") throw conflict("already_nominated", "ambassadors.errors.alreadyNominated");
    const row = await tx
      .insertInto("ambassador_nominations")
      .values({ nominee_id: input.nomineeId, nominator_id: actor.id, reason: input.reason.trim(), created_at: now })
      // Two nominations at the same moment: the unique index keeps one open.
      .onConflict((oc) => oc.column("nominee_id").where("status", "=", "open").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw conflict("already_nominated", "ambassadors.errors.alreadyNominated");
    if (staff) await recordAudit(tx, { actorId: actor.id, action: "ambassadors.nominate", subjectType: "account", subjectId: input.nomineeId, details: { nomination: row.id }, ip });
    return row.id;
  });
}

/**
 * Staff accept or decline an open nomination (declining needs a reason the nominee reads). Accepting
 * opens a membership that waits for the nominee to accept the agreement. Audited; the nominee is told.
 */
export async function reviewNomination(db: Executor, actor: Actor, nominationId: number, decision: "accept" | "decline", reason: string, now: Date, ip: string | null = null): Promise<void> {
  authorize(actor, "ambassadors.review");
  const text = reason.trim();
  if (decision === "decline" && text === "") throw invalid("decision_reason_required", "errors.validation", { reason: { key: "ambassadors.errors.declineReason" } });
  if (text.length > REASON_MAX) throw invalid("decision_reason_too_long", "errors.validation", { reason: { key: "ambassadors.errors.reasonLength", params: { min: 0, max: REASON_MAX } } });
  await inTransaction(db, async (tx) => {
    const nomination = await tx.selectFrom("ambassador_nominations").selectAll().where("id", "=", nominationId).forUpdate().executeTakeFirst();
    if (!nomination) throw notFound("nomination_not_found", "ambassadors.errors.nominationNotFound");
    if (nomination.status !== "open") throw conflict("nomination_decided", "ambassadors.errors.nominationDecided");
    const status = decision === "accept" ? "accepted" : "declined";
    await tx.updateTable("ambassador_nominations").set({ status, decided_by: actor.id, decided_at: now, decision_reason: text }).where("id", "=", nominationId).execute();
    if (decision === "accept") {
      const current = await currentMembership(tx, nomination.nominee_id, true);
      // Granted from the profile meanwhile: the running membership stands.
      if (!stillRuns(current, now)) {
        if (current) await endLapsed(tx, current);
        await tx
          .insertInto("ambassador_memberships")
          .values({ account_id: nomination.nominee_id, nomination_id: nominationId, created_at: now, reputation_at_start: await reputationOf(tx, nomination.nominee_id) })
          .execute();
      }
    }
    await recordAudit(tx, { actorId: actor.id, action: `ambassadors.nomination.${decision}`, subjectType: "ambassador_nomination", subjectId: nominationId, details: { nominee: nomination.nominee_id, reason: text }, ip });
    await notify(tx, {
      accountId: nomination.nominee_id,
      type: `ambassadors.nomination_${status}`,
      params: { reason: text },
      url: decision === "accept" ? "/ambassadors/agreement" : "/ambassadors",
    });
  });
}

// ---------------------------------------------------------------- the agreement and the membership

/**
 * The member accepts the agreement whose exact text they were shown (`shownDigest`, the SHA-256 sent
 * with the form; terms changed since → 409). Starts the one-year term, or renews it inside the window;
 * the digest and the time are kept. Sets the ladder's ambassador flag and asks for a recompute.
 */
export async function acceptAgreement(db: Executor, actor: Actor, input: { terms: string; shownDigest: string; locale: string }, now: Date, ip: string | null = null): Promise<{ expiresAt: Date }> {
  const digest = termsDigest(input.terms);
  if (digest !== input.shownDigest) throw conflict("terms_changed", "ambassadors.errors.termsChanged");
  return inTransaction(db, async (tx) => {
    const membership = await currentMembership(tx, actor.id, true);
    const refusal = agreementRefusal(membership ? timesOf(membership) : null, now);
    if (refusal === "no_membership" || !membership) throw forbidden("not_nominated", "ambassadors.errors.notNominated");
    if (refusal === "ended") throw forbidden("membership_lapsed", "ambassadors.errors.lapsed");
    if (refusal === "not_yet_due") throw conflict("renewal_not_due", "ambassadors.errors.notYetDue");
    // A staff grant's provisional term is replaced by the year from the first acceptance.
    const expiresAt = termEnd(now, membership.accepted_at ? membership.expires_at : null);
    await tx.updateTable("ambassador_memberships").set({ accepted_at: now, expires_at: expiresAt }).where("id", "=", membership.id).execute();
    await tx.insertInto("ambassador_agreements").values({ membership_id: membership.id, account_id: actor.id, terms_sha256: digest, locale: input.locale, accepted_at: now }).execute();
    await setFlag(tx, actor.id, true);
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.agreement.accept", subjectType: "ambassador_membership", subjectId: membership.id, details: { terms: digest, locale: input.locale, expiresAt: expiresAt.toISOString() }, ip });
    await requestRecompute(tx, now);
    return { expiresAt };
  });
}

/**
 * The staff grant from a member's profile, inside the caller's transaction (which sets the flag and
 * audits the grant): on starts a one-year membership at once (the member is asked to accept the
 * agreement before entering the space) and settles an open nomination; off ends the membership.
 */
export async function applyAmbassadorGrant(tx: Executor, actor: Actor, accountId: number, on: boolean, now: Date): Promise<void> {
  const current = await currentMembership(tx, accountId, true);
  if (!on) {
    if (current) await tx.updateTable("ambassador_memberships").set({ ended_at: now, end_reason: "withdrawn" }).where("id", "=", current.id).execute();
    return;
  }
  await tx
    .updateTable("ambassador_nominations")
    .set({ status: "accepted", decided_by: actor.id, decided_at: now })
    .where("nominee_id", "=", accountId)
    .where("status", "=", "open")
    .execute();
  if (stillRuns(current, now)) {
    // A nominee still reading the agreement becomes an ambassador now; a running term stays as it is.
    if (!current.expires_at) await tx.updateTable("ambassador_memberships").set({ expires_at: termEnd(now, null), granted_by: actor.id }).where("id", "=", current.id).execute();
    return;
  }
  if (current) await endLapsed(tx, current);
  await tx
    .insertInto("ambassador_memberships")
    .values({ account_id: accountId, granted_by: actor.id, created_at: now, expires_at: termEnd(now, null), reputation_at_start: await reputationOf(tx, accountId) })
    .execute();
}

/**
 * The recurring sweep: reminds each ambassador once, 30 days before their term ends, and ends the
 * membership when the term has run out (clearing the flag and asking the ladder to recompute).
 * An invitation that waited 60 days for the agreement ends too. Idempotent: a reminder is marked with the
 * term it was sent for; a lapse happens once.
 */
export async function sweepMemberships(db: Executor, now: Date): Promise<{ reminded: number; lapsed: number; expiredInvitations: number }> {
  const waiting = await db
    .selectFrom("ambassador_memberships")
    .selectAll()
    .where("ended_at", "is", null)
    .where("expires_at", "is", null)
    .where("created_at", "<=", new Date(now.getTime() - AGREEMENT_WAIT_DAYS * 86_400_000))
    .execute();
  const expired = waiting.filter((row) => invitationExpired({ ...timesOf(row), createdAt: row.created_at }, now)).map((row) => row.id);
  if (expired.length > 0) await db.updateTable("ambassador_memberships").set({ ended_at: now, end_reason: "lapsed" }).where("id", "in", expired).where("ended_at", "is", null).execute();
  const candidates = await db.selectFrom("ambassador_memberships").select("id").where("ended_at", "is", null).where("expires_at", "is not", null).where("expires_at", "<=", new Date(now.getTime() + 31 * 86_400_000)).execute();
  let reminded = 0;
  let lapsed = 0;
  for (const { id } of candidates) {
    await inTransaction(db, async (tx) => {
      const row = await tx.selectFrom("ambassador_memberships").selectAll().where("id", "=", id).where("ended_at", "is", null).forUpdate().executeTakeFirst();
      if (!row || !row.expires_at) return;
      const times = timesOf(row);
      if (membershipState(times, now) === "lapsed") {
        await endLapsed(tx, row);
        await setFlag(tx, row.account_id, false);
        await notify(tx, { accountId: row.account_id, type: "ambassadors.lapsed", params: {}, url: "/ambassadors" });
        await requestRecompute(tx, now);
        lapsed += 1;
      } else if (reminderDue(times, now)) {
        await tx.updateTable("ambassador_memberships").set({ reminded_for: row.expires_at }).where("id", "=", row.id).execute();
        await notify(tx, { accountId: row.account_id, type: "ambassadors.renewal_due", params: { date: row.expires_at.toISOString().slice(0, 10) }, url: "/ambassadors/agreement" });
        reminded += 1;
      }
    });
  }
  return { reminded, lapsed, expiredInvitations: expired.length };
}

// ---------------------------------------------------------------- perks, tasks, announcements

function checkText(fields: Record<string, { value: string; min: number; max: number }>): void {
  const errors: FieldErrors = {};
  for (const [name, { value, min, max }] of Object.entries(fields)) {
    const length = value.trim().length;
    if (length < min) errors[name] = { key: "errors.field.required" };
    else if (length > max) errors[name] = { key: "ambassadors.errors.tooLong", params: { max } };
  }
  if (Object.keys(errors).length > 0) throw invalid("invalid_input", "errors.validation", errors);
}

/** Staff add a perk shown in the space. Audited. */
export async function addPerk(db: Executor, actor: Actor, input: { title: string; body: string }, now: Date, ip: string | null = null): Promise<number> {
  authorize(actor, "ambassadors.manage");
  checkText({ title: { value: input.title, min: 1, max: TITLE_MAX }, body: { value: input.body, min: 0, max: TEXT_MAX } });
  return inTransaction(db, async (tx) => {
    const row = await tx.insertInto("ambassador_perks").values({ title: input.title.trim(), body: input.body.trim(), created_by: actor.id, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.perk.add", subjectType: "ambassador_perk", subjectId: row.id, details: { title: input.title.trim() }, ip });
    return row.id;
  });
}

/** Staff remove a perk (kept, marked removed). Audited. */
export async function removePerk(db: Executor, actor: Actor, perkId: number, now: Date, ip: string | null = null): Promise<void> {
  authorize(actor, "ambassadors.manage");
  await inTransaction(db, async (tx) => {
    const row = await tx.updateTable("ambassador_perks").set({ removed_at: now }).where("id", "=", perkId).where("removed_at", "is", null).returning("id").executeTakeFirst();
    if (!row) throw notFound("perk_not_found", "ambassadors.errors.perkNotFound");
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.perk.remove", subjectType: "ambassador_perk", subjectId: perkId, ip });
  });
}

export interface TaskInput {
  title: string;
  description: string;
  /** `YYYY-MM-DD` or null. */
  dueOn: string | null;
  points: number;
}

/** Staff add a task with its points and optional due day. Audited. */
export async function addTask(db: Executor, actor: Actor, input: TaskInput, now: Date, ip: string | null = null): Promise<number> {
  authorize(actor, "ambassadors.manage");
  checkText({ title: { value: input.title, min: 1, max: TITLE_MAX }, description: { value: input.description, min: 0, max: TEXT_MAX } });
  if (!Number.isInteger(input.points) || input.points < 0 || input.points > POINTS_MAX) throw invalid("invalid_input", "errors.validation", { points: { key: "ambassadors.errors.points", params: { max: POINTS_MAX } } });
  if (input.dueOn !== null && Number.isNaN(Date.parse(`${input.dueOn}T00:00:00Z`))) throw invalid("invalid_input", "errors.validation", { dueOn: { key: "ambassadors.errors.dueOn" } });
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto("ambassador_tasks")
      .values({ title: input.title.trim(), description: input.description.trim(), due_on: input.dueOn, points: input.points, created_by: actor.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.task.add", subjectType: "ambassador_task", subjectId: row.id, details: { ...input }, ip });
    return row.id;
  });
}

/** Staff close a task: it leaves the space; its confirmed reports stay. Audited. */
export async function closeTask(db: Executor, actor: Actor, taskId: number, now: Date, ip: string | null = null): Promise<void> {
  authorize(actor, "ambassadors.manage");
  await inTransaction(db, async (tx) => {
    const row = await tx.updateTable("ambassador_tasks").set({ closed_at: now }).where("id", "=", taskId).where("closed_at", "is", null).returning("id").executeTakeFirst();
    if (!row) throw notFound("task_not_found", "ambassadors.errors.taskNotFound");
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.task.close", subjectType: "ambassador_task", subjectId: taskId, ip });
  });
}

/** An ambassador reports a task done, with an optional link; a returned report may be sent again. */
export async function reportTask(db: Executor, actor: Actor, taskId: number, link: string | null, now: Date): Promise<void> {
  if (link !== null && !isSafeLink(link)) throw invalid("invalid_input", "errors.validation", { link: { key: "ambassadors.errors.link" } });
  await inTransaction(db, async (tx) => {
    if (!(await isAmbassadorNow(tx, actor.id, now))) throw forbidden("not_an_ambassador", "ambassadors.errors.notAmbassador");
    const task = await tx.selectFrom("ambassador_tasks").select(["id"]).where("id", "=", taskId).where("closed_at", "is", null).executeTakeFirst();
    if (!task) throw notFound("task_not_found", "ambassadors.errors.taskNotFound");
    const existing = await tx.selectFrom("ambassador_task_reports").select(["status"]).where("task_id", "=", taskId).where("account_id", "=", actor.id).forUpdate().executeTakeFirst();
    if (existing?.status === "confirmed") throw conflict("task_confirmed", "ambassadors.errors.taskConfirmed");
    await tx
      .insertInto("ambassador_task_reports")
      .values({ task_id: taskId, account_id: actor.id, link, reported_at: now })
      .onConflict((oc) => oc.columns(["task_id", "account_id"]).doUpdateSet({ link, status: "reported", reported_at: now, decided_by: null, decided_at: null }))
      .execute();
  });
}

/** Staff confirm a reported task (recorded as the ambassador's `ambassador.task` activity) or send it back. Audited. */
export async function decideReport(db: Executor, actor: Actor, reportId: number, decision: "confirm" | "return", now: Date, ip: string | null = null): Promise<void> {
  authorize(actor, "ambassadors.manage");
  await inTransaction(db, async (tx) => {
    const report = await tx
      .selectFrom("ambassador_task_reports as r")
      .innerJoin("ambassador_tasks as t", "t.id", "r.task_id")
      .select(["r.id", "r.status", "r.account_id", "r.task_id", "t.title", "t.points"])
      .where("r.id", "=", reportId)
      .forUpdate()
      .executeTakeFirst();
    if (!report) throw notFound("report_not_found", "ambassadors.errors.reportNotFound");
    if (report.status !== "reported") throw conflict("report_decided", "ambassadors.errors.reportDecided");
    await tx.updateTable("ambassador_task_reports").set({ status: decision === "confirm" ? "confirmed" : "returned", decided_by: actor.id, decided_at: now }).where("id", "=", reportId).execute();
    if (decision === "confirm") {
      await recordActivity(tx, { actorId: report.account_id, type: "ambassador.task", subjectType: "ambassador_task", subjectId: report.task_id, occurredAt: now });
      await notify(tx, { accountId: report.account_id, type: "ambassadors.task_confirmed", params: { title: report.title, points: report.points }, url: "/ambassadors/space" });
    }
    await recordAudit(tx, { actorId: actor.id, action: `ambassadors.report.${decision}`, subjectType: "ambassador_task_report", subjectId: reportId, details: { task: report.task_id, member: report.account_id }, ip });
  });
}

/** Staff post an announcement (Markdown) to the space. Audited. */
export async function postAnnouncement(db: Executor, actor: Actor, body: string, now: Date, ip: string | null = null): Promise<number> {
  authorize(actor, "ambassadors.manage");
  checkText({ body: { value: body, min: 1, max: TEXT_MAX } });
  return inTransaction(db, async (tx) => {
    const row = await tx.insertInto("ambassador_announcements").values({ author_id: actor.id, body: body.trim(), created_at: now }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: actor.id, action: "ambassadors.announce", subjectType: "ambassador_announcement", subjectId: row.id, ip });
    return row.id;
  });
}
