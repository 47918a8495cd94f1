/** One account in the console: its roles (grant, revoke), suspension, and what staff have done to it. */
import type { FieldErrors } from "../../errors.ts";
import type { AuditRow } from "../../audit/index.ts";
import { AuditTable } from "../../audit/audit-page.tsx";
import { Button, ErrorSummary, Field, Form, PageHeader, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { MemberStatus } from "./members-page.tsx";
import type { MemberRow } from "./queries.ts";
import { RoleLabel } from "./role-label.tsx";
import { GRANTABLE_ROLES } from "./rules.ts";

export interface MemberFormState {
  errors?: FieldErrors | undefined;
  values?: Record<string, string | undefined>;
}

function Roles(props: { member: MemberRow; form: MemberFormState }) {
  const { t } = usePage();
  const staffRoles = props.member.roles.filter((grant) => grant.role !== "member");
  const action = `/console/members/${props.member.id}/roles`;
  return (
    <section aria-labelledby="member-roles">
      <h2 id="member-roles">{t("console.members.roles")}</h2>
      {staffRoles.length === 0 ? <p>{t("console.members.noStaffRoles")}</p> : null}
      <ul class="role-list">
        {staffRoles.map((grant) => (
          <li>
            <RoleLabel grant={grant} />
            <Form action={action} class="inline-form">
              <input type="hidden" name="op" value="revoke" />
              <input type="hidden" name="role" value={grant.role} />
              <input type="hidden" name="scope" value={grant.scope} />
              <Button variant="link">{t("console.members.revoke")}</Button>
            </Form>
          </li>
        ))}
      </ul>
      <Form action={action} class="form form--inline" aria-label={t("console.members.grant")}>
        <input type="hidden" name="op" value="grant" />
        <div class="field">
          <label for="field-role">{t("console.members.role")}</label>
          <select id="field-role" name="role">
            {GRANTABLE_ROLES.map((role) => (
              <option value={role} selected={props.form.values?.role === role}>
                {t(`console.roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <Field name="scope" label={t("console.members.scope")} hint={t("console.members.scopeHint")} value={props.form.values?.scope} errors={props.form.errors} dir="ltr" />
        <Button>{t("console.members.grant")}</Button>
      </Form>
    </section>
  );
}

function Suspension(props: { member: MemberRow; now: Date; reason: string | undefined; form: MemberFormState }) {
  const { t } = usePage();
  const { member } = props;
  const suspended = member.suspendedUntil !== null && member.suspendedUntil > props.now;
  return (
    <section aria-labelledby="member-suspension">
      <h2 id="member-suspension">{t("console.members.suspension")}</h2>
      {suspended && member.suspendedUntil ? (
        <>
          <p>
            {t("console.members.status.suspendedUntil")} <Time date={member.suspendedUntil} />
            {props.reason ? ` — ${props.reason}` : null}
          </p>
          <Form action={`/console/members/${member.id}/unsuspend`} class="inline-form">
            <Button variant="secondary">{t("console.members.unsuspend")}</Button>
          </Form>
        </>
      ) : (
        <Form action={`/console/members/${member.id}/suspend`} aria-label={t("console.members.suspend")}>
          <Field name="reason" label={t("console.members.reason")} multiline required maxLength={500} value={props.form.values?.reason} errors={props.form.errors} />
          <Field name="until" type="date" label={t("console.members.until")} required value={props.form.values?.until} errors={props.form.errors} />
          <Button variant="danger">{t("console.members.suspend")}</Button>
        </Form>
      )}
    </section>
  );
}

/** One member's page; `form` carries the values and errors of a form sent back. */
export function MemberPage(props: { member: MemberRow; history: AuditRow[]; now: Date; form: MemberFormState }) {
  const { t } = usePage();
  const { member, history } = props;
  const lastSuspension = history.find((row) => row.action === "accounts.suspend");
  const reason = typeof lastSuspension?.details.reason === "string" ? lastSuspension.details.reason : undefined;
  return (
    <>
      <PageHeader title={member.name} lead={member.email} />
      <p>
        <a href="/console/members">{t("console.members.back")}</a>
      </p>
      <ErrorSummary errors={props.form.errors} />
      <dl class="facts">
        <dt>{t("console.members.columns.status")}</dt>
        <dd>
          <MemberStatus member={member} now={props.now} />
        </dd>
        <dt>{t("console.members.columns.joined")}</dt>
        <dd>
          <Time date={member.createdAt} />
        </dd>
        <dt>{t("console.members.emailVerified")}</dt>
        <dd>{member.emailVerified ? t("common.yes") : t("common.no")}</dd>
      </dl>
      <Roles member={member} form={props.form} />
      <Suspension member={member} now={props.now} reason={reason} form={props.form} />
      <section aria-labelledby="member-history">
        <h2 id="member-history">{t("console.members.history")}</h2>
        <AuditTable rows={history} caption={t("console.members.history")} />
      </section>
    </>
  );
}
