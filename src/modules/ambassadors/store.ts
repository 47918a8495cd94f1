/**
 * What the programme's pages read: the public list, the space (perks, open tasks with the reader's
 * report, announcements, fellow ambassadors), the console's nominations, memberships and reports, and
 * each ambassador's impact read from the activities table by type.
 */
import { sql, type Executor } from "../../platform/db/index.ts";
import { membershipState, type MembershipState } from "./rules.ts";
import type { NominationStatus, ReportStatus } from "./tables.ts";

const ANNOUNCEMENTS = 10;

export interface AmbassadorListItem {
  id: number;
  name: string;
  since: Date;
}

/** Ambassadors whose term runs and who accepted the agreement; `listedOnly` leaves out members who asked not to be listed. */
export async function runningAmbassadors(db: Executor, now: Date, listedOnly: boolean): Promise<AmbassadorListItem[]> {
  let query = db
    .selectFrom("ambassador_memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .leftJoin("member_profiles as p", "p.account_id", "m.account_id")
    .select(["a.id", "a.name", "m.created_at as since"])
    .where("m.ended_at", "is", null)
    .where("m.accepted_at", "is not", null)
    .where("m.expires_at", ">", now)
    .where("a.deleted_at", "is", null);
  if (listedOnly) query = query.where((eb) => eb.or([eb("p.listed", "is", null), eb("p.listed", "=", true)]));
  return query.orderBy("a.name").orderBy("a.id").execute();
}

export interface SpaceTask {
  id: number;
  title: string;
  description: string;
  dueOn: string | null;
  points: number;
  myStatus: ReportStatus | null;
  myLink: string | null;
}

/** Everything the ambassador-only space shows to one ambassador. */
export async function spaceContent(db: Executor, accountId: number, now: Date) {
  const perks = await db.selectFrom("ambassador_perks").select(["id", "title", "body"]).where("removed_at", "is", null).orderBy("id").execute();
  const tasks: SpaceTask[] = (
    await db
      .selectFrom("ambassador_tasks as t")
      .leftJoin("ambassador_task_reports as r", (join) => join.onRef("r.task_id", "=", "t.id").on("r.account_id", "=", accountId))
      .select(["t.id", "t.title", "t.description", sql<string | null>`t.due_on::text`.as("due_on"), "t.points", "r.status", "r.link"])
      .where("t.closed_at", "is", null)
      .orderBy(sql`t.due_on nulls last`)
      .orderBy("t.id")
      .execute()
  ).map((row) => ({ id: row.id, title: row.title, description: row.description, dueOn: row.due_on, points: row.points, myStatus: row.status, myLink: row.link }));
  const announcements = await db
    .selectFrom("ambassador_announcements as n")
    .leftJoin("accounts as a", "a.id", "n.author_id")
    .select(["n.id", "n.body", "n.created_at", "a.name as author"])
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .limit(ANNOUNCEMENTS)
    .execute();
  const fellows = (await runningAmbassadors(db, now, false)).filter((fellow) => fellow.id !== accountId);
  return { perks, tasks, announcements, fellows };
}

export interface NominationRow {
  id: number;
  nomineeId: number;
  nomineeName: string;
  nominatorName: string | null;
  reason: string;
  status: NominationStatus;
  createdAt: Date;
}

/** Nominations waiting for review, oldest first. */
export async function openNominations(db: Executor): Promise<NominationRow[]> {
  const rows = await db
    .selectFrom("ambassador_nominations as n")
    .innerJoin("accounts as nominee", "nominee.id", "n.nominee_id")
    .leftJoin("accounts as nominator", "nominator.id", "n.nominator_id")
    .select(["n.id", "n.nominee_id", "nominee.name as nominee_name", "nominator.name as nominator_name", "n.reason", "n.status", "n.created_at"])
    .where("n.status", "=", "open")
    .orderBy("n.created_at")
    .execute();
  return rows.map((row) => ({ id: row.id, nomineeId: row.nominee_id, nomineeName: row.nominee_name, nominatorName: row.nominator_name, reason: row.reason, status: row.status, createdAt: row.created_at }));
}

export interface MembershipListItem {
  accountId: number;
  name: string;
  state: MembershipState;
  agreed: boolean;
  expiresAt: Date | null;
}

/** Every membership that has not ended, with its state now (lapsed ones wait for the sweep). */
export async function currentMemberships(db: Executor, now: Date): Promise<MembershipListItem[]> {
  const rows = await db
    .selectFrom("ambassador_memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.account_id", "a.name", "m.accepted_at", "m.expires_at", "m.ended_at"])
    .where("m.ended_at", "is", null)
    .orderBy("m.expires_at")
    .orderBy("a.name")
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    name: row.name,
    state: membershipState({ acceptedAt: row.accepted_at, expiresAt: row.expires_at, endedAt: row.ended_at }, now),
    agreed: row.accepted_at !== null,
    expiresAt: row.expires_at,
  }));
}

/** Task reports waiting for staff, oldest first. */
export async function reportedTasks(db: Executor) {
  return db
    .selectFrom("ambassador_task_reports as r")
    .innerJoin("ambassador_tasks as t", "t.id", "r.task_id")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .select(["r.id", "r.link", "r.reported_at", "t.title", "t.points", "a.id as account_id", "a.name"])
    .where("r.status", "=", "reported")
    .orderBy("r.reported_at")
    .execute();
}

/** The perks and open tasks, for the console. */
export async function programmeItems(db: Executor) {
  const perks = await db.selectFrom("ambassador_perks").select(["id", "title", "body"]).where("removed_at", "is", null).orderBy("id").execute();
  const tasks = await db.selectFrom("ambassador_tasks").select(["id", "title", sql<string | null>`due_on::text`.as("due_on"), "points"]).where("closed_at", "is", null).orderBy("id").execute();
  return { perks, tasks };
}

export interface Impact {
  accountId: number;
  name: string;
  since: Date;
  tasksDone: number;
  taskPoints: number;
  activities: number;
  reputationGained: number;
  eventsOrganised: number;
  eventAttendees: number;
}

/**
 * Each ambassador's impact since their membership began: confirmed tasks and their points, their
 * activities (every type), reputation gained, events organised and the people at them. Pass an
 * account id for one ambassador.
 */
export async function impactReport(db: Executor, accountId?: number): Promise<Impact[]> {
  const { rows } = await sql<{
    account_id: number;
    name: string;
    since: Date;
    tasks_done: number;
    task_points: number;
    activities: number;
    reputation_gained: number;
    events_organised: number;
    event_attendees: number;
  }>`
    select m.account_id, a.name, m.created_at as since,
      (select count(*) from ambassador_task_reports r where r.account_id = m.account_id and r.status = 'confirmed' and r.decided_at >= m.created_at)::int as tasks_done,
      (select coalesce(sum(t.points), 0) from ambassador_task_reports r join ambassador_tasks t on t.id = r.task_id
        where r.account_id = m.account_id and r.status = 'confirmed' and r.decided_at >= m.created_at)::int as task_points,
      (select count(*) from activities x where x.actor_id = m.account_id and x.occurred_at >= m.created_at)::int as activities,
      (coalesce((select s.reputation from member_scores s where s.account_id = m.account_id), 0) - m.reputation_at_start)::int as reputation_gained,
      (select count(*) from activities x where x.actor_id = m.account_id and x.type = 'event.organised' and x.occurred_at >= m.created_at)::int as events_organised,
      (select count(distinct x.actor_id) from activities x where x.target_id = m.account_id and x.type = 'event.attended' and x.occurred_at >= m.created_at)::int as event_attendees
    from ambassador_memberships m
    join accounts a on a.id = m.account_id
    where m.ended_at is null ${accountId === undefined ? sql`` : sql`and m.account_id = ${accountId}`}
    order by a.name, m.account_id`.execute(db);
  return rows.map((row) => ({
    accountId: row.account_id,
    name: row.name,
    since: new Date(row.since),
    tasksDone: row.tasks_done,
    taskPoints: row.task_points,
    activities: row.activities,
    reputationGained: row.reputation_gained,
    eventsOrganised: row.events_organised,
    eventAttendees: row.event_attendees,
  }));
}

/** An ambassador's activities since joining, counted per type, most first. */
export async function activitiesByType(db: Executor, accountId: number, since: Date): Promise<Array<{ type: string; count: number }>> {
  const rows = await db
    .selectFrom("activities")
    .select(["type", (eb) => eb.fn.countAll<number>().as("count")])
    .where("actor_id", "=", accountId)
    .where("occurred_at", ">=", since)
    .groupBy("type")
    .orderBy("count", "desc")
    .execute();
  return rows.map((row) => ({ type: row.type, count: Number(row.count) }));
}
