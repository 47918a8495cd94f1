/** Form controls the idea pages need beyond the design system's text fields: selects, a checkbox, a file picker. */
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../../platform/errors.ts";
import { usePage } from "../../../platform/web/page-context.ts";

function FieldError(props: { id: string; name: string; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  const error = props.errors?.[props.name];
  if (!error) return null;
  return (
    <p class="field__error" id={`${props.id}-error`}>
      {t(error.key, error.params)}
    </p>
  );
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

/** A labelled select with its hint and inline error. */
export function SelectField(props: { name: string; label: string; value: string; options: Option[]; hint?: string; errors?: FieldErrors | undefined }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name] !== undefined;
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={id} name={props.name} errors={props.errors} />
      <select id={id} name={props.name} aria-invalid={error ? "true" : undefined} aria-describedby={describedBy(id, Boolean(props.hint), error)}>
        {props.options.map((option) => (
          <option value={option.value} lang={option.lang} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One checkbox with its label, and an inline error (e.g. accepting terms). */
export function CheckboxField(props: { name: string; label: ComponentChildren; checked: boolean; errors?: FieldErrors | undefined }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name] !== undefined;
  return (
    <div class={error ? "field field--error" : "field"}>
      <FieldError id={id} name={props.name} errors={props.errors} />
      <label class="checkbox">
        <input type="checkbox" id={id} name={props.name} value="on" checked={props.checked} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <span>{props.label}</span>
      </label>
    </div>
  );
}

/** A file picker for images, several at once. */
export function ImagesField(props: { name: string; label: string; hint: string; errors?: FieldErrors | undefined; disabled?: boolean }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name] !== undefined;
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id}>{props.label}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <FieldError id={id} name={props.name} errors={props.errors} />
      <input
        type="file"
        id={id}
        name={props.name}
        multiple
        accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heif"
        disabled={props.disabled}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, true, error)}
      />
    </div>
  );
}
