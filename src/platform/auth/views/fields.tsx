/** Form controls the account pages need beyond the design system's text fields. */
import type { FieldErrors } from "../../errors.ts";
import { LOCALES, type Locale } from "../../i18n/index.ts";
import { usePage } from "../../web/page-context.ts";

/** Each language named in itself ("فارسی", "עברית"), as a reader of that language looks for it. */
function endonym(locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
}

/** A language choice; the empty option means "follow my browser". */
export function LanguageSelect(props: { name: string; label: string; value: string | null; errors?: FieldErrors | null | undefined }) {
  const { t } = usePage();
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="" selected={!props.value}>
          {t("auth.fields.languageAuto")}
        </option>
        {LOCALES.map((code) => (
          <option value={code} lang={code} selected={props.value === code}>
            {endonym(code)}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes sharing one name, inside a fieldset with a legend. */
export function CheckboxGroup(props: { name: string; legend: string; options: Array<{ value: string; label: string; hint?: string }>; checked: readonly string[]; errors?: FieldErrors | null | undefined }) {
  const { t } = usePage();
  const error = props.errors?.[props.name];
  return (
    <fieldset class={error ? "field field--error checkbox-group" : "field checkbox-group"} id={`field-${props.name}`}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label class="checkbox">
          <input type="checkbox" name={props.name} value={option.value} checked={props.checked.includes(option.value)} />
          <span>
            <span class="checkbox__label">{option.label}</span>
            {option.hint ? <span class="checkbox__hint"> — {option.hint}</span> : null}
          </span>
        </label>
      ))}
      {error ? <p class="field__error">{t(error.key, error.params)}</p> : null}
    </fieldset>
  );
}
