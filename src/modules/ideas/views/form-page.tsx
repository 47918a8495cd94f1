/**
 * /ideas/new and /ideas/:id/edit: the submission form with the site's guidelines and licence terms,
 * images, and similar existing ideas (listed after a save; updated while typing where script runs).
 */
import type { FieldErrors } from "../../../platform/errors.ts";
import { LOCALES } from "../../../platform/i18n/index.ts";
import { ErrorSummary, Field, Form, PageHeader } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { MAX_IMAGES_PER_IDEA } from "../images.ts";
import { imageUrl, thumbnailName } from "../presenters.ts";
import { Markdown } from "./discussion.tsx";
import { CheckboxField, ImagesField, SelectField } from "./fields.tsx";
import type { ImageRow } from "./idea-page.tsx";
import { languageName } from "./languages.ts";
import { localName, type Category } from "./model.ts";

export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const BODY_MIN = 20;
export const BODY_MAX = 20_000;

export interface IdeaFormValues {
  title: string;
  body: string;
  language: string;
  categoryId: string;
  acceptLicence: boolean;
}

export interface SimilarIdea {
  id: number;
  title: string;
}

export interface IdeaFormPageProps {
  ideaId: number | null;
  values: IdeaFormValues;
  errors?: FieldErrors | undefined;
  categories: Category[];
  /** Markdown of the site's guidelines and licence terms in the reader's language. */
  guidelines: string;
  licence: string;
  images: ImageRow[];
  similar: SimilarIdea[];
  moderationNote: string | null;
}

function SimilarIdeas(props: { ideaId: number | null; similar: SimilarIdea[] }) {
  const { t } = usePage();
  return (
    <section class="panel idea-similar" aria-labelledby="similar-title">
      <h2 id="similar-title">{t("ideas.similar.title")}</h2>
      <p class="muted">{t("ideas.similar.hint")}</p>
      {/* similar-titles.js replaces this list while the title is typed; the region announces the change. */}
      <div id="similar-ideas" aria-live="polite" data-similar-source="/api/v1/ideas/similar" data-similar-input="field-title" data-exclude={props.ideaId ?? ""} data-none={t("ideas.similar.none")}>
        {props.similar.length === 0 ? (
          <p class="muted">{t("ideas.similar.none")}</p>
        ) : (
          <ul>
            {props.similar.map((idea) => (
              <li>
                <a href={`/ideas/${idea.id}`} dir="auto">
                  {idea.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function CurrentImages(props: { ideaId: number; images: ImageRow[] }) {
  const { t } = usePage();
  if (props.images.length === 0) return null;
  return (
    <ul class="idea-gallery idea-gallery--small" aria-label={t("ideas.images.current")}>
      {props.images.map((image, index) => (
        <li>
          <img src={imageUrl(props.ideaId, thumbnailName(image.file_name))} alt={image.alt || t("ideas.images.number", { number: index + 1 })} width={120} height={Math.round((120 / image.width) * image.height)} />
        </li>
      ))}
    </ul>
  );
}

/** The submission form, new (`ideaId` null) or editing a draft or an idea sent back for changes. */
export function IdeaFormPage(props: IdeaFormPageProps) {
  const { t, locale } = usePage();
  const { values, errors } = props;
  const action = props.ideaId === null ? "/ideas/new" : `/ideas/${props.ideaId}/edit`;
  const roomForImages = MAX_IMAGES_PER_IDEA - props.images.length;
  return (
    <>
      <PageHeader title={t(props.ideaId === null ? "ideas.new.title" : "ideas.edit.title")} lead={t("ideas.new.lead")} />
      {props.moderationNote ? (
        <div class="alert alert--warning" role="status">
          <p>{t("ideas.explain.changes_requested")}</p>
          <blockquote class="idea-note" dir="auto">
            {props.moderationNote}
          </blockquote>
        </div>
      ) : null}
      <div class="idea-form-layout">
        <Form action={action} enctype="multipart/form-data" class="form idea-form" aria-label={t(props.ideaId === null ? "ideas.new.title" : "ideas.edit.title")}>
          <ErrorSummary errors={errors} />
          <Field name="title" label={t("ideas.fields.title")} hint={t("ideas.fields.titleHint", { min: TITLE_MIN, max: TITLE_MAX })} value={values.title} errors={errors} required maxLength={TITLE_MAX} />
          <Field name="body" label={t("ideas.fields.body")} hint={t("ideas.fields.bodyHint", { min: BODY_MIN })} value={values.body} errors={errors} required multiline maxLength={BODY_MAX} />
          <SelectField
            name="categoryId"
            label={t("ideas.fields.category")}
            value={values.categoryId}
            errors={errors}
            options={[{ value: "", label: t("ideas.fields.noCategory") }, ...props.categories.map((category) => ({ value: String(category.id), label: localName(category.names, locale, category.slug) }))]}
          />
          <SelectField
            name="language"
            label={t("ideas.fields.language")}
            hint={t("ideas.fields.languageHint")}
            value={values.language}
            errors={errors}
            options={LOCALES.map((code) => ({ value: code, label: languageName(code), lang: code }))}
          />
          {props.ideaId !== null ? <CurrentImages ideaId={props.ideaId} images={props.images} /> : null}
          <ImagesField
            name="images"
            label={t("ideas.fields.images")}
            hint={t("ideas.fields.imagesHint", { room: Math.max(0, roomForImages), max: MAX_IMAGES_PER_IDEA })}
            errors={errors}
            disabled={roomForImages <= 0}
          />
          <section class="idea-terms" aria-labelledby="guidelines-title">
            <h2 id="guidelines-title">{t("ideas.terms.guidelines")}</h2>
            <Markdown source={props.guidelines} />
          </section>
          <section class="idea-terms" aria-labelledby="licence-title">
            <h2 id="licence-title">{t("ideas.terms.licence")}</h2>
            <Markdown source={props.licence} />
          </section>
          <CheckboxField name="acceptLicence" label={t("ideas.fields.acceptLicence")} checked={values.acceptLicence} errors={errors} />
          {/* "Save draft" comes first, so pressing Enter in a field saves rather than submits. */}
          <div class="form__actions">
            <button type="submit" name="intent" value="draft" class="button button--secondary">
              {t("ideas.form.saveDraft")}
            </button>
            <button type="submit" name="intent" value="submit" class="button button--primary">
              {t("ideas.form.submit")}
            </button>
          </div>
        </Form>
        <SimilarIdeas ideaId={props.ideaId} similar={props.similar} />
      </div>
    </>
  );
}
