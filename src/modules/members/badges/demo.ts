/**
 * The demo's badges, spotlight and ladder over time. The members step records every stage change at
 * the moment the demo loads; here each is dated when the member's own activity reached it (the first
 * activity for participant, further along their activities for later stages), so the ladder has a
 * history. Then a year of weekly stage counts is filled from it, rule badges are awarded (not
 * announced), a few manual badges given, and one current and a few past spotlights set.
 */
import type { DemoStep } from "../../../demo/index.ts";
import { sql, type Tx } from "../../../platform/db/index.ts";
import type { Writeups } from "../spotlight/rules.ts";
import { backfillWeeks, snapshotWeek } from "../funnel/weeks.ts";
import { awardRuleBadges } from "./award.ts";

const DAY_MS = 86_400_000;
const WEEKS_BACK = 51;
const EVENT_HOSTS = 6;

/**
 * The members step places everyone in one recompute, so a member now an advocate or creator went
 * straight from newcomer; an hourly recompute would have made them a participant at their first
 * contribution first. That step is added, then each stage is dated by how far through the member's
 * activities (in order) it is taken to be reached.
 */
async function dateStageChanges(db: Tx): Promise<void> {
  await sql`
    insert into member_stage_changes (account_id, kind, from_value, to_value, reasons, changed_at)
    select account_id, 'stage', 'newcomer', 'participant', '[]', changed_at from member_stage_changes
    where kind = 'stage' and from_value = 'newcomer' and to_value in ('advocate', 'creator')`.execute(db);
  await sql`update member_stage_changes set from_value = 'participant' where kind = 'stage' and from_value = 'newcomer' and to_value in ('advocate', 'creator')`.execute(db);
  await sql`
    with acts as (
      select actor_id, occurred_at,
             row_number() over (partition by actor_id order by occurred_at, id) as n,
             count(*) over (partition by actor_id) as total
      from activities
    ),
    dated as (
      select c.id, c.account_id, a.occurred_at as at
      from member_stage_changes c
      join acts a on a.actor_id = c.account_id
       and a.n = greatest(1, ceil(a.total * case c.to_value when 'participant' then 0 when 'advocate' then 0.6 when 'creator' then 0.8 else 0.95 end))
      where c.kind = 'stage'
    )
    update member_stage_changes c set changed_at = dated.at from dated where dated.id = c.id`.execute(db);
  await sql`
    update member_scores s set stage_since = latest.at
    from (select account_id, to_value, max(changed_at) as at from member_stage_changes where kind = 'stage' group by 1, 2) latest
    where latest.account_id = s.account_id and latest.to_value = s.stage`.execute(db);
}

const MEMBER_WRITEUPS: Writeups[] = [
  {
    en: "Answers newcomers' questions within the hour, with **photos of their own set-up**. Thank you for making this a friendly place.",
    fa: "به پرسش‌های تازه‌واردها ظرف یک ساعت پاسخ می‌دهد، آن هم با **عکس‌هایی از وسایل خودش**. سپاس که این‌جا را جای دوستانه‌ای می‌کنی.",
    he: "עונה לשאלות של חדשים תוך שעה, עם **תמונות של הציוד שלו/ה**. תודה שאת/ה הופך/ת את המקום הזה לידידותי.",
  },
  {
    en: "Ran three meetups this spring and wrote up each one for those who could not come.",
    fa: "این بهار سه دورهمی برگزار کرد و گزارش هر کدام را برای کسانی که نتوانستند بیایند نوشت.",
  },
];
const CREATION_WRITEUPS: Writeups[] = [
  {
    en: "The most liked creation of the season: a clever build, with every step shared so anyone can make it too.",
    fa: "محبوب‌ترین ساختهٔ این فصل: ساختی هوشمندانه که همهٔ گام‌هایش به اشتراک گذاشته شده تا هر کسی بتواند آن را بسازد.",
    he: "היצירה האהובה ביותר העונה: בנייה מחוכמת, עם כל השלבים משותפים כדי שכל אחד יוכל להכין אותה.",
  },
  { en: "A route worth riding: the photos alone will make you pack your bags.", he: "מסלול ששווה לרכוב בו: התמונות לבדן יגרמו לכם לארוז." },
];

async function demoSpotlights(db: Tx, now: Date, managerId: number | null): Promise<number> {
  const members = await db
    .selectFrom("member_scores as s")
    .innerJoin("member_profiles as p", "p.account_id", "s.account_id")
    .select("s.account_id")
    .where("p.listed", "=", true)
    .where("s.stage", "in", ["creator", "ambassador", "advocate"])
    .orderBy("s.reputation", "desc")
    .limit(MEMBER_WRITEUPS.length)
    .execute();
  const creations = await db.selectFrom("creations").select("id").where("hidden_at", "is", null).orderBy("like_count", "desc").orderBy("id").limit(CREATION_WRITEUPS.length).execute();
  const day = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const rows = [
    // The current one: a member, since three days ago, open-ended.
    ...members.slice(0, 1).map((row) => ({ subject_type: "member" as const, subject_id: row.account_id, writeups: MEMBER_WRITEUPS[0]!, starts_at: day(3), ends_at: null })),
    ...creations.map((row, i) => ({ subject_type: "creation" as const, subject_id: row.id, writeups: CREATION_WRITEUPS[i]!, starts_at: day(30 + i * 45), ends_at: day(16 + i * 45) })),
    ...members.slice(1).map((row, i) => ({ subject_type: "member" as const, subject_id: row.account_id, writeups: MEMBER_WRITEUPS[i + 1]!, starts_at: day(120 + i * 30), ends_at: day(106 + i * 30) })),
  ];
  if (rows.length === 0) return 0;
  await db
    .insertInto("spotlights")
    .values(rows.map((row) => ({ ...row, writeups: JSON.stringify(row.writeups), created_by: managerId, created_at: row.starts_at })))
    .execute();
  return rows.length;
}

async function manualBadges(db: Tx, rng: { int(min: number, max: number): number }, now: Date, managerId: number | null): Promise<void> {
  const badges = new Map((await db.selectFrom("badges").select(["id", "slug"]).where("kind", "=", "manual").execute()).map((row) => [row.slug, row.id]));
  const heroes = await db.selectFrom("member_scores").select("account_id").where("ambassador", "=", true).execute();
  const participants = await db.selectFrom("member_scores").select("account_id").where("stage", "in", ["participant", "advocate", "creator"]).orderBy("account_id").execute();
  const hosts = new Set<number>();
  for (let i = 0; i < EVENT_HOSTS && participants.length > 0; i += 1) hosts.add(participants[rng.int(0, participants.length - 1)]!.account_id);
  const award = (slug: string, ids: number[], reason: string) =>
    ids.map((accountId) => ({ account_id: accountId, badge_id: badges.get(slug)!, awarded_at: new Date(now.getTime() - rng.int(1, 200) * DAY_MS), awarded_by: managerId, reason }));
  const rows = [
    ...(badges.has("community-hero") ? award("community-hero", heroes.map((row) => row.account_id), "Ambassador of the year") : []),
    ...(badges.has("event-host") ? award("event-host", [...hosts], "Hosted a local meetup") : []),
  ];
  if (rows.length > 0) await db.insertInto("member_badges").values(rows).onConflict((oc) => oc.columns(["account_id", "badge_id"]).doNothing()).execute();
}

export const badgesDemoStep: DemoStep = {
  name: "badges, spotlight and the ladder over time",
  async run(db: Tx, rng, context) {
    await dateStageChanges(db);
    await backfillWeeks(db, context.now, WEEKS_BACK);
    await snapshotWeek(db, context.now);
    const awarded = await awardRuleBadges(db, context.now, { announce: false });
    const managerId = context.staff.manager?.id ?? null;
    await manualBadges(db, rng, context.now, managerId);
    const spotlights = await demoSpotlights(db, context.now, managerId);
    return `${awarded} badges awarded by rule, ${spotlights} spotlights, ${WEEKS_BACK + 1} weeks of the ladder`;
  },
};
