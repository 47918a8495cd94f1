/**
 * The design system's building blocks. Server-rendered, accessible by construction (labels tied to
 * inputs, errors announced with aria-describedby), and laid out with logical CSS properties so
 * right-to-left pages need no second stylesheet.
 */
import type { ComponentChildren, JSX } from "preact";
import type { FieldErrors } from "../errors.ts";
import { usePage } from "./page-context.ts";

/** A form that carries the CSRF token. Method defaults to POST. */
export function Form(props: {
  action: string;
  method?: "post" | "get";
  /** multipart/form-data for forms with file fields. */
  enctype?: "multipart/form-data";
  children: ComponentChildren;
  class?: string;
  id?: string;
  "aria-label"?: string;
}) {
  const { csrfToken } = usePage();
  const method = props.method ?? "post";
  return (
    <form action={props.action} method={method} enctype={props.enctype} class={props.class ?? "form"} id={props.id} aria-label={props["aria-label"]} novalidate>
      {method === "post" ? <input type="hidden" name="_csrf" value={csrfToken()} /> : null}
      {props.children}
    </form>
  );
}

/** What a field's wrapper needs: the error key (`field`, which also gives the id `field-<field>`), label, hint, errors. */
export interface FieldFrame {
  field: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean | undefined;
  /** A label only screen readers announce (a control in a table whose column says what it is). */
  hideLabel?: boolean | undefined;
}

/** The attributes that tie a control to its label, hint and error. */
export function fieldControl(frame: FieldFrame, name: string) {
  const id = `field-${frame.field}`;
  const error = frame.errors?.[frame.field];
  const describedBy = [frame.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return { id, name, required: frame.required, "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": describedBy };
}

/** A field's label, hint and inline error around the control given as children. */
export function FieldShell(props: FieldFrame & { children: ComponentChildren }) {
  const { t } = usePage();
  const id = `field-${props.field}`;
  const error = props.errors?.[props.field];
  return (
    <div class={error ? "field field--error" : "field"}>
      <label for={id} class={props.hideLabel ? "visually-hidden" : undefined}>
        {props.label}
        {props.required ? <span class="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {/* Hint and error sit above the input, where they stay visible while a phone keyboard is open. */}
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

/** One form field with its label, hint and inline error. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  hint?: string;
  errors?: FieldErrors | undefined;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  dir?: "auto" | "ltr" | "rtl";
  maxLength?: number;
}) {
  const frame = { ...props, field: props.name };
  const common = { ...fieldControl(frame, props.name), autocomplete: props.autocomplete, dir: props.dir ?? "auto", maxLength: props.maxLength };
  return (
    <FieldShell {...frame}>
      {props.multiline ? (
        <textarea {...common} rows={6}>
          {props.value ?? ""}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? "text"} value={props.value ?? ""} />
      )}
    </FieldShell>
  );
}

/** A drop-down field with its label and inline error; an option may name its language (a name in Persian on an English page). */
export function Select(props: { name: string; label: string; value: string; options: ReadonlyArray<{ value: string; label: string; lang?: string | undefined }>; errors?: FieldErrors | undefined; required?: boolean }) {
  const frame = { field: props.name, label: props.label, errors: props.errors, required: props.required };
  return (
    <FieldShell {...frame}>
      <select {...fieldControl(frame, props.name)}>
        {props.options.map((option) => (
          <option value={option.value} lang={option.lang} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type ButtonVariant = "primary" | "secondary" | "danger" | "link";

function buttonClass(variant: ButtonVariant, size: "small" | undefined, extra: string | undefined): string {
  return ["button", `button--${variant}`, size ? `button--${size}` : "", extra ?? ""].filter(Boolean).join(" ");
}

/** A button; `variant` picks the look, `type` defaults to submit. */
export function Button(props: { children: ComponentChildren; variant?: ButtonVariant; size?: "small"; type?: "submit" | "button"; name?: string; value?: string; class?: string }) {
  return (
    <button type={props.type ?? "submit"} name={props.name} value={props.value} class={buttonClass(props.variant ?? "primary", props.size, props.class)}>
      {props.children}
    </button>
  );
}

/** A link styled as a button. */
export function LinkButton(props: { href: string; children: ComponentChildren; variant?: ButtonVariant; size?: "small"; class?: string }) {
  return (
    <a href={props.href} class={buttonClass(props.variant ?? "secondary", props.size, props.class)}>
      {props.children}
    </a>
  );
}

/** A summary of form errors at the top of a form, focusable for screen readers. */
export function ErrorSummary(props: { errors?: FieldErrors | undefined; message?: string | undefined }) {
  const { t } = usePage();
  const entries = Object.entries(props.errors ?? {});
  if (!props.message && entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" tabIndex={-1} id="error-summary">
      <p>{props.message ?? t("common.formHasErrors")}</p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, error]) => (
            <li key={name}>
              <a href={`#field-${name}`}>{t(error.key, error.params)}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A data table with a caption for screen readers. */
export function Table<Row>(props: { caption: string; columns: Array<{ label: string; cell: (row: Row) => ComponentChildren; numeric?: boolean }>; rows: Row[]; empty?: string }) {
  if (props.rows.length === 0) return <EmptyState title={props.empty ?? props.caption} />;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.numeric ? "numeric" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.columns.map((column) => (
                <td class={column.numeric ? "numeric" : undefined}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next links for a list; `pageHref(n)` builds each page's address. */
export function Pagination(props: { page: number; hasNext: boolean; pageHref: (page: number) => string }) {
  const { t, formatNumber } = usePage();
  if (props.page <= 1 && !props.hasNext) return null;
  return (
    <nav class="pagination" aria-label={t("common.pagination")}>
      {props.page > 1 ? (
        <a href={props.pageHref(props.page - 1)} rel="prev">
          {t("common.previous")}
        </a>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("common.page", { page: formatNumber(props.page) })}</span>
      {props.hasNext ? (
        <a href={props.pageHref(props.page + 1)} rel="next">
          {t("common.next")}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** What a list shows when it has nothing in it. */
export function EmptyState(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-state__title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** The page's main heading with optional actions beside it. */
export function PageHeader(props: { title: string; lead?: string; actions?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.lead ? <p class="lead">{props.lead}</p> : null}
      </div>
      {props.actions ? <div class="page-header__actions">{props.actions}</div> : null}
    </header>
  );
}

/** A time element with the localized date and the machine-readable instant. */
export function Time(props: { date: Date; time?: boolean }) {
  const { formatDate } = usePage();
  return <time dateTime={props.date.toISOString()}>{formatDate(props.date, { time: props.time ?? false })}</time>;
}

export type { JSX };
