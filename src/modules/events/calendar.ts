/**
 * iCalendar files: one per event and a subscribable feed per group, city or member. Times are written
 * as UTC instants (`DTSTART:20260328T160000Z`), which every calendar shows in its reader's zone without
 * needing a VTIMEZONE block; the event's own zone travels as X-WR-TIMEZONE for a single event's file.
 */
import ical, { ICalEventStatus } from "ical-generator";
import { localized } from "./rules.ts";

export interface CalendarEvent {
  id: number;
  title: Record<string, string>;
  description: Record<string, string>;
  language: string;
  format: "in_person" | "online";
  venue: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  cancelled_at: Date | null;
  created_at: Date;
}

/** The calendar text of the events, for a reader of the given language. */
export function calendarOf(name: string, events: readonly CalendarEvent[], options: { baseUrl: string; locale: string; host: string }): string {
  const calendar = ical({ name, prodId: { company: "Hearth", product: "events", language: options.locale.toUpperCase() } });
  if (events.length === 1 && events[0]) calendar.x([{ key: "X-WR-TIMEZONE", value: events[0].time_zone }]);
  for (const event of events) {
    const place = event.format === "online" ? "" : [event.venue, event.city].filter(Boolean).join(", ");
    calendar.createEvent({
      id: `event-${event.id}@${options.host}`,
      start: event.starts_at,
      end: event.ends_at,
      stamp: event.created_at,
      summary: localized(event.title, options.locale, event.language),
      description: localized(event.description, options.locale, event.language),
      url: `${options.baseUrl}/events/${event.id}`,
      status: event.cancelled_at ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(place ? { location: event.latitude !== null && event.longitude !== null ? { title: place, geo: { lat: event.latitude, lon: event.longitude } } : place } : {}),
    });
  }
  return calendar.toString();
}
