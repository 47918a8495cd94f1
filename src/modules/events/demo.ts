/**
 * Events of the demo community: a group in each of six cities with an organiser who holds a licence,
 * past events with attendance, feedback and photos, upcoming ones with RSVPs and a waitlist, an official
 * event, and a few licence applications waiting in the console. History is written directly: no one
 * is notified of it.
 */
import type { DemoAccount, DemoStep } from "../../demo/index.ts";
import type { Tx } from "../../platform/db/index.ts";
import { enqueue } from "../../platform/jobs/index.ts";
import { DEMO_PHOTOS_JOB } from "./demo-photos.ts";
import { approvalTerms, DEFAULT_LICENCE_POLICY, zonedToInstant } from "./rules.ts";

const DAY = 86_400_000;

const CITIES = [
  { slug: "tehran-makers", city: "Tehran", zone: "Asia/Tehran", lat: 35.6892, lon: 51.389, language: "fa", name: "سازندگان تهران", title: "شب سازندگان", description: "کارهایتان را بیاورید، از دیگران یاد بگیرید و با هم چای بنوشیم." },
  { slug: "tel-aviv-builders", city: "Tel Aviv", zone: "Asia/Jerusalem", lat: 32.0853, lon: 34.7818, language: "he", name: "בונים בתל אביב", title: "ערב בונים", description: "מביאים את מה שבניתם, מראים, שואלים ולומדים יחד." },
  { slug: "berlin-club", city: "Berlin", zone: "Europe/Berlin", lat: 52.52, lon: 13.405, language: "en", name: "Berlin Club", title: "Berlin build night", description: "Show what you built this month and meet the people behind the ideas." },
  { slug: "london-meetup", city: "London", zone: "Europe/London", lat: 51.5072, lon: -0.1276, language: "en", name: "London Meetup", title: "London meetup", description: "An evening of demos, questions and good company." },
  { slug: "shiraz-circle", city: "Shiraz", zone: "Asia/Tehran", lat: 29.5918, lon: 52.5837, language: "fa", name: "حلقه شیراز", title: "دورهمی شیراز", description: "دورهمی ماهانه برای گفت‌وگو درباره ایده‌های تازه." },
  { slug: "haifa-friends", city: "Haifa", zone: "Asia/Jerusalem", lat: 32.794, lon: 34.9896, language: "he", name: "חברים בחיפה", title: "מפגש חיפה", description: "מפגש חודשי של חובבים, עם הדגמות וקפה." },
] as const;

/** A local evening `days` from now in the zone, as an instant. */
function evening(now: Date, days: number, zone: string): Date {
  const day = new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
  return zonedToInstant(`${day}T19:00`, zone) ?? new Date(now.getTime() + days * DAY);
}

async function insertEvent(
  db: Tx,
  values: { kind: "official" | "member"; licenceId: number | null; organiserId: number; groupId: number | null; city: (typeof CITIES)[number]; startsAt: Date; capacity: number; createdAt: Date },
): Promise<number> {
  const { city } = values;
  const row = await db
    .insertInto("events")
    .values({
      kind: values.kind,
      licence_id: values.licenceId,
      organiser_id: values.organiserId,
      group_id: values.groupId,
      title: JSON.stringify({ [city.language]: city.title }),
      description: JSON.stringify({ [city.language]: city.description }),
      language: city.language,
      format: "in_person",
      venue: city.name,
      city: city.city,
      latitude: city.lat,
      longitude: city.lon,
      online_url: null,
      starts_at: values.startsAt,
      ends_at: new Date(values.startsAt.getTime() + 3 * 3_600_000),
      time_zone: city.zone,
      capacity: values.capacity,
      questions: "[]",
      created_at: values.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("activities").values({ actor_id: values.organiserId, type: "event.organised", subject_type: "event", subject_id: row.id, occurred_at: values.createdAt }).execute();
  return row.id;
}

/** What attendees wrote in the survey, in the event's language: [what was best, what to improve]. */
const FEEDBACK: Record<string, Array<[string, string]>> = {
  en: [["The demos, and meeting the people behind the ideas.", "A bigger room; it got crowded."], ["Friendly crowd and good questions.", "Start on time."], ["", "More time to talk after the demos."]],
  fa: [["دیدن کارهای دیگران و آشنایی با سازندگان.", "سالن بزرگ‌تر؛ خیلی شلوغ شد."], ["فضای دوستانه و پرسش‌های خوب.", "سر وقت شروع شود."], ["", "وقت بیشتری برای گفت‌وگو بعد از ارائه‌ها."]],
  he: [["ההדגמות וההיכרות עם האנשים שמאחורי הרעיונות.", "חדר גדול יותר; היה צפוף."], ["קהל חברותי ושאלות טובות.", "להתחיל בזמן."], ["", "יותר זמן לשיחה אחרי ההדגמות."]],
};

/** RSVPs in order: seats first, then the waitlist; past events get check-ins and feedback. Returns who checked in. */
async function addRsvps(db: Tx, eventId: number, organiserId: number, people: readonly DemoAccount[], capacity: number, past: boolean, startsAt: Date, language: string, rng: { chance(p: number): boolean; int(min: number, max: number): number }): Promise<number[]> {
  const attended: number[] = [];
  let going = 0;
  let waiting = 0;
  for (const person of people) {
    const seat = going < capacity;
    const checkedIn = past && seat && rng.chance(0.8);
    await db
      .insertInto("event_rsvps")
      .values({ event_id: eventId, member_id: person.id, status: seat ? "going" : "waitlisted", position: seat ? null : waiting + 1, answers: "[]", checked_in_at: checkedIn ? startsAt : null, checked_in_by: checkedIn ? organiserId : null, created_at: new Date(startsAt.getTime() - 7 * DAY), updated_at: new Date(startsAt.getTime() - 7 * DAY) })
      .execute();
    if (seat) going += 1;
    else waiting += 1;
    if (checkedIn) {
      attended.push(person.id);
      await db.insertInto("activities").values({ actor_id: person.id, type: "event.attended", subject_type: "event", subject_id: eventId, target_id: organiserId, occurred_at: startsAt }).execute();
      if (rng.chance(0.5)) {
        const texts = FEEDBACK[language] ?? FEEDBACK.en ?? [];
        const [best, improve] = texts[(person.id + eventId) % texts.length] ?? ["", ""];
        await db.insertInto("event_feedback").values({ event_id: eventId, member_id: person.id, rating: rng.int(3, 5), best, improve, created_at: new Date(startsAt.getTime() + DAY) }).execute();
      }
    }
  }
  await db.updateTable("events").set({ going_count: going, waitlist_count: waiting, next_position: waiting + 1 }).where("id", "=", eventId).execute();
  return attended;
}

export const eventsDemoStep: DemoStep = {
  name: "events",
  async run(db, rng, context) {
    const manager = context.staff.manager;
    const members = context.members.filter((member) => member.verified);
    if (!manager || members.length < 60) return undefined;
    let events = 0;
    for (const [index, city] of CITIES.entries()) {
      const locals = members.filter((member) => member.language === city.language);
      const organiser = locals[index] ?? members[index];
      if (!organiser) continue;
      const decidedAt = new Date(context.now.getTime() - 120 * DAY);
      const terms = approvalTerms(DEFAULT_LICENCE_POLICY, { maxEvents: 6, maxAttendees: index === 2 ? 200 : 100, brandRules: "" }, decidedAt);
      const licence = await db
        .insertInto("event_licences")
        .values({ applicant_id: organiser.id, about: city.description, city: city.city, reason: city.description, format: "in_person", expected_attendance: 40, status: "approved", conditions: JSON.stringify(terms.conditions), valid_until: terms.validUntil, decided_by: manager.id, decided_at: decidedAt, created_at: new Date(decidedAt.getTime() - 5 * DAY) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const group = await db.insertInto("event_groups").values({ slug: city.slug, name: city.name, city: city.city, descriptions: JSON.stringify({ [city.language]: city.description }), created_at: decidedAt }).returning("id").executeTakeFirstOrThrow();
      const crowd = locals.length >= 20 ? locals : members;
      const groupMembers = crowd.slice(0, 30);
      await db.insertInto("event_group_members").values([{ group_id: group.id, account_id: organiser.id, role: "organiser" as const }, ...groupMembers.filter((member) => member.id !== organiser.id).map((member) => ({ group_id: group.id, account_id: member.id, role: "member" as const }))]).execute();
      // Two past events and two upcoming ones; the next one is full, with a waitlist.
      for (const [slot, days] of [-60, -20, 10, 40].entries()) {
        const startsAt = evening(context.now, days, city.zone);
        const capacity = slot === 2 ? 15 : 40;
        const eventId = await insertEvent(db, { kind: "member", licenceId: licence.id, organiserId: organiser.id, groupId: group.id, city, startsAt, capacity, createdAt: new Date(Math.min(startsAt.getTime(), context.now.getTime()) - 30 * DAY) });
        const people = crowd.filter((member) => member.id !== organiser.id).slice(slot * 3, slot * 3 + (slot === 2 ? 20 : rng.int(8, 25)));
        const attended = await addRsvps(db, eventId, organiser.id, people, capacity, days < 0, startsAt, city.language, rng);
        // Photos are drawn by a job after the load: image files live outside the database.
        if (days < 0) await enqueue(db, DEMO_PHOTOS_JOB, { eventId, uploaderIds: [organiser.id, ...attended.slice(0, 2)], hue: index * 60 + slot * 20 }, { dedupeKey: `events:demo-photos:${eventId}` });
        events += 1;
      }
      await db.updateTable("event_licences").set({ events_used: 4 }).where("id", "=", licence.id).execute();
    }
    // An official event run by the community team, and applications waiting for a decision.
    const berlin = CITIES[2];
    await insertEvent(db, { kind: "official", licenceId: null, organiserId: manager.id, groupId: null, city: berlin, startsAt: evening(context.now, 25, berlin.zone), capacity: 300, createdAt: context.now });
    events += 1;
    const applicants = members.slice(-3);
    for (const [index, applicant] of applicants.entries()) {
      const city = CITIES[(index * 2 + 1) % CITIES.length] ?? berlin;
      await db.insertInto("event_licences").values({ applicant_id: applicant.id, about: city.description, city: city.city, reason: city.description, format: index === 1 ? "online" : "in_person", expected_attendance: 20 + index * 30, created_at: new Date(context.now.getTime() - index * DAY) }).execute();
    }
    return `${CITIES.length} groups, ${events} events, ${applicants.length} licence applications`;
  },
};
