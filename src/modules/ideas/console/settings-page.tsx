/** The ideas settings form: milestone steps, review cut-offs and time zone, the trust bar, guidelines and licence terms. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { LOCALES, type Locale } from "../../../platform/i18n/index.ts";
import { Button, ErrorSummary, Form, PageHeader } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { direction, translate } from "../../../platform/i18n/index.ts";
import { languageName } from "../views/languages.ts";
import { SelectControl, TextControl } from "./fields.tsx";
import type { SettingsFormValues } from "./settings-form.ts";
import { SETTINGS_PATH, SettingsTabs } from "./settings-tabs.tsx";

interface Props {
  values: SettingsFormValues;
  errors: FieldErrors | undefined;
}

/** An error that belongs to a whole group of rows rather than to one field. */
function GroupError(props: { field: string; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  const error = props.errors?.[props.field];
  if (!error) return null;
  return (
    <p class="field__error" id={`field-${props.field}`} tabIndex={-1}>
      {t(error.key, error.params)}
    </p>
  );
}

function Milestones(props: Props) {
  const { t, formatNumber } = usePage();
  const rows = [...props.values.steps, { target: "", window: "", unit: "days" }];
  const units = [
    { value: "days", label: t("ideasConsole.settings.units.days") },
    { value: "months", label: t("ideasConsole.settings.units.months") },
  ];
  return (
    <fieldset>
      <legend>{t("ideasConsole.settings.milestones")}</legend>
      <p class="field__hint">{t("ideasConsole.settings.milestonesHint")}</p>
      <GroupError field="milestones.steps" errors={props.errors} />
      <div class="table-wrap">
        <table class="table ideas-console-rows">
          <thead>
            <tr>
              <th scope="col">{t("ideasConsole.settings.step")}</th>
              <th scope="col">{t("ideasConsole.settings.target")}</th>
              <th scope="col">{t("ideasConsole.settings.window")}</th>
              <th scope="col">{t("ideasConsole.settings.unit")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((step, index) => {
              const number = formatNumber(index + 1);
              const field = `milestones.steps.${index}`;
              return (
                <tr>
                  <th scope="row">{index < props.values.steps.length ? number : t("ideasConsole.settings.newRow")}</th>
                  <td>
                    <TextControl field={`${field}.target`} name="steps.target" label={t("ideasConsole.settings.targetOf", { step: number })} hideLabel value={step.target} inputMode="numeric" dir="ltr" maxLength={9} errors={props.errors} />
                  </td>
                  <td>
                    <TextControl field={`${field}.window`} name="steps.window" label={t("ideasConsole.settings.windowOf", { step: number })} hideLabel value={step.window} inputMode="numeric" dir="ltr" maxLength={5} errors={props.errors} />
                  </td>
                  <td>
                    <SelectControl field={`${field}.unit`} name="steps.unit" label={t("ideasConsole.settings.unitOf", { step: number })} hideLabel value={step.unit} options={units} errors={props.errors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

function monthNames(locale: Locale): string[] {
  // Cut-offs are Gregorian dates; each language names the Gregorian months its own way.
  const format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, index) => format.format(new Date(Date.UTC(2024, index, 15))));
}

function ReviewPeriods(props: Props) {
  const { t, locale, formatNumber } = usePage();
  const rows = [...props.values.cutoffs, { month: "", day: "" }];
  const months = [{ value: "", label: "—" }, ...monthNames(locale).map((name, index) => ({ value: String(index + 1), label: name }))];
  return (
    <fieldset>
      <legend>{t("ideasConsole.settings.review")}</legend>
      <p class="field__hint">{t("ideasConsole.settings.reviewHint")}</p>
      <GroupError field="review.cutoffs" errors={props.errors} />
      <div class="table-wrap">
        <table class="table ideas-console-rows">
          <thead>
            <tr>
              <th scope="col">{t("ideasConsole.settings.cutoff")}</th>
              <th scope="col">{t("ideasConsole.settings.month")}</th>
              <th scope="col">{t("ideasConsole.settings.day")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cutoff, index) => {
              const number = formatNumber(index + 1);
              const field = `review.cutoffs.${index}`;
              return (
                <tr>
                  <th scope="row">{index < props.values.cutoffs.length ? number : t("ideasConsole.settings.newRow")}</th>
                  <td>
                    <SelectControl field={`${field}.month`} name="cutoffs.month" label={t("ideasConsole.settings.monthOf", { cutoff: number })} hideLabel value={cutoff.month} options={months} errors={props.errors} />
                  </td>
                  <td>
                    <TextControl field={`${field}.day`} name="cutoffs.day" label={t("ideasConsole.settings.dayOf", { cutoff: number })} hideLabel value={cutoff.day} inputMode="numeric" dir="ltr" maxLength={2} errors={props.errors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <TextControl field="review.timeZone" name="review.timeZone" label={t("ideasConsole.settings.timeZone")} hint={t("ideasConsole.settings.timeZoneHint")} value={props.values.timeZone} dir="ltr" maxLength={100} errors={props.errors} />
    </fieldset>
  );
}

function TrustBar(props: Props) {
  const { t } = usePage();
  return (
    <fieldset>
      <legend>{t("ideasConsole.settings.trustBar")}</legend>
      <p class="field__hint">{t("ideasConsole.settings.trustBarHint")}</p>
      <TextControl
        field="trustBar.minAccountAgeHours"
        name="trustBar.minAccountAgeHours"
        label={t("ideasConsole.settings.minAccountAgeHours")}
        value={props.values.minAccountAgeHours}
        inputMode="numeric"
        dir="ltr"
        maxLength={5}
        errors={props.errors}
      />
      <label class="checkbox">
        <input type="checkbox" name="trustBar.requireVerifiedEmail" value="on" checked={props.values.requireVerifiedEmail} />
        <span>{t("ideasConsole.settings.requireVerifiedEmail")}</span>
      </label>
    </fieldset>
  );
}

const BUILT_IN = { guidelines: "ideas.terms.defaultGuidelines", licence: "ideas.terms.defaultLicence" } as const;

function PerLanguage(props: Props & { name: "guidelines" | "licence" }) {
  const { t } = usePage();
  return (
    <fieldset id={props.name}>
      <legend>{t(`ideasConsole.settings.${props.name}`)}</legend>
      <p class="field__hint">{t(`ideasConsole.settings.${props.name}Hint`)}</p>
      {LOCALES.map((locale) => (
        <TextControl
          field={`${props.name}.${locale}`}
          name={`${props.name}.${locale}`}
          label={languageName(locale)}
          value={props.values[props.name][locale]}
          multiline
          rows={6}
          // The built-in text this language falls back to, in that language.
          placeholder={translate(locale, BUILT_IN[props.name])}
          lang={locale}
          dir={direction(locale)}
          maxLength={20_000}
          errors={props.errors}
        />
      ))}
    </fieldset>
  );
}

/** The settings page; `errors` are set when a submitted form is shown again. */
export function SettingsPage(props: Props) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ideasConsole.settings.title")} lead={t("ideasConsole.settings.lead")} />
      <SettingsTabs current="general" />
      <ErrorSummary errors={props.errors} />
      <Form action={SETTINGS_PATH} class="form ideas-console-settings" aria-label={t("ideasConsole.settings.title")}>
        <Milestones {...props} />
        <ReviewPeriods {...props} />
        <TrustBar {...props} />
        <PerLanguage {...props} name="guidelines" />
        <PerLanguage {...props} name="licence" />
        <div class="form__actions">
          <Button>{t("ideasConsole.settings.save")}</Button>
        </div>
      </Form>
    </>
  );
}
