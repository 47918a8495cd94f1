/** Sign-in by emailed link: asking for a link, and the page the link opens. */
import type { FieldErrors } from "../../errors.ts";
import { Button, ErrorSummary, Field, Form, PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";

/** Asks for the address to send a sign-in link to. */
export function MagicLinkRequestPage(props: { email: string; errors: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <section class="auth">
      <PageHeader title={t("auth.magic.title")} lead={t("auth.magic.lead")} />
      <Form action="/sign-in/magic" aria-label={t("auth.magic.title")}>
        <ErrorSummary errors={errors} />
        <Field name="email" type="email" label={t("auth.fields.email")} value={props.email} errors={errors} required autocomplete="email" dir="ltr" maxLength={254} />
        <Button>{t("auth.magic.submit")}</Button>
      </Form>
      <p class="auth__alternatives">
        <a href="/sign-in">{t("auth.magic.backToPassword")}</a>
      </p>
    </section>
  );
}

/**
 * The page a sign-in link opens. Signing in takes one more click (a POST), so mail scanners that
 * open links to check them neither use the link up nor get a session.
 */
export function MagicLinkConfirmPage(props: { token: string }) {
  const { t } = usePage();
  return (
    <section class="auth">
      <PageHeader title={t("auth.magic.confirmTitle")} lead={t("auth.magic.confirmLead")} />
      <Form action="/sign-in/magic/confirm" aria-label={t("auth.magic.confirmTitle")}>
        <input type="hidden" name="token" value={props.token} />
        <Button>{t("auth.magic.confirmSubmit")}</Button>
      </Form>
    </section>
  );
}
