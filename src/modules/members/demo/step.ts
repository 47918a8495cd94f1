/**
 * Members of the demo community: profiles (a short bio in the member's language, the languages they
 * speak, a city), then the real recompute over every activity the earlier steps recorded, so profiles
 * and the directory show earned stages and levels. The three most reputed creators are ambassadors.
 * The demo's history is recorded but not announced. The ideas demo stores publications, milestones and
 * decisions as columns only; this step records the activities the live code records for them, once.
 */
import type { DemoStep } from "../../../demo/index.ts";
import { sql, type Tx } from "../../../platform/db/index.ts";
import type { Locale } from "../../../platform/i18n/index.ts";
import { recomputeMembers } from "../recompute.ts";

const BIOS: Record<Locale, string[]> = {
  en: ["Weekend builder and tinkerer.", "I collect kitchen gadgets and opinions about them.", "Cyclist, camper, fixer of things.", "Always sketching the next idea."],
  fa: ["سازندهٔ آخر هفته‌ها و عاشق ابزار.", "وسایل آشپزخانه جمع می‌کنم و دربارهٔ آن‌ها نظر دارم.", "دوچرخه‌سوار و اهل سفر.", "همیشه در حال طراحی ایدهٔ بعدی."],
  he: ["בונה בסופי שבוע ואוהב כלים.", "אוסף גאדג'טים למטבח ודעות עליהם.", "רוכב אופניים, מטייל ומתקן דברים.", "תמיד משרטט את הרעיון הבא."],
};
const CITIES: Record<Locale, string[]> = {
  en: ["London", "Toronto", "Melbourne", "Dublin", "Austin"],
  fa: ["تهران", "شیراز", "اصفهان", "تبریز", "مشهد"],
  he: ["תל אביב", "חיפה", "ירושלים", "באר שבע", "אילת"],
};
const AMBASSADORS = 3;

export const membersDemoStep: DemoStep = {
  name: "members and the fan ladder",
  async run(db: Tx, rng, context) {
    const profiles = context.members.map((member) => {
      const languages = rng.chance(0.3) ? [member.language, member.language === "en" ? "fa" : "en"] : [member.language];
      return {
        account_id: member.id,
        bio: rng.chance(0.7) ? rng.pick(BIOS[member.language]) : "",
        languages,
        location: rng.chance(0.6) ? rng.pick(CITIES[member.language]) : "",
        listed: !rng.chance(0.05),
        show_location: !rng.chance(0.2),
      };
    });
    for (let i = 0; i < profiles.length; i += 500) await db.insertInto("member_profiles").values(profiles.slice(i, i + 500)).onConflict((oc) => oc.column("account_id").doNothing()).execute();
    await recordIdeaActivities(db);
    await recomputeMembers(db, context.now, { announce: false });
    const top = await db.selectFrom("member_scores").select("account_id").where("stage", "=", "creator").orderBy("reputation", "desc").limit(AMBASSADORS).execute();
    if (top.length > 0) {
      await db.updateTable("member_scores").set({ ambassador: true }).where("account_id", "in", top.map((row) => row.account_id)).execute();
      await recomputeMembers(db, context.now, { announce: false });
    }
    const stages = await db.selectFrom("member_scores").select(["stage", (eb) => eb.fn.countAll<number>().as("count")]).groupBy("stage").execute();
    return stages.map((row) => `${Number(row.count)} ${row.stage}`).join(", ");
  },
};

/** The idea activities the ideas module records live (publication, each milestone, approval), from the stored ideas. */
async function recordIdeaActivities(db: Tx): Promise<void> {
  await sql`
    insert into activities (actor_id, type, subject_type, subject_id, occurred_at)
    select creator_id, type, 'idea', id, at from (
      select creator_id, 'idea.published' as type, id, published_at as at from ideas where published_at is not null
      union all
      select creator_id, 'idea.milestone', id, reached from ideas cross join lateral unnest(milestones_reached_at) as reached
      union all
      select creator_id, 'idea.approved', id, decided_at from ideas where state = 'approved' and decided_at is not null
    ) facts
    where not exists (select 1 from activities a where a.subject_type = 'idea' and a.subject_id = facts.id and a.type = facts.type)`.execute(db);
}
