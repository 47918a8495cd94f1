/** The unsubscribe confirmation (a button, so link scanners cannot unsubscribe anyone) and its result. */
import { Button, Form, PageHeader } from "../web/components.tsx";
import { usePage } from "../web/page-context.ts";

/** Asks before unsubscribing; the button posts the token. */
export function UnsubscribeConfirmPage(props: { token: string; typeLabel: string }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("notify.unsubscribe.title")} lead={t("notify.unsubscribe.confirm", { type: props.typeLabel })} />
      <Form action="/unsubscribe">
        <input type="hidden" name="token" value={props.token} />
        <Button>{t("notify.unsubscribe.button")}</Button>
      </Form>
    </>
  );
}

/** Confirms the unsubscribe and points to the full settings. */
export function UnsubscribeDonePage(props: { typeLabel: string }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("notify.unsubscribe.doneTitle")} lead={t("notify.unsubscribe.done", { type: props.typeLabel })} />
      <p>
        <a href="/account/notifications">{t("notify.unsubscribe.manage")}</a>
      </p>
    </>
  );
}
