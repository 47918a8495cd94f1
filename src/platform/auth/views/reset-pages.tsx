/** Password reset: asking for a link, and choosing a new password through it. */
import type { FieldErrors } from "../../errors.ts";
import { Button, ErrorSummary, Field, Form, PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { PASSWORD_MIN_LENGTH } from "../rules.ts";

/** Asks for the address to send a reset link to. */
export function ResetRequestPage(props: { email: string; errors: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <section class="auth">
      <PageHeader title={t("auth.reset.title")} lead={t("auth.reset.lead")} />
      <Form action="/reset-password" aria-label={t("auth.reset.title")}>
        <ErrorSummary errors={errors} />
        <Field name="email" type="email" label={t("auth.fields.email")} value={props.email} errors={errors} required autocomplete="email" dir="ltr" maxLength={254} />
        <Button>{t("auth.reset.submit")}</Button>
      </Form>
      <p class="auth__alternatives">
        <a href="/sign-in">{t("auth.reset.backToSignIn")}</a>
      </p>
    </section>
  );
}

/** The page a reset link opens: the new password. */
export function NewPasswordPage(props: { token: string; errors: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <section class="auth">
      <PageHeader title={t("auth.reset.newTitle")} lead={t("auth.reset.newLead")} />
      <Form action="/reset-password/new" aria-label={t("auth.reset.newTitle")}>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="token" value={props.token} />
        <Field
          name="password"
          type="password"
          label={t("auth.fields.newPassword")}
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          errors={errors}
          required
          autocomplete="new-password"
          dir="ltr"
        />
        <Button>{t("auth.reset.newSubmit")}</Button>
      </Form>
    </section>
  );
}
