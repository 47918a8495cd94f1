/** The events pages: the list with its map, one event, the forms, check-in, groups. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { Button, EmptyState, ErrorSummary, Field, fieldControl, FieldShell, Form, LinkButton, PageHeader, Select, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { EventJsonValue } from "../presenters.ts";
import { AfterTheEvent, type AfterProps } from "./after.tsx";
import { EventsMap, type CityDot } from "./map.tsx";

function When(props: { event: Pick<EventJsonValue, "startsAt" | "endsAt" | "timeZone"> }) {
  const { formatDate, t } = usePage();
  const start = new Date(props.event.startsAt);
  return (
    <p class="event-when">
      <time dateTime={props.event.startsAt}>{formatDate(start, { time: true, timeZone: props.event.timeZone })}</time>
      {" – "}
      <time dateTime={props.event.endsAt}>{formatDate(new Date(props.event.endsAt), { time: true, timeZone: props.event.timeZone })}</time>{" "}
      <span class="muted">({t("events.page.localTime", { zone: props.event.timeZone })})</span>
    </p>
  );
}

function EventCard(props: { event: EventJsonValue }) {
  const { t, formatNumber } = usePage();
  const event = props.event;
  return (
    <li class="event-card">
      <h3>
        <a href={`/events/${event.id}`} dir="auto">
          {event.title}
        </a>
      </h3>
      <When event={event} />
      <p>
        {event.format === "online" ? t("events.format.online") : event.city} ·{" "}
        {t("events.list.seats", { going: formatNumber(event.attendees.going), capacity: formatNumber(event.capacity) })}
        {event.kind === "official" ? <span class="badge"> {t("events.kind.official")}</span> : null}
      </p>
    </li>
  );
}

export function EventList(props: { events: EventJsonValue[]; empty: string }) {
  if (props.events.length === 0) return <EmptyState title={props.empty} />;
  return (
    <ul class="event-list">
      {props.events.map((event) => (
        <EventCard event={event} />
      ))}
    </ul>
  );
}

export function EventsListPage(props: { events: EventJsonValue[]; dots: CityDot[]; cities: string[]; city: string | null; feedUrl: string }) {
  const { t, actor } = usePage();
  return (
    <>
      <PageHeader
        title={props.city ? t("events.list.cityTitle", { city: props.city }) : t("events.list.title")}
        lead={t("events.list.lead")}
        actions={
          actor ? (
            <>
              <LinkButton href="/events/new" variant="primary">
                {t("events.list.create")}
              </LinkButton>
              <LinkButton href="/events/licences">{t("events.list.licences")}</LinkButton>
            </>
          ) : undefined
        }
      />
      <EventsMap dots={props.dots} />
      <nav class="event-cities" aria-label={t("events.list.byCity")}>
        <a href="/events" aria-current={props.city === null ? "page" : undefined}>
          {t("events.list.allCities")}
        </a>
        {props.cities.map((city) => (
          <a href={`/events?city=${encodeURIComponent(city)}`} aria-current={city === props.city ? "page" : undefined}>
            {city}
          </a>
        ))}
        <a href="/groups">{t("events.groups.nav")}</a>
      </nav>
      <EventList events={props.events} empty={t("events.list.empty")} />
      <p>
        <a href={props.feedUrl}>{t("events.list.subscribe")}</a>
      </p>
    </>
  );
}

export interface EventPageProps {
  event: EventJsonValue;
  descriptionSource: string;
  licence: { id: number; conditions: { maxAttendees: number; maxEvents: number; brandRules: string } | null; validUntil: Date | null } | null;
  organises: boolean;
  ticket: { svg: string; url: string } | null;
  ended: boolean;
  /** Once the event has started: photos; once it has ended: attendance and the survey. */
  after: AfterProps | null;
  /** For organisers of an event still to come: the capacity form, with the licence's cap if any. */
  capacity: { cap: number | null; value: string; errors?: FieldErrors | undefined; message?: string | undefined } | null;
}

export function EventPage(props: EventPageProps) {
  const { t, formatNumber, formatDate, actor } = usePage();
  const { event } = props;
  const status = event.rsvp?.status ?? "cancelled";
  return (
    <article class="event-page" lang={event.language}>
      <PageHeader title={event.title} lead={t("events.page.by", { name: event.organiser.name })} />
      {event.cancelledAt ? <p class="alert alert--error">{t("events.page.cancelledNotice")}</p> : null}
      <When event={event} />
      <p>{event.format === "online" ? t("events.format.online") : [event.venue, event.city].filter(Boolean).join(", ")}</p>
      {event.onlineUrl ? (
        <p>
          {t("events.page.onlineLink")}: <a href={event.onlineUrl} rel="noopener noreferrer">{event.onlineUrl}</a>
        </p>
      ) : event.format === "online" ? (
        <p class="muted">{t("events.page.onlineLinkHidden")}</p>
      ) : null}
      <p>{t("events.page.attendees", { going: formatNumber(event.attendees.going), capacity: formatNumber(event.capacity), waitlisted: formatNumber(event.attendees.waitlisted) })}</p>
      <div class="markdown" dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.descriptionSource) }} />
      <section class="event-licence" aria-labelledby="licence-heading">
        <h2 id="licence-heading">{t("events.page.licenceHeading")}</h2>
        {props.licence?.conditions ? (
          <ul>
            <li>{t("events.page.licenceNumber", { id: props.licence.id })}</li>
            <li>{t("events.page.maxAttendees", { count: props.licence.conditions.maxAttendees })}</li>
            {props.licence.validUntil ? <li>{t("events.page.validUntil", { date: formatDate(props.licence.validUntil) })}</li> : null}
            {props.licence.conditions.brandRules ? (
              <li>
                <span dir="auto">{props.licence.conditions.brandRules}</span>
              </li>
            ) : null}
          </ul>
        ) : (
          <p>{t("events.page.official")}</p>
        )}
      </section>
      {!event.cancelledAt && !props.ended ? (
        <section class="event-rsvp" aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">{t("events.page.rsvpHeading")}</h2>
          {status === "going" ? <p class="alert alert--success">{t("events.page.going")}</p> : null}
          {status === "waitlisted" ? <p class="alert alert--info">{t("events.page.waitlisted", { place: formatNumber(event.rsvp?.waitlistPlace ?? 1) })}</p> : null}
          {!actor ? (
            <LinkButton href={`/sign-in?returnTo=${encodeURIComponent(`/events/${event.id}`)}`}>{t("events.page.signInToRsvp")}</LinkButton>
          ) : status === "cancelled" ? (
            <Form action={`/events/${event.id}/rsvp`} aria-label={t("events.page.rsvpHeading")}>
              {event.questions.map((question, index) => (
                <Field name={`answer${index}`} label={question} maxLength={500} />
              ))}
              <Button>{event.attendees.going < event.capacity ? t("events.page.rsvp") : t("events.page.joinWaitlist")}</Button>
            </Form>
          ) : (
            <Form action={`/events/${event.id}/rsvp/cancel`} aria-label={t("events.page.cancelRsvp")}>
              <Button variant="secondary">{t("events.page.cancelRsvp")}</Button>
            </Form>
          )}
          {props.ticket ? (
            <figure class="event-ticket">
              <div class="event-ticket__qr" dangerouslySetInnerHTML={{ __html: props.ticket.svg }} />
              <figcaption>{t("events.page.ticket")}</figcaption>
            </figure>
          ) : null}
        </section>
      ) : null}
      {props.after ? <AfterTheEvent {...props.after} /> : null}
      <p class="event-actions">
        <a href={`/events/${event.id}.ics`}>{t("events.page.addToCalendar")}</a>
        {props.organises ? (
          <>
            {" · "}
            <a href={`/events/${event.id}/check-in`}>{t("events.checkIn.title")}</a>
          </>
        ) : null}
      </p>
      {props.capacity ? <CapacityForm eventId={event.id} {...props.capacity} /> : null}
      {props.organises && !event.cancelledAt && !props.ended ? (
        <Form action={`/events/${event.id}/cancel`} aria-label={t("events.page.cancelEvent")}>
          <Field name="reason" label={t("events.page.cancelReason")} required maxLength={2000} />
          <Button variant="danger">{t("events.page.cancelEvent")}</Button>
        </Form>
      ) : null}
    </article>
  );
}

/** Organisers change the number of seats; under a licence the cap is shown and enforced by the service. */
function CapacityForm(props: { eventId: number; cap: number | null; value: string; errors?: FieldErrors | undefined; message?: string | undefined }) {
  const { t, formatNumber } = usePage();
  return (
    <Form action={`/events/${props.eventId}/capacity`} aria-label={t("events.capacity.heading")}>
      <h2>{t("events.capacity.heading")}</h2>
      <ErrorSummary errors={props.errors} message={props.message} />
      <Field
        name="capacity"
        label={t("events.form.capacity")}
        type="number"
        value={props.value}
        required
        hint={props.cap === null ? t("events.capacity.official") : t("events.capacity.cap", { max: formatNumber(props.cap) })}
        errors={props.errors}
      />
      <Button variant="secondary">{t("events.capacity.save")}</Button>
    </Form>
  );
}

export interface EventFormValues {
  title: string;
  description: string;
  language: string;
  format: string;
  venue: string;
  city: string;
  latitude: string;
  longitude: string;
  onlineUrl: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: string;
  question: string;
  licenceId: string;
  groupId: string;
}

export function EventFormPage(props: {
  values: EventFormValues;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
  licences: Array<{ id: number; maxAttendees: number }>;
  official: boolean;
  groups: Array<{ id: number; name: string }>;
  timeZones: string[];
}) {
  const { t } = usePage();
  const v = props.values;
  const licenceOptions = [
    ...(props.official ? [{ value: "", label: t("events.form.official") }] : []),
    ...props.licences.map((licence) => ({ value: String(licence.id), label: t("events.form.licenceOption", { id: licence.id, max: licence.maxAttendees }) })),
  ];
  if (licenceOptions.length === 0) {
    return (
      <>
        <PageHeader title={t("events.form.title")} />
        <EmptyState title={t("events.form.needLicence")}>
          <LinkButton href="/events/licences" variant="primary">
            {t("events.licences.apply")}
          </LinkButton>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("events.form.title")} />
      <Form action="/events/new" aria-label={t("events.form.title")}>
        <ErrorSummary errors={props.errors} message={props.message} />
        <Select name="licenceId" label={t("events.form.licence")} value={v.licenceId} options={licenceOptions} errors={props.errors} />
        <Select name="language" label={t("events.form.language")} value={v.language} options={["en", "fa", "he"].map((code) => ({ value: code, label: t(`events.languages.${code}`) }))} errors={props.errors} />
        <Field name="title" label={t("events.form.eventTitle")} value={v.title} required maxLength={160} errors={props.errors} />
        <Field name="description" label={t("events.form.description")} value={v.description} multiline maxLength={20_000} errors={props.errors} />
        <Select name="format" label={t("events.form.format")} value={v.format} options={[{ value: "in_person", label: t("events.format.in_person") }, { value: "online", label: t("events.format.online") }]} errors={props.errors} />
        <Field name="venue" label={t("events.form.venue")} value={v.venue} maxLength={200} errors={props.errors} />
        <Field name="city" label={t("events.form.city")} value={v.city} maxLength={100} errors={props.errors} />
        <Field name="latitude" label={t("events.form.latitude")} value={v.latitude} hint={t("events.form.coordinatesHint")} maxLength={20} errors={props.errors} dir="ltr" />
        <Field name="longitude" label={t("events.form.longitude")} value={v.longitude} maxLength={20} errors={props.errors} dir="ltr" />
        <Field name="onlineUrl" label={t("events.form.onlineUrl")} type="url" value={v.onlineUrl} hint={t("events.form.onlineUrlHint")} maxLength={500} errors={props.errors} dir="ltr" />
        <Field name="startsAt" label={t("events.form.startsAt")} type="datetime-local" value={v.startsAt} required errors={props.errors} />
        <Field name="endsAt" label={t("events.form.endsAt")} type="datetime-local" value={v.endsAt} required errors={props.errors} />
        <Select name="timeZone" label={t("events.form.timeZone")} value={v.timeZone} options={props.timeZones.map((zone) => ({ value: zone, label: zone }))} errors={props.errors} />
        <Field name="capacity" label={t("events.form.capacity")} type="number" value={v.capacity} required hint={t("events.form.capacityHint")} errors={props.errors} />
        <Field name="question" label={t("events.form.question")} value={v.question} maxLength={200} errors={props.errors} />
        {props.groups.length > 0 ? <Select name="groupId" label={t("events.form.group")} value={v.groupId} options={[{ value: "", label: "—" }, ...props.groups.map((group) => ({ value: String(group.id), label: group.name }))]} errors={props.errors} /> : null}
        <Button>{t("events.form.submit")}</Button>
      </Form>
    </>
  );
}

export interface LicenceRow {
  id: number;
  city: string;
  status: string;
  conditions: { maxAttendees: number; maxEvents: number; brandRules: string } | null;
  valid_until: Date | null;
  events_used: number;
  decision_reason: string;
}

export function LicencesPage(props: { licences: LicenceRow[]; eligible: boolean; minTrustLevel: number; errors?: FieldErrors | undefined; message?: string | undefined; values: Record<string, string> }) {
  const { t, formatDate } = usePage();
  return (
    <>
      <PageHeader title={t("events.licences.title")} lead={t("events.licences.lead")} />
      <Table
        caption={t("events.licences.mine")}
        empty={t("events.licences.none")}
        rows={props.licences}
        columns={[
          { label: "#", cell: (row) => row.id },
          { label: t("events.form.city"), cell: (row) => row.city },
          { label: t("events.licences.status"), cell: (row) => t(`events.licenceStatus.${row.status}`) },
          { label: t("events.licences.conditions"), cell: (row) => (row.conditions ? t("events.licences.conditionsText", { max: row.conditions.maxAttendees, events: row.conditions.maxEvents, used: row.events_used }) : row.decision_reason) },
          { label: t("events.licences.validUntil"), cell: (row) => (row.valid_until ? formatDate(row.valid_until) : "—") },
        ]}
      />
      <h2>{t("events.licences.apply")}</h2>
      {props.eligible ? (
        <Form action="/events/licences" aria-label={t("events.licences.apply")}>
          <ErrorSummary errors={props.errors} message={props.message} />
          <Field name="about" label={t("events.licences.about")} value={props.values.about} multiline required maxLength={4000} errors={props.errors} />
          <Field name="city" label={t("events.form.city")} value={props.values.city} required maxLength={100} errors={props.errors} />
          <Field name="reason" label={t("events.licences.reason")} value={props.values.reason} multiline required maxLength={4000} errors={props.errors} />
          <FieldShell field="format" label={t("events.form.format")}>
            <select {...fieldControl({ field: "format", label: "" }, "format")}>
              <option value="in_person">{t("events.format.in_person")}</option>
              <option value="online">{t("events.format.online")}</option>
            </select>
          </FieldShell>
          <Field name="expectedAttendance" label={t("events.licences.expected")} type="number" value={props.values.expectedAttendance} required errors={props.errors} />
          <Button>{t("events.licences.submit")}</Button>
        </Form>
      ) : (
        <p class="alert alert--info">{t("events.errors.trustLevel", { level: props.minTrustLevel })}</p>
      )}
    </>
  );
}

export interface CheckInRow {
  id: number;
  name: string;
  checked_in_at: Date | null;
}

export function CheckInPage(props: { eventId: number; title: string; rows: CheckInRow[] }) {
  const { t, formatNumber } = usePage();
  const inCount = props.rows.filter((row) => row.checked_in_at).length;
  return (
    <>
      <PageHeader title={t("events.checkIn.title")} lead={props.title} />
      <p>{t("events.checkIn.count", { checkedIn: formatNumber(inCount), going: formatNumber(props.rows.length) })}</p>
      <Table
        caption={t("events.checkIn.title")}
        empty={t("events.checkIn.empty")}
        rows={props.rows}
        columns={[
          { label: t("events.checkIn.name"), cell: (row) => <span dir="auto">{row.name}</span> },
          {
            label: t("events.checkIn.status"),
            cell: (row) =>
              row.checked_in_at ? (
                t("events.checkIn.in")
              ) : (
                <Form action={`/events/${props.eventId}/check-in/${row.id}`} aria-label={t("events.checkIn.action", { name: row.name })}>
                  <Button size="small">{t("events.checkIn.button")}</Button>
                </Form>
              ),
          },
        ]}
      />
    </>
  );
}

export function ScanPage(props: { eventId: number; title: string; row: CheckInRow; signature: string }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("events.checkIn.scanTitle")} lead={props.title} />
      <p class="event-scan__name" dir="auto">
        {props.row.name}
      </p>
      {props.row.checked_in_at ? (
        <p class="alert alert--success">{t("events.checkIn.in")}</p>
      ) : (
        <Form action={`/events/${props.eventId}/check-in/${props.row.id}`} aria-label={t("events.checkIn.scanTitle")}>
          <input type="hidden" name="sig" value={props.signature} />
          <Button>{t("events.checkIn.button")}</Button>
        </Form>
      )}
    </>
  );
}
