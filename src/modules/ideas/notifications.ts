/**
 * What the ideas module tells people, and the exactly-once fan-out: an announcement job (written
 * in the transaction of the change, keyed so it exists once) adds one job per recipient (keyed per
 * recipient), and each recipient's job writes the notification in the same transaction that marks
 * it done. A crash at any point neither loses nor doubles a notification.
 */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { defineJob, enqueue } from "../../platform/jobs/index.ts";
import { defineNotificationType, notify, type NotificationParams } from "../../platform/notify/index.ts";

export const IDEA_EVENTS = ["moderated", "milestone", "expired", "review_started", "decision", "comment", "update"] as const;
export type IdeaEvent = (typeof IDEA_EVENTS)[number];

const DEFAULTS: Record<IdeaEvent, { inApp: boolean; email: boolean }> = {
  moderated: { inApp: true, email: true },
  milestone: { inApp: true, email: true },
  expired: { inApp: true, email: true },
  review_started: { inApp: true, email: true },
  decision: { inApp: true, email: true },
  comment: { inApp: true, email: false },
  update: { inApp: true, email: true },
};

for (const event of IDEA_EVENTS) {
  defineNotificationType({
    type: `ideas.${event}`,
    labelKey: `ideas.notifications.${event}.label`,
    messageKey: `ideas.notifications.${event}.message`,
    defaults: DEFAULTS[event],
    email: (params) => ({ subjectKey: `ideas.notifications.${event}.subject`, paragraphKeys: [`ideas.notifications.${event}.message`], params }),
  });
}

/** Who hears about an event: the creator only, or the creator with supporters and followers. */
export type Audience = "creator" | "everyone";

/**
 * Announces an event on an idea, inside the caller's transaction. `key` makes it idempotent: the
 * same event with the same key is announced once (e.g. `milestone:2`).
 */
export async function announce(db: Executor, ideaId: number, event: IdeaEvent, key: string, params: NotificationParams, audience: Audience = "everyone", exceptMemberId?: number): Promise<void> {
  await enqueue(db, "ideas.announce", { ideaId, event, key, params, audience, exceptMemberId: exceptMemberId ?? null }, { dedupeKey: `idea:${ideaId}:${event}:${key}` });
}

defineJob(
  "ideas.announce",
  async (payload, { db }) => {
    const ideaId = Number(payload.ideaId);
    const event = String(payload.event);
    const prefix = `idea:${ideaId}:${event}:${String(payload.key)}:`;
    const except = payload.exceptMemberId === null ? -1 : Number(payload.exceptMemberId);
    const recipients =
      payload.audience === "creator"
        ? sql`select creator_id as member_id from ideas where id = ${ideaId}`
        : sql`select creator_id as member_id from ideas where id = ${ideaId}
              union select member_id from idea_supports where idea_id = ${ideaId}
              union select member_id from idea_follows where idea_id = ${ideaId}`;
    await sql`
      insert into jobs (queue, payload, dedupe_key)
      select 'ideas.notify',
             jsonb_build_object('ideaId', ${ideaId}::bigint, 'event', ${event}::text, 'params', ${JSON.stringify(payload.params ?? {})}::jsonb, 'memberId', r.member_id),
             ${prefix}::text || r.member_id
      from (${recipients}) r
      where r.member_id <> ${except}
      on conflict (dedupe_key) do nothing`.execute(db);
  },
  { transactional: true },
);

defineJob(
  "ideas.notify",
  async (payload, { db }) => {
    const ideaId = Number(payload.ideaId);
    const idea = await db.selectFrom("ideas").select(["id", "title"]).where("id", "=", ideaId).executeTakeFirst();
    if (!idea) return;
    const params = { ...(payload.params as NotificationParams), title: idea.title };
    await notify(db, { accountId: Number(payload.memberId), type: `ideas.${String(payload.event)}`, params, url: `/ideas/${idea.id}` });
  },
  { transactional: true },
);
