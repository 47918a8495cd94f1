/** The member's account page: email status, name and language, password, and where they are signed in. */
import type { FieldErrors } from "../../errors.ts";
import { Button, ErrorSummary, Field, Form, LinkButton, PageHeader, Table, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { describeDevice } from "../device.ts";
import { PASSWORD_MIN_LENGTH } from "../rules.ts";
import { LanguageSelect } from "./fields.tsx";

export interface AccountSummary {
  name: string;
  email: string;
  locale: string | null;
  emailVerified: boolean;
  hasPassword: boolean;
}

export interface SessionSummary {
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** Errors of the one form that was sent, shown beside its fields. */
export interface AccountFormErrors {
  form: "profile" | "password";
  fields: FieldErrors;
}

function EmailSection(props: { account: AccountSummary }) {
  const { t } = usePage();
  return (
    <section class="account-section" aria-labelledby="account-email">
      <h2 id="account-email">{t("auth.account.emailTitle")}</h2>
      <p dir="ltr" class="account-email">
        {props.account.email}
      </p>
      {props.account.emailVerified ? (
        <p class="status status--success">{t("auth.account.emailVerified")}</p>
      ) : (
        <>
          <p class="status status--warning">{t("auth.account.emailUnverified")}</p>
          <Form action="/verify-email/resend" class="inline-form">
            <Button variant="secondary">{t("auth.account.resend")}</Button>
          </Form>
        </>
      )}
    </section>
  );
}

function ProfileSection(props: { account: AccountSummary; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  return (
    <section class="account-section" aria-labelledby="account-profile">
      <h2 id="account-profile">{t("auth.account.profileTitle")}</h2>
      <Form action="/account/profile" aria-label={t("auth.account.profileTitle")}>
        <ErrorSummary errors={props.errors} />
        <Field name="name" label={t("auth.fields.name")} value={props.account.name} errors={props.errors} required autocomplete="name" maxLength={100} />
        <LanguageSelect name="locale" label={t("auth.fields.language")} value={props.account.locale} errors={props.errors} />
        <Button>{t("common.save")}</Button>
      </Form>
    </section>
  );
}

function PasswordSection(props: { hasPassword: boolean; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  return (
    <section class="account-section" aria-labelledby="account-password">
      <h2 id="account-password">{t("auth.account.passwordTitle")}</h2>
      <p>{t("auth.account.passwordLead")}</p>
      <Form action="/account/password" aria-label={t("auth.account.passwordTitle")}>
        <ErrorSummary errors={props.errors} />
        {props.hasPassword ? (
          <Field name="currentPassword" type="password" label={t("auth.fields.currentPassword")} errors={props.errors} required autocomplete="current-password" dir="ltr" />
        ) : null}
        <Field
          name="newPassword"
          type="password"
          label={t("auth.fields.newPassword")}
          hint={t("auth.fields.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          errors={props.errors}
          required
          autocomplete="new-password"
          dir="ltr"
        />
        <Button>{t("auth.account.passwordSubmit")}</Button>
      </Form>
    </section>
  );
}

function DeviceName(props: { userAgent: string | null }) {
  const { t } = usePage();
  const device = describeDevice(props.userAgent);
  if (!device.browser && !device.system) return <>{t("auth.sessions.unknownDevice")}</>;
  return (
    <span dir="ltr">
      {[device.browser, device.system].filter(Boolean).join(" · ")}
    </span>
  );
}

function SessionsSection(props: { sessions: SessionSummary[] }) {
  const { t } = usePage();
  return (
    <section class="account-section" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t("auth.sessions.title")}</h2>
      <p>{t("auth.sessions.lead")}</p>
      <Table<SessionSummary>
        caption={t("auth.sessions.title")}
        rows={props.sessions}
        columns={[
          {
            label: t("auth.sessions.device"),
            cell: (session) => (
              <>
                <DeviceName userAgent={session.userAgent} />
                {session.current ? <span class="badge badge--neutral"> {t("auth.sessions.current")}</span> : null}
              </>
            ),
          },
          { label: t("auth.sessions.ip"), cell: (session) => <span dir="ltr">{session.ip ?? "—"}</span> },
          { label: t("auth.sessions.signedIn"), cell: (session) => <Time date={session.createdAt} /> },
          { label: t("auth.sessions.lastSeen"), cell: (session) => <Time date={session.lastSeenAt} time /> },
        ]}
      />
      <Form action="/account/sessions/revoke-all" class="inline-form">
        <Button variant="danger">{t("auth.sessions.revokeAll")}</Button>
      </Form>
    </section>
  );
}

/** The whole account page; `errors` belong to the one form that was sent. */
export function AccountPage(props: { account: AccountSummary; sessions: SessionSummary[]; errors: AccountFormErrors | null }) {
  const { t } = usePage();
  const errorsFor = (form: AccountFormErrors["form"]) => (props.errors?.form === form ? props.errors.fields : undefined);
  return (
    <>
      <PageHeader title={t("auth.account.title")} actions={<LinkButton href="/account/tokens">{t("auth.tokens.title")}</LinkButton>} />
      <EmailSection account={props.account} />
      <ProfileSection account={props.account} errors={errorsFor("profile")} />
      <PasswordSection hasPassword={props.account.hasPassword} errors={errorsFor("password")} />
      <SessionsSection sessions={props.sessions} />
    </>
  );
}
