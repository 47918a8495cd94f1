/** The event page's "after the event" part: attendance, the survey and its results, the photo gallery. */
import { Button, Field, FieldShell, fieldControl, Form } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { FeedbackReport, PhotoRow } from "../after.ts";
import { photoUrl } from "../after.ts";
import type { AttendanceNumbers } from "../rules.ts";
import { MAX_PHOTOS_PER_MEMBER } from "../rules.ts";

/** Thumbnails are made this wide (platform/uploads/images.ts). */
const THUMBNAIL_WIDTH = 480;
/** The first row of the gallery loads at once; the rest as they scroll into view. */
const EAGER_PHOTOS = 4;

export interface AfterProps {
  eventId: number;
  title: string;
  ended: boolean;
  /** Shown once the event has ended (null before). */
  attendance: AttendanceNumbers | null;
  /** Everyone sees the mean rating; organisers and staff get the whole report. */
  rating: { average: number | null; count: number };
  report: FeedbackReport | null;
  canGiveFeedback: boolean;
  photos: PhotoRow[];
  canAddPhotos: boolean;
  /** The viewer's id and whether they organise (or are staff): who may remove which photo. */
  viewerId: number | null;
  organises: boolean;
}

function Attendance(props: { attendance: AttendanceNumbers; details: boolean; ended: boolean }) {
  const { t, formatNumber } = usePage();
  const { attendance } = props;
  if (!props.details) return <p>{t("events.page.attendance", { count: attendance.checkedIn })}</p>;
  return (
    <dl class="event-numbers">
      <div>
        <dt>{t("events.after.going")}</dt>
        <dd>{formatNumber(attendance.going)}</dd>
      </div>
      <div>
        <dt>{t("events.after.checkedIn")}</dt>
        <dd>{formatNumber(attendance.checkedIn)}</dd>
      </div>
      {props.ended ? (
        <div>
          <dt>{t("events.after.noShows")}</dt>
          <dd>{formatNumber(attendance.noShows)}</dd>
        </div>
      ) : null}
      {attendance.showRate !== null ? (
        <div>
          <dt>{t("events.after.showRate")}</dt>
          <dd>{formatNumber(attendance.showRate, { style: "percent", maximumFractionDigits: 0 })}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function Survey(props: { eventId: number }) {
  const { t, formatNumber } = usePage();
  return (
    <Form action={`/events/${props.eventId}/feedback`} aria-label={t("events.page.feedbackHeading")}>
      <h3>{t("events.page.feedbackHeading")}</h3>
      <FieldShell field="rating" label={t("events.page.feedbackRating")}>
        <select {...fieldControl({ field: "rating", label: "" }, "rating")}>
          {[5, 4, 3, 2, 1].map((value) => (
            <option value={String(value)}>{formatNumber(value)}</option>
          ))}
        </select>
      </FieldShell>
      <Field name="best" label={t("events.after.best")} multiline maxLength={500} />
      <Field name="improve" label={t("events.after.improve")} multiline maxLength={500} />
      <Button>{t("events.page.feedbackSend")}</Button>
    </Form>
  );
}

function Report(props: { report: FeedbackReport }) {
  const { t, formatNumber, formatDate } = usePage();
  const { report } = props;
  return (
    <section class="event-feedback" aria-labelledby="feedback-report">
      <h3 id="feedback-report">{t("events.after.reportHeading")}</h3>
      {report.count === 0 ? (
        <p class="muted">{t("events.after.noFeedback")}</p>
      ) : (
        <>
          <p>{t("events.page.rating", { rating: formatNumber(report.average ?? 0, { maximumFractionDigits: 1 }), count: report.count })}</p>
          <ul class="event-distribution">
            {[5, 4, 3, 2, 1].map((stars) => (
              <li>
                {t("events.after.ratingRow", { stars, count: report.distribution[stars - 1] ?? 0 })}
              </li>
            ))}
          </ul>
          {report.comments.map((comment) => (
            <blockquote class="event-comment">
              <p class="muted">
                {formatNumber(comment.rating)}/5 · {formatDate(comment.createdAt)}
              </p>
              {comment.best ? (
                <p dir="auto">
                  <strong>{t("events.after.bestShort")}:</strong> {comment.best}
                </p>
              ) : null}
              {comment.improve ? (
                <p dir="auto">
                  <strong>{t("events.after.improveShort")}:</strong> {comment.improve}
                </p>
              ) : null}
            </blockquote>
          ))}
        </>
      )}
    </section>
  );
}

function Gallery(props: AfterProps) {
  const { t } = usePage();
  const photoField = { field: "photos", label: t("events.after.addPhotos"), hint: t("events.after.photosHint", { count: MAX_PHOTOS_PER_MEMBER }) };
  return (
    <section aria-labelledby="photos-heading">
      <h3 id="photos-heading">{t("events.after.photos")}</h3>
      {props.photos.length === 0 ? <p class="muted">{t("events.after.noPhotos")}</p> : null}
      <ul class="event-gallery">
        {props.photos.map((photo, index) => {
          const width = Math.min(THUMBNAIL_WIDTH, photo.width);
          const mayRemove = props.organises || (props.viewerId !== null && photo.uploader_id === props.viewerId);
          return (
            <li>
              <a href={photoUrl(props.eventId, photo.file_name)}>
                <img
                  src={photoUrl(props.eventId, photo.file_name.replace(/\.webp$/, ".thumb.webp"))}
                  alt={t("events.after.photoAlt", { title: props.title, number: index + 1, name: photo.uploader_name ?? "—" })}
                  width={width}
                  height={Math.round((width / photo.width) * photo.height)}
                  loading={index < EAGER_PHOTOS ? undefined : "lazy"}
                />
              </a>
              {mayRemove ? (
                <Form action={`/events/${props.eventId}/photos/${photo.id}/delete`} aria-label={t("events.after.removePhoto", { number: index + 1 })}>
                  <Button size="small" variant="secondary">
                    {t("events.after.remove")}
                  </Button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
      {props.canAddPhotos ? (
        <Form action={`/events/${props.eventId}/photos`} enctype="multipart/form-data" aria-label={t("events.after.addPhotos")}>
          <FieldShell {...photoField}>
            <input {...fieldControl(photoField, "photos")} type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heif" multiple />
          </FieldShell>
          <Button>{t("events.after.upload")}</Button>
        </Form>
      ) : null}
    </section>
  );
}

/** Shown once the event has started (photos) and ended (attendance, the survey). */
export function AfterTheEvent(props: AfterProps) {
  const { t, formatNumber } = usePage();
  return (
    <section class="event-after" aria-labelledby="after-heading">
      <h2 id="after-heading">{t("events.page.afterHeading")}</h2>
      {props.attendance ? <Attendance attendance={props.attendance} details={props.organises} ended={props.ended} /> : null}
      {props.ended && !props.report && props.rating.average !== null ? (
        <p>{t("events.page.rating", { rating: formatNumber(props.rating.average, { maximumFractionDigits: 1 }), count: props.rating.count })}</p>
      ) : null}
      {props.canGiveFeedback ? <Survey eventId={props.eventId} /> : null}
      {props.report ? <Report report={props.report} /> : null}
      <Gallery {...props} />
    </section>
  );
}
