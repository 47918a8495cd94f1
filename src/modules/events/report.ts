/** The console's events report: by region and city, the totals, the busiest organisers and the survey. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";
import { regionOf } from "./rules.ts";

export interface CityReportRow {
  region: string;
  city: string;
  events: number;
  upcoming: number;
  cancelled: number;
  going: number;
  attended: number;
  /** Checked-in members per past event. */
  averageAttendance: number | null;
  rating: number | null;
  answers: number;
}

export interface OrganiserReportRow {
  id: number;
  name: string;
  events: number;
  attended: number;
  rating: number | null;
}

export interface EventsReport {
  cities: CityReportRow[];
  totals: Omit<CityReportRow, "region" | "city">;
  organisers: OrganiserReportRow[];
}

interface CityFacts {
  time_zone: string;
  city: string;
  events: number;
  past: number;
  upcoming: number;
  cancelled: number;
  going: number;
  attended: number;
  rating_sum: number;
  answers: number;
}

/** Per city, with the region taken from its events' time zone (`Asia/Tehran` → Asia). */
export async function eventsReport(db: Executor, now = new Date(), topOrganisers = 10): Promise<EventsReport> {
  const facts = await sql<CityFacts>`
    with per_event as (
      select e.id, e.time_zone, coalesce(nullif(e.city, ''), '—') as city, e.organiser_id, e.going_count, e.starts_at, e.cancelled_at,
             (select count(*) from event_rsvps r where r.event_id = e.id and r.checked_in_at is not null)::int as attended,
             (select coalesce(sum(f.rating), 0) from event_feedback f where f.event_id = e.id)::int as rating_sum,
             (select count(*) from event_feedback f where f.event_id = e.id)::int as answers
      from events e
    )
    select min(time_zone) as time_zone, city,
           count(*)::int as events,
           count(*) filter (where starts_at <= ${now} and cancelled_at is null)::int as past,
           count(*) filter (where starts_at > ${now} and cancelled_at is null)::int as upcoming,
           count(*) filter (where cancelled_at is not null)::int as cancelled,
           coalesce(sum(going_count), 0)::int as going,
           coalesce(sum(attended), 0)::int as attended,
           coalesce(sum(rating_sum), 0)::int as rating_sum,
           coalesce(sum(answers), 0)::int as answers
    from per_event
    group by city`.execute(db);
  const measures = (f: Omit<CityFacts, "time_zone" | "city">): EventsReport["totals"] => ({
    events: f.events,
    upcoming: f.upcoming,
    cancelled: f.cancelled,
    going: f.going,
    attended: f.attended,
    averageAttendance: f.past === 0 ? null : f.attended / f.past,
    rating: f.answers === 0 ? null : f.rating_sum / f.answers,
    answers: f.answers,
  });
  const cities = facts.rows.map((f) => ({ region: regionOf(f.time_zone), city: f.city, ...measures(f) })).sort((a, b) => a.region.localeCompare(b.region) || b.events - a.events || a.city.localeCompare(b.city));
  const sum = (key: keyof Omit<CityFacts, "time_zone" | "city">) => facts.rows.reduce((total, f) => total + f[key], 0);
  const totals = measures({ events: sum("events"), past: sum("past"), upcoming: sum("upcoming"), cancelled: sum("cancelled"), going: sum("going"), attended: sum("attended"), rating_sum: sum("rating_sum"), answers: sum("answers") });
  const organisers = await sql<OrganiserReportRow>`
    select a.id, a.name, count(*)::int as events,
           coalesce(sum((select count(*) from event_rsvps r where r.event_id = e.id and r.checked_in_at is not null)), 0)::int as attended,
           (select avg(f.rating)::float8 from event_feedback f join events fe on fe.id = f.event_id where fe.organiser_id = a.id) as rating
    from events e join accounts a on a.id = e.organiser_id
    where e.cancelled_at is null and e.starts_at <= ${now}
    group by a.id, a.name
    order by attended desc, events desc, a.id
    limit ${topOrganisers}`.execute(db);
  return { cities, totals, organisers: organisers.rows.map((o) => ({ ...o, rating: o.rating === null ? null : Number(o.rating) })) };
}
