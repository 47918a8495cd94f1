/** Product critique: the open previews, one preview with the answer form, and the staff console pages. */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { Button, EmptyState, ErrorSummary, Field, Form, PageHeader, Select, Table, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { ANSWER_MAX, critiqueImageUrl, MAX_QUESTIONS, PREVIEW_MAX, PREVIEW_TITLE_MAX, type CritiqueSummary } from "../critique/service.ts";
import type { ImportResult } from "../reviews/service.ts";
import type { PurchaseRowError } from "../reviews/purchases-csv.ts";
import { FileField, languageOptions, Markdown, Stars } from "./shared.tsx";

export interface PreviewRow {
  id: number;
  title: string;
  body: string;
  language: string;
  questions: string[];
  image_file: string | null;
  created_at: Date;
  closes_at: Date | null;
  responses: number;
}

export function CritiqueListPage(props: { previews: PreviewRow[] }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("community.critique.title")} lead={t("community.critique.lead")} />
      {props.previews.length === 0 ? (
        <EmptyState title={t("community.critique.empty")} />
      ) : (
        <ul class="topic-list">
          {props.previews.map((preview) => (
            <li class="topic-list__item">
              <a class="topic-list__title" href={`/critique/${preview.id}`} lang={preview.language} dir="auto">
                {preview.title}
              </a>
              <p class="muted">
                <Time date={preview.created_at} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function CritiquePage(props: { preview: PreviewRow; answered: boolean; open: boolean; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t, actor } = usePage();
  const { preview, values, errors } = props;
  const stars = [5, 4, 3, 2, 1].map((value) => ({ value: String(value), label: t("community.reviews.starCount", { stars: value }) }));
  return (
    <>
      <p class="breadcrumb">
        <a href="/critique">{t("community.critique.title")}</a>
      </p>
      <h1 lang={preview.language} dir="auto">
        {preview.title}
      </h1>
      {preview.image_file ? <img class="critique__image" src={critiqueImageUrl(preview.id, preview.image_file)} alt={preview.title} /> : null}
      <Markdown source={preview.body} lang={preview.language} />
      {props.answered ? (
        <p class="alert alert--success">{t("community.critique.thanks")}</p>
      ) : !props.open ? (
        <p class="muted">{t("community.critique.closed")}</p>
      ) : actor ? (
        <Form action={`/critique/${preview.id}`} aria-label={t("community.critique.answer")}>
          <h2>{t("community.critique.answer")}</h2>
          <ErrorSummary errors={errors} />
          <Field name="liked" label={t("community.critique.liked")} value={values.liked} errors={errors} multiline maxLength={ANSWER_MAX} />
          <Field name="wouldChange" label={t("community.critique.wouldChange")} value={values.wouldChange} errors={errors} multiline maxLength={ANSWER_MAX} />
          <Select name="rating" label={t("community.critique.rating")} value={values.rating ?? ""} required errors={errors} options={[{ value: "", label: t("community.reviews.chooseStars") }, ...stars]} />
          {preview.questions.map((question, index) => (
            <Field name={`answer${index}`} label={question} value={values[`answer${index}`]} multiline maxLength={ANSWER_MAX} />
          ))}
          <Button>{t("community.critique.send")}</Button>
        </Form>
      ) : (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(`/critique/${preview.id}`)}`}>{t("community.critique.signIn")}</a>
        </p>
      )}
    </>
  );
}

export function CritiqueConsolePage(props: { previews: PreviewRow[]; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t, locale, formatNumber } = usePage();
  const { values, errors } = props;
  return (
    <>
      <PageHeader title={t("community.critique.console.title")} />
      <Table
        caption={t("community.critique.console.title")}
        rows={props.previews}
        empty={t("community.critique.empty")}
        columns={[
          { label: t("community.critique.console.preview"), cell: (row) => <a href={`/console/critique/${row.id}`}>{row.title}</a> },
          { label: t("community.critique.console.responses"), cell: (row) => formatNumber(row.responses), numeric: true },
          { label: t("community.critique.console.posted"), cell: (row) => <Time date={row.created_at} /> },
        ]}
      />
      <Form action="/console/critique" enctype="multipart/form-data" aria-label={t("community.critique.console.new")}>
        <h2>{t("community.critique.console.new")}</h2>
        <ErrorSummary errors={errors} />
        <Field name="title" label={t("community.critique.console.titleField")} value={values.title} errors={errors} required maxLength={PREVIEW_TITLE_MAX} />
        <Field name="body" label={t("community.critique.console.body")} value={values.body} errors={errors} required multiline maxLength={PREVIEW_MAX} />
        <Select name="language" label={t("community.language")} value={values.language ?? locale} options={languageOptions()} />
        <Field name="questions" label={t("community.critique.console.questions")} hint={t("community.critique.console.questionsHint", { max: MAX_QUESTIONS })} value={values.questions} errors={errors} multiline />
        <FileField name="image" label={t("community.critique.console.image")} accept="image/*" errors={errors} />
        <Button>{t("community.critique.console.publish")}</Button>
      </Form>
    </>
  );
}

export function CritiqueSummaryPage(props: { preview: PreviewRow; summary: CritiqueSummary }) {
  const { t, formatNumber } = usePage();
  const { summary } = props;
  const list = (title: string, items: string[]) => (
    <section>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{t("community.critique.console.none")}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li dir="auto">{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      <PageHeader title={props.preview.title} lead={t("community.critique.console.responsesCount", { count: summary.responses, formatted: formatNumber(summary.responses) })} />
      {summary.average !== null ? (
        <p>
          <Stars value={summary.average} /> {formatNumber(summary.average, { maximumFractionDigits: 2 })}
        </p>
      ) : null}
      <ul class="rating-bars">
        {summary.distribution.map((row) => (
          <li>
            {t("community.reviews.starCount", { stars: row.stars })}: {formatNumber(row.count)}
          </li>
        ))}
      </ul>
      {list(t("community.critique.liked"), summary.liked)}
      {list(t("community.critique.wouldChange"), summary.wouldChange)}
      {summary.answers.map((entry) => list(entry.question, entry.answers))}
    </>
  );
}

export function PurchasesImportPage(props: { result?: ImportResult | undefined; rowErrors?: PurchaseRowError[] | undefined; errors?: FieldErrors | undefined }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("community.purchases.title")} lead={t("community.purchases.lead")} />
      {props.result ? (
        <p class="alert alert--success" role="status">
          {t("community.purchases.result", { imported: formatNumber(props.result.imported), duplicates: formatNumber(props.result.duplicates) })}
        </p>
      ) : null}
      {props.rowErrors && props.rowErrors.length > 0 ? (
        <div class="alert alert--error" role="alert">
          <p>{t("community.purchases.rowErrors")}</p>
          <ul>
            {props.rowErrors.slice(0, 50).map((error) => (
              <li>{t(`community.purchases.reasons.${error.reason}`, { line: error.line })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form action="/console/reviews/purchases" enctype="multipart/form-data" aria-label={t("community.purchases.title")}>
        <ErrorSummary errors={props.errors} />
        <FileField name="file" label={t("community.purchases.file")} hint={t("community.purchases.fileHint")} accept=".csv,text/csv" errors={props.errors} />
        <Button>{t("community.purchases.import")}</Button>
      </Form>
    </>
  );
}
