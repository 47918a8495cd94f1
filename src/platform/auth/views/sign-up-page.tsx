/** The sign-up form. */
import type { FieldErrors } from "../../errors.ts";
import { Button, ErrorSummary, Field, Form, PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { PASSWORD_MIN_LENGTH } from "../rules.ts";
import { LanguageSelect } from "./fields.tsx";
import { withReturnTo } from "./links.ts";

export interface SignUpValues {
  name: string;
  email: string;
  locale: string | null;
}

/** The sign-up form; `values` keep what was typed (never the password) when it is shown again with errors. */
export function SignUpPage(props: { values: SignUpValues; errors: FieldErrors | null; returnTo: string }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <section class="auth">
      <PageHeader title={t("auth.signUp.title")} lead={t("auth.signUp.lead")} />
      <Form action="/sign-up" aria-label={t("auth.signUp.title")}>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <Field name="name" label={t("auth.fields.name")} value={props.values.name} errors={errors} required autocomplete="name" maxLength={100} />
        <Field name="email" type="email" label={t("auth.fields.email")} value={props.values.email} errors={errors} required autocomplete="email" dir="ltr" maxLength={254} />
        <Field
          name="password"
          type="password"
          label={t("auth.fields.password")}
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          errors={errors}
          required
          autocomplete="new-password"
          dir="ltr"
        />
        <LanguageSelect name="locale" label={t("auth.fields.language")} value={props.values.locale} errors={errors} />
        <Button>{t("auth.signUp.submit")}</Button>
      </Form>
      <p class="auth__alternatives">
        {t("auth.signUp.haveAccount")} <a href={withReturnTo("/sign-in", props.returnTo)}>{t("auth.signUp.signInLink")}</a>
      </p>
    </section>
  );
}
