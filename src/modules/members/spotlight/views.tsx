/** The spotlight on the home page, its history (`/spotlight`), and the community team's page. */
import { Button, EmptyState, ErrorSummary, Field, FieldShell, fieldControl, Form, PageHeader, Pagination, Table, Time } from "../../../platform/web/components.tsx";
import type { FieldErrors } from "../../../platform/errors.ts";
import { LOCALES } from "../../../platform/i18n/index.ts";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { usePage } from "../../../platform/web/page-context.ts";
import { SUBJECT_TYPES, spotlightState, writeupFor, WRITEUP_MAX, type SpotlightForm } from "./rules.ts";
import type { SpotlightRow } from "./store.ts";

function subjectUrl(row: SpotlightRow): string {
  return row.subject_type === "member" ? `/members/${row.subject_id}` : `/creations/${row.subject_id}`;
}

/** One spotlight: what is featured, by whom, and the write-up in the reader's language (sanitised markdown). */
function SpotlightCard(props: { row: SpotlightRow; heading: "h2" | "h3"; dates?: boolean }) {
  const { t, locale } = usePage();
  const row = props.row;
  const writeup = writeupFor(row.writeups, locale);
  const Heading = props.heading;
  return (
    <article class="card spotlight-card" data-spotlight={row.id}>
      <p class="spotlight-card__kind">{t(`spotlight.kinds.${row.subject_type}`)}</p>
      <Heading>
        <a href={subjectUrl(row)} dir="auto">
          {row.title}
        </a>
      </Heading>
      {row.author_id !== null && row.author_name !== null ? (
        <p>
          {t("spotlight.by")}{" "}
          <a href={`/members/${row.author_id}`} dir="auto">
            {row.author_name}
          </a>
        </p>
      ) : null}
      {writeup ? <div class="markdown" lang={writeup.lang} dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(writeup.text) }} /> : null}
      {props.dates ? (
        <p class="spotlight-card__dates">
          <Time date={new Date(row.starts_at)} />
          {row.ends_at ? (
            <>
              {" – "}
              <Time date={new Date(row.ends_at)} />
            </>
          ) : null}
        </p>
      ) : null}
    </article>
  );
}

/** The home page's section: the current spotlights. */
export function HomeSpotlight(props: { rows: SpotlightRow[] }) {
  const { t } = usePage();
  return (
    <section class="spotlight" aria-labelledby="home-spotlight">
      <h2 id="home-spotlight">{t("spotlight.title")}</h2>
      {props.rows.map((row) => (
        <SpotlightCard row={row} heading="h3" />
      ))}
      <p>
        <a href="/spotlight">{t("spotlight.history")}</a>
      </p>
    </section>
  );
}

/** /spotlight */
export function SpotlightHistoryPage(props: { rows: SpotlightRow[]; page: number; hasNext: boolean }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("spotlight.historyTitle")} lead={t("spotlight.lead")} />
      {props.rows.length === 0 ? <EmptyState title={t("spotlight.none")} /> : props.rows.map((row) => <SpotlightCard row={row} heading="h2" dates />)}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => (page > 1 ? `/spotlight?page=${page}` : "/spotlight")} />
    </>
  );
}

/** /console/spotlight: the form for a new spotlight, then every spotlight with its state and an "end now" button. */
export function SpotlightConsolePage(props: { rows: SpotlightRow[]; form: SpotlightForm; errors: FieldErrors | null; now: Date; page: number; hasNext: boolean }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  const frame = { field: "subjectType", label: t("spotlight.console.subjectType"), errors };
  return (
    <>
      <PageHeader title={t("spotlight.console.title")} lead={t("spotlight.console.lead")} />
      <section aria-labelledby="spotlight-new">
        <h2 id="spotlight-new">{t("spotlight.console.new")}</h2>
        <Form action="/console/spotlight">
          <ErrorSummary errors={errors} />
          <FieldShell {...frame}>
            <select {...fieldControl(frame, "subjectType")}>
              {SUBJECT_TYPES.map((type) => (
                <option value={type} selected={props.form.subjectType === type}>
                  {t(`spotlight.kinds.${type}`)}
                </option>
              ))}
            </select>
          </FieldShell>
          <Field name="subjectId" label={t("spotlight.console.subjectId")} hint={t("spotlight.console.subjectIdHint")} value={props.form.subjectId} errors={errors} dir="ltr" maxLength={15} />
          {LOCALES.map((language) => (
            <Field name={`writeup_${language}`} label={t("spotlight.console.writeup", { language: t(`members.languages.${language}`) })} hint={t("spotlight.console.writeupHint")} value={props.form.writeups[language]} errors={errors} multiline maxLength={WRITEUP_MAX} />
          ))}
          <Field name="starts" type="date" label={t("spotlight.console.starts")} value={props.form.starts} errors={errors} dir="ltr" />
          <Field name="ends" type="date" label={t("spotlight.console.ends")} hint={t("spotlight.console.endsHint")} value={props.form.ends} errors={errors} dir="ltr" />
          <Button variant="primary">{t("spotlight.console.create")}</Button>
        </Form>
      </section>
      <section aria-labelledby="spotlight-all">
        <h2 id="spotlight-all">{t("spotlight.console.all")}</h2>
        <Table
          caption={t("spotlight.console.all")}
          rows={props.rows}
          empty={t("spotlight.none")}
          columns={[
            { label: t("spotlight.console.featured"), cell: (row) => <><span>{t(`spotlight.kinds.${row.subject_type}`)}: </span><a href={subjectUrl(row)} dir="auto">{row.title}</a></> },
            { label: t("spotlight.console.starts"), cell: (row) => <Time date={new Date(row.starts_at)} /> },
            { label: t("spotlight.console.ends"), cell: (row) => (row.ends_at ? <Time date={new Date(row.ends_at)} /> : "—") },
            { label: t("spotlight.console.state"), cell: (row) => t(`spotlight.states.${spotlightState(row, props.now)}`) },
            {
              label: t("spotlight.console.end"),
              cell: (row) =>
                spotlightState(row, props.now) === "past" ? null : (
                  <Form action={`/console/spotlight/${row.id}/end`}>
                    <Button variant="secondary" size="small">{t("spotlight.console.end")}</Button>
                  </Form>
                ),
            },
          ]}
        />
        <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => `/console/spotlight?page=${page}`} />
      </section>
    </>
  );
}
