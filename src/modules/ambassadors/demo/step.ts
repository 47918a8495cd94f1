/**
 * The demo's ambassador programme, after the members step has placed its ambassadors on the ladder:
 * a membership with an accepted agreement for each (one due for renewal within the month), open
 * nominations, perks, tasks (one reported, one confirmed and recorded as an activity) and an announcement.
 */
import type { DemoStep } from "../../../demo/index.ts";
import type { Tx } from "../../../platform/db/index.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { addMonths, termsDigest, TERM_MONTHS } from "../rules.ts";
import { ambassadorsSettings, termsText } from "../settings.ts";

const DAY = 86_400_000;

const PERKS = [
  { title: "Early access to betas", body: "Try new products before anyone else and tell the team what you think." },
  { title: "Meet the product team", body: "A video call with the designers every quarter." },
  { title: "Ambassador kit", body: "Stickers, a T-shirt and a badge for your meet-ups." },
];

const TASKS = [
  { title: "Host a meet-up in your city", description: "Invite at least five members; share photos afterwards.", dueDays: 45, points: 50 },
  { title: "Welcome ten newcomers", description: "Reply to ten first posts in the community.", dueDays: 20, points: 20 },
  { title: "Translate the getting-started guide", description: "Into Persian or Hebrew.", dueDays: null, points: 30 },
];

const REASONS = [
  "Answers questions in the community every week and always kindly.",
  "Organised two meet-ups this year and brought many new members.",
  "Writes the most helpful reviews; people trust what they say.",
];

export const ambassadorsDemoStep: DemoStep = {
  name: "ambassador programme",
  async run(db: Tx, rng, context) {
    const now = context.now;
    const manager = context.staff.manager;
    const ambassadors = await db.selectFrom("member_scores as s").innerJoin("accounts as a", "a.id", "s.account_id").select(["s.account_id", "s.reputation", "a.locale"]).where("s.ambassador", "=", true).orderBy("s.account_id").execute();
    for (const [index, ambassador] of ambassadors.entries()) {
      // The first one's year ends in a fortnight: due for renewal.
      const acceptedAt = index === 0 ? new Date(addMonths(now, -TERM_MONTHS).getTime() + 14 * DAY) : new Date(now.getTime() - rng.int(30, 200) * DAY);
      const locale = ambassador.locale === "fa" || ambassador.locale === "he" ? ambassador.locale : "en";
      const membership = await db
        .insertInto("ambassador_memberships")
        .values({ account_id: ambassador.account_id, granted_by: manager?.id ?? null, created_at: acceptedAt, accepted_at: acceptedAt, expires_at: addMonths(acceptedAt, TERM_MONTHS), reputation_at_start: ambassador.reputation })
        .returning("id")
        .executeTakeFirstOrThrow();
      const terms = termsText(ambassadorsSettings.defaults, locale, translator(locale));
      await db.insertInto("ambassador_agreements").values({ membership_id: membership.id, account_id: ambassador.account_id, terms_sha256: termsDigest(terms), locale, accepted_at: acceptedAt }).execute();
    }

    const taken = new Set(ambassadors.map((row) => row.account_id));
    const nominees = context.members.filter((member) => !taken.has(member.id)).slice(-20);
    const nominators = await db.selectFrom("member_scores").select("account_id").where("trust_level", ">=", 2).where("ambassador", "=", false).orderBy("reputation", "desc").limit(3).execute();
    for (const [index, reason] of REASONS.entries()) {
      const nominee = nominees[index * 5];
      if (!nominee) break;
      const nominator = nominators[index]?.account_id ?? manager?.id ?? null;
      await db.insertInto("ambassador_nominations").values({ nominee_id: nominee.id, nominator_id: nominator, reason, created_at: new Date(now.getTime() - (index + 1) * 3 * DAY) }).execute();
    }

    for (const perk of PERKS) await db.insertInto("ambassador_perks").values({ ...perk, created_by: manager?.id ?? null, created_at: new Date(now.getTime() - 60 * DAY) }).execute();
    const taskIds: number[] = [];
    for (const task of TASKS) {
      const due = task.dueDays === null ? null : new Date(now.getTime() + task.dueDays * DAY).toISOString().slice(0, 10);
      const row = await db
        .insertInto("ambassador_tasks")
        .values({ title: task.title, description: task.description, due_on: due, points: task.points, created_by: manager?.id ?? null, created_at: new Date(now.getTime() - 30 * DAY) })
        .returning("id")
        .executeTakeFirstOrThrow();
      taskIds.push(row.id);
    }
    const [first, second] = ambassadors;
    const [meetup, welcome] = taskIds;
    if (first && welcome !== undefined) {
      const at = new Date(now.getTime() - 10 * DAY);
      await db.insertInto("ambassador_task_reports").values({ task_id: welcome, account_id: first.account_id, link: null, status: "confirmed", reported_at: at, decided_by: manager?.id ?? null, decided_at: at }).execute();
      await db.insertInto("activities").values({ actor_id: first.account_id, type: "ambassador.task", subject_type: "ambassador_task", subject_id: welcome, occurred_at: at }).execute();
    }
    if (second && meetup !== undefined) {
      await db.insertInto("ambassador_task_reports").values({ task_id: meetup, account_id: second.account_id, link: "https://example.org/meetups/spring", reported_at: new Date(now.getTime() - 2 * DAY) }).execute();
    }
    await db.insertInto("ambassador_announcements").values({ author_id: manager?.id ?? null, body: "Welcome to the ambassador space! The **spring beta** opens next week: look out for your invitation.", created_at: new Date(now.getTime() - 5 * DAY) }).execute();
    return `${ambassadors.length} ambassadors (1 due for renewal), ${Math.min(REASONS.length, nominees.length)} open nominations, ${TASKS.length} tasks, ${PERKS.length} perks`;
  },
};
