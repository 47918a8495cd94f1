/** The password sign-in form, with the ways in for members without their password. */
import { Button, ErrorSummary, Field, Form, PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { withReturnTo } from "./links.ts";

/** The sign-in form; `message` is the one error it can show (the same for every wrong input). */
export function SignInPage(props: { email: string; returnTo: string; message?: string | undefined }) {
  const { t } = usePage();
  return (
    <section class="auth">
      <PageHeader title={t("auth.signIn.title")} />
      <Form action="/sign-in" aria-label={t("auth.signIn.title")}>
        <ErrorSummary message={props.message} />
        <input type="hidden" name="returnTo" value={props.returnTo} />
        <Field name="email" type="email" label={t("auth.fields.email")} value={props.email} required autocomplete="email" dir="ltr" maxLength={254} />
        <Field name="password" type="password" label={t("auth.fields.password")} required autocomplete="current-password" dir="ltr" />
        <Button>{t("auth.signIn.submit")}</Button>
      </Form>
      <ul class="auth__alternatives">
        <li>
          <a href="/sign-in/magic">{t("auth.signIn.magicLink")}</a>
        </li>
        <li>
          <a href="/reset-password">{t("auth.signIn.forgotPassword")}</a>
        </li>
        <li>
          {t("auth.signIn.noAccount")} <a href={withReturnTo("/sign-up", props.returnTo)}>{t("auth.signIn.signUpLink")}</a>
        </li>
      </ul>
    </section>
  );
}
