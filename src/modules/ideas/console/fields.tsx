/**
 * Form controls for fields whose name repeats on a page (a form per idea, rows of a table): the
 * error key (`field`) is given apart from the posted `name`, and gives the id `field-<field>` that
 * ErrorSummary links to. The markup and classes are those of the design system's Field.
 */
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../../platform/errors.ts";
import { usePage } from "../../../platform/web/page-context.ts";

interface Common {
  /** The error key; the control's id is `field-<field>`. */
  field: string;
  name: string;
  label: string;
  errors?: FieldErrors | undefined;
  hint?: string | undefined;
  /** A label only screen readers announce, for controls in a table whose column says what they are. */
  hideLabel?: boolean;
  required?: boolean;
}

function Wrapper(props: Common & { children: ComponentChildren }) {
  const { t } = usePage();
  const id = `field-${props.field}`;
  const error = props.errors?.[props.field];
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id} class={props.hideLabel ? "visually-hidden" : undefined}>
        {props.label}
        {props.required ? <span class="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {t(error.key, error.params)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function controlProps(props: Common) {
  const id = `field-${props.field}`;
  const error = props.errors?.[props.field];
  const describedBy = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return { id, name: props.name, required: props.required, "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": describedBy };
}

/** A text input or textarea. */
export function TextControl(
  props: Common & {
    value?: string | undefined;
    multiline?: boolean;
    rows?: number;
    type?: string;
    inputMode?: "numeric" | "text";
    dir?: "auto" | "ltr" | "rtl";
    lang?: string;
    maxLength?: number;
    placeholder?: string;
  },
) {
  const control = { ...controlProps(props), dir: props.dir ?? "auto", lang: props.lang, maxLength: props.maxLength, placeholder: props.placeholder };
  return (
    <Wrapper {...props}>
      {props.multiline ? (
        <textarea {...control} rows={props.rows ?? 4}>
          {props.value ?? ""}
        </textarea>
      ) : (
        <input {...control} type={props.type ?? "text"} inputMode={props.inputMode} value={props.value ?? ""} />
      )}
    </Wrapper>
  );
}

/** A drop-down list of options. */
export function SelectControl(props: Common & { value?: string | undefined; options: Array<{ value: string; label: string }> }) {
  return (
    <Wrapper {...props}>
      <select {...controlProps(props)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}
