/** The settings pages of categories and display statuses: the list with an add form, and one entry with edit and delete. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { direction, LOCALES } from "../../../platform/i18n/index.ts";
import { Button, ErrorSummary, Field, Form, PageHeader, Table } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { languageName } from "../views/languages.ts";
import { localName } from "../views/model.ts";
import { SelectControl, TextControl } from "./fields.tsx";
import type { TermRow } from "./queries.ts";
import { SETTINGS_PATH, SettingsTabs } from "./settings-tabs.tsx";
import { TONES, type Taxonomy } from "./taxonomy.ts";

/** A term form sent back with errors, and what was typed in it. */
export interface TermFormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

/** The address of the list of a taxonomy, or of one of its terms. */
export function termsPath(taxonomy: Taxonomy, id?: number): string {
  return id === undefined ? `${SETTINGS_PATH}/${taxonomy}` : `${SETTINGS_PATH}/${taxonomy}/${id}`;
}

/** A term's form text. */
function termValues(term: TermRow): Record<string, string> {
  return { slug: term.slug, position: String(term.position), tone: term.tone ?? "neutral", ...Object.fromEntries(LOCALES.map((locale) => [`names.${locale}`, term.names[locale] ?? ""])) };
}

function TermName(props: { term: TermRow }) {
  const { locale } = usePage();
  const name = localName(props.term.names, locale, props.term.slug);
  return props.term.tone ? <span class={`badge badge--${props.term.tone}`}>{name}</span> : <>{name}</>;
}

function TermFields(props: { taxonomy: Taxonomy; values: Record<string, string | undefined>; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  const { values, errors } = props;
  return (
    <>
      {LOCALES.map((locale) => (
        <TextControl field={`names.${locale}`} name={`names.${locale}`} label={t("ideasConsole.taxonomy.nameIn", { language: languageName(locale) })} value={values[`names.${locale}`]} lang={locale} dir={direction(locale)} maxLength={80} required errors={errors} />
      ))}
      <Field name="slug" label={t("ideasConsole.taxonomy.slug")} hint={t("ideasConsole.taxonomy.slugHint")} value={values.slug} dir="ltr" maxLength={60} required errors={errors} />
      <Field name="position" label={t("ideasConsole.taxonomy.position")} hint={t("ideasConsole.taxonomy.positionHint")} value={values.position} dir="ltr" maxLength={6} required errors={errors} />
      {props.taxonomy === "statuses" ? (
        <SelectControl field="tone" name="tone" label={t("ideasConsole.taxonomy.tone")} value={values.tone} options={TONES.map((tone) => ({ value: tone, label: t(`ideasConsole.taxonomy.tones.${tone}`) }))} errors={errors} />
      ) : null}
    </>
  );
}

/** The list of categories or statuses, with the form that adds one. */
export function TermsPage(props: { taxonomy: Taxonomy; terms: TermRow[]; usage: Map<number, number>; form: TermFormState }) {
  const { t, formatNumber } = usePage();
  const { taxonomy } = props;
  return (
    <>
      <PageHeader title={t(`ideasConsole.taxonomy.${taxonomy}.title`)} lead={t(`ideasConsole.taxonomy.${taxonomy}.lead`)} />
      <SettingsTabs current={taxonomy} />
      <Table<TermRow>
        caption={t(`ideasConsole.taxonomy.${taxonomy}.title`)}
        empty={t(`ideasConsole.taxonomy.${taxonomy}.empty`)}
        rows={props.terms}
        columns={[
          {
            label: t("ideasConsole.taxonomy.name"),
            cell: (term) => (
              <a href={termsPath(taxonomy, term.id)}>
                <TermName term={term} />
              </a>
            ),
          },
          { label: t("ideasConsole.taxonomy.slug"), cell: (term) => <code dir="ltr">{term.slug}</code> },
          { label: t("ideasConsole.taxonomy.position"), cell: (term) => formatNumber(term.position), numeric: true },
          { label: t("ideasConsole.taxonomy.used"), cell: (term) => formatNumber(props.usage.get(term.id) ?? 0), numeric: true },
        ]}
      />
      <section aria-labelledby="add-term" class="panel">
        <h2 id="add-term">{t(`ideasConsole.taxonomy.${taxonomy}.add`)}</h2>
        <ErrorSummary errors={props.form.errors} />
        <Form action={termsPath(taxonomy)} aria-label={t(`ideasConsole.taxonomy.${taxonomy}.add`)}>
          <TermFields taxonomy={taxonomy} values={props.form.values} errors={props.form.errors} />
          <Button>{t("ideasConsole.taxonomy.create")}</Button>
        </Form>
      </section>
    </>
  );
}

function DeleteTerm(props: { taxonomy: Taxonomy; term: TermRow; used: number; others: TermRow[]; errors: FieldErrors | undefined }) {
  const { t, locale, formatNumber } = usePage();
  const { taxonomy, term } = props;
  return (
    <section aria-labelledby="delete-term" class="panel">
      <h2 id="delete-term">{t(`ideasConsole.taxonomy.${taxonomy}.delete`)}</h2>
      <ErrorSummary errors={props.errors} />
      <Form action={`${termsPath(taxonomy, term.id)}/delete`} aria-label={t(`ideasConsole.taxonomy.${taxonomy}.delete`)}>
        {props.used === 0 ? (
          <>
            <p>{t("ideasConsole.taxonomy.unused")}</p>
            <input type="hidden" name="replacement" value="" />
          </>
        ) : (
          <SelectControl
            field="replacement"
            name="replacement"
            label={t("ideasConsole.taxonomy.replacement", { count: props.used, shown: formatNumber(props.used) })}
            hint={t(`ideasConsole.taxonomy.${taxonomy}.replacementHint`)}
            options={[{ value: "", label: t(`ideasConsole.taxonomy.${taxonomy}.none`) }, ...props.others.map((other) => ({ value: String(other.id), label: `${localName(other.names, locale, other.slug)} (${other.slug})` }))]}
            errors={props.errors}
          />
        )}
        <Button variant="danger">{t("ideasConsole.taxonomy.deleteButton")}</Button>
      </Form>
    </section>
  );
}

/** One category or status: its edit form, and its deletion with a choice for the ideas that use it. */
export function TermPage(props: { taxonomy: Taxonomy; term: TermRow; used: number; others: TermRow[]; form: TermFormState | undefined; deleteErrors: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const { taxonomy, term } = props;
  const values = props.form?.values ?? termValues(term);
  return (
    <div class="stack">
      <PageHeader title={localName(term.names, locale, term.slug)} lead={t(`ideasConsole.taxonomy.${taxonomy}.editLead`)} />
      <SettingsTabs current={taxonomy} />
      <p>
        <a href={termsPath(taxonomy)}>{t(`ideasConsole.taxonomy.${taxonomy}.back`)}</a>
      </p>
      <section aria-labelledby="edit-term" class="panel">
        <h2 id="edit-term">{t("ideasConsole.taxonomy.edit")}</h2>
        <ErrorSummary errors={props.form?.errors} />
        <Form action={termsPath(taxonomy, term.id)} aria-label={t("ideasConsole.taxonomy.edit")}>
          <TermFields taxonomy={taxonomy} values={values} errors={props.form?.errors} />
          <Button>{t("common.save")}</Button>
        </Form>
      </section>
      <DeleteTerm taxonomy={taxonomy} term={term} used={props.used} others={props.others} errors={props.deleteErrors} />
    </div>
  );
}
