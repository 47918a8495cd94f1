/** The JSON shape of an event, shared by the API and the tests. */
import { Type, type Static } from "typebox";
import type { Actor } from "../../platform/auth/permissions.ts";
import { canOrganise } from "./policy.ts";
import { localized, toLocalInput, type AttendanceNumbers } from "./rules.ts";
import type { EventRow } from "./store.ts";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const RsvpJson = Type.Object({
  status: Type.Union([Type.Literal("going"), Type.Literal("waitlisted"), Type.Literal("cancelled")]),
  waitlistPlace: Nullable(Type.Integer()),
});

/** Checked in for everyone; going, no-shows and the show rate (0–1, null while no one was going) for organisers. */
export const AttendanceJson = Type.Object({
  checkedIn: Type.Integer(),
  going: Type.Optional(Type.Integer()),
  noShows: Type.Optional(Type.Integer()),
  showRate: Type.Optional(Nullable(Type.Number())),
});

export const EventJson = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal("official"), Type.Literal("member")]),
  licenceId: Nullable(Type.Integer()),
  title: Type.String(),
  titles: Type.Record(Type.String(), Type.String()),
  description: Type.String(),
  language: Type.String(),
  format: Type.Union([Type.Literal("in_person"), Type.Literal("online")]),
  venue: Type.String(),
  city: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  /** Only for members who are going and for the organisers. */
  onlineUrl: Nullable(Type.String()),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  timeZone: Type.String(),
  /** The start as a wall time in the event's zone. */
  localStartsAt: Type.String(),
  capacity: Type.Integer(),
  attendees: Type.Object({ going: Type.Integer(), waitlisted: Type.Integer() }),
  questions: Type.Array(Type.String()),
  organiser: Type.Object({ id: Type.Integer(), name: Type.String() }),
  cancelledAt: Nullable(Type.String({ format: "date-time" })),
  rsvp: Nullable(RsvpJson),
  icsUrl: Type.String(),
  url: Type.String(),
  /** Once the event has ended (null before, and for a cancelled event). */
  attendance: Nullable(AttendanceJson),
});
export type EventJsonValue = Static<typeof EventJson>;

export interface Viewer {
  actor: Actor | null;
  locale: string;
  baseUrl: string;
  coOrganiserIds: readonly number[];
  rsvp: Static<typeof RsvpJson> | null;
  /** The event's attendance when it is shown (see attendanceShown); lists leave it out. */
  attendance?: AttendanceNumbers | null;
}

/** True when the viewer may see the online link: going, or organising. */
export function seesOnlineLink(event: EventRow, viewer: Pick<Viewer, "actor" | "coOrganiserIds" | "rsvp">): boolean {
  return viewer.rsvp?.status === "going" || canOrganise(viewer.actor, event, viewer.coOrganiserIds);
}

/** Attendance as the viewer may see it: the organiser's view adds going, no-shows and the show rate. */
export function presentAttendance(numbers: AttendanceNumbers, organiserView: boolean): Static<typeof AttendanceJson> {
  if (!organiserView) return { checkedIn: numbers.checkedIn };
  return { checkedIn: numbers.checkedIn, going: numbers.going, noShows: numbers.noShows, showRate: numbers.showRate };
}

export function presentEvent(event: EventRow, viewer: Viewer): EventJsonValue {
  return {
    id: event.id,
    kind: event.kind,
    licenceId: event.licence_id,
    title: localized(event.title, viewer.locale, event.language),
    titles: event.title,
    description: localized(event.description, viewer.locale, event.language),
    language: event.language,
    format: event.format,
    venue: event.venue,
    city: event.city,
    latitude: event.latitude,
    longitude: event.longitude,
    onlineUrl: seesOnlineLink(event, viewer) ? event.online_url : null,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    timeZone: event.time_zone,
    localStartsAt: toLocalInput(event.starts_at, event.time_zone),
    capacity: event.capacity,
    attendees: { going: event.going_count, waitlisted: event.waitlist_count },
    questions: event.questions,
    organiser: { id: event.organiser_id, name: event.organiser_name },
    cancelledAt: event.cancelled_at?.toISOString() ?? null,
    rsvp: viewer.rsvp,
    icsUrl: `${viewer.baseUrl}/events/${event.id}.ics`,
    url: `${viewer.baseUrl}/events/${event.id}`,
    attendance: viewer.attendance ? presentAttendance(viewer.attendance, canOrganise(viewer.actor, event, viewer.coOrganiserIds)) : null,
  };
}
