/**
 * One email as it was written. The HTML body is never placed in the console page itself: it is shown
 * in an iframe with an empty `sandbox` (no scripts, no forms, no same-origin access) through `srcdoc`,
 * and its source is shown escaped.
 */
import { Button, Form, PageHeader, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import type { MailMessage } from "./queries.ts";

function Facts(props: { mail: MailMessage }) {
  const { t, formatNumber } = usePage();
  const { mail } = props;
  return (
    <dl class="facts">
      <dt>{t("console.mail.columns.to")}</dt>
      <dd dir="ltr">{mail.to}</dd>
      <dt>{t("console.mail.columns.kind")}</dt>
      <dd>
        <code>{mail.kind}</code>
      </dd>
      <dt>{t("console.mail.columns.status")}</dt>
      <dd>{t(`console.mail.status.${mail.status}`)}</dd>
      <dt>{t("console.mail.columns.attempts")}</dt>
      <dd>{formatNumber(mail.attempts)}</dd>
      <dt>{t("console.mail.columns.created")}</dt>
      <dd>
        <Time date={mail.createdAt} time />
      </dd>
      {mail.sentAt ? (
        <>
          <dt>{t("console.mail.sentAt")}</dt>
          <dd>
            <Time date={mail.sentAt} time />
          </dd>
        </>
      ) : null}
      {mail.lastError ? (
        <>
          <dt>{t("console.mail.lastError")}</dt>
          <dd>
            <code dir="ltr">{mail.lastError}</code>
          </dd>
        </>
      ) : null}
      {Object.entries(mail.headers).map(([name, value]) => (
        <>
          <dt dir="ltr">{name}</dt>
          <dd dir="ltr">
            <code>{value}</code>
          </dd>
        </>
      ))}
    </dl>
  );
}

/** One message: its facts, the sandboxed HTML, its source and its text; a retry button when it failed. */
export function MailMessagePage(props: { mail: MailMessage }) {
  const { t } = usePage();
  const { mail } = props;
  return (
    <>
      <PageHeader
        title={mail.subject}
        actions={
          mail.status === "failed" ? (
            <Form action={`/console/mail/${mail.id}/retry`} class="inline-form">
              <Button>{t("console.mail.retry")}</Button>
            </Form>
          ) : null
        }
      />
      <p>
        <a href="/console/mail">{t("console.mail.back")}</a>
      </p>
      <Facts mail={mail} />
      <h2>{t("console.mail.html")}</h2>
      <iframe class="mail-preview" sandbox="" srcdoc={mail.html} title={t("console.mail.htmlPreview", { subject: mail.subject })} referrerpolicy="no-referrer" loading="lazy" />
      <details>
        <summary>{t("console.mail.htmlSource")}</summary>
        <pre dir="ltr">
          <code>{mail.html}</code>
        </pre>
      </details>
      <h2>{t("console.mail.text")}</h2>
      <pre class="mail-text" dir="auto">
        {mail.text}
      </pre>
    </>
  );
}
