/**
 * Form controls for fields whose name repeats on a page (a form per idea, rows of a table): the
 * error key (`field`) is given apart from the posted `name`, and gives the id `field-<field>` that
 * ErrorSummary links to. The markup and classes are those of the design system's Field.
 */
import { FieldShell, fieldControl, type FieldFrame } from "../../../platform/web/components.tsx";

interface Common extends FieldFrame {
  name: string;
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
  const control = { ...fieldControl(props, props.name), dir: props.dir ?? "auto", lang: props.lang, maxLength: props.maxLength, placeholder: props.placeholder };
  return (
    <FieldShell {...props}>
      {props.multiline ? (
        <textarea {...control} rows={props.rows ?? 4}>
          {props.value ?? ""}
        </textarea>
      ) : (
        <input {...control} type={props.type ?? "text"} inputMode={props.inputMode} value={props.value ?? ""} />
      )}
    </FieldShell>
  );
}

/** A drop-down list of options. */
export function SelectControl(props: Common & { value?: string | undefined; options: Array<{ value: string; label: string }> }) {
  return (
    <FieldShell {...props}>
      <select {...fieldControl(props, props.name)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
