/** The member's API tokens: create one (shown once), see what each may do, revoke. */
import type { FieldErrors } from "../../errors.ts";
import { Button, ErrorSummary, Field, Form, PageHeader, Table, Time } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import { apiScopes } from "../scopes.ts";
import { CheckboxGroup } from "./fields.tsx";

export interface TokenSummary {
  id: number;
  name: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function CreatedToken(props: { name: string; token: string }) {
  const { t } = usePage();
  return (
    <div class="alert alert--success" role="status">
      <p>{t("auth.tokens.created", { name: props.name })}</p>
      <p>
        <code class="token" dir="ltr">
          {props.token}
        </code>
      </p>
      <p>{t("auth.tokens.createdOnce")}</p>
    </div>
  );
}

function TokenStatus(props: { token: TokenSummary }) {
  const { t } = usePage();
  if (props.token.revokedAt) {
    return (
      <>
        {t("auth.tokens.revokedOn")} <Time date={props.token.revokedAt} />
      </>
    );
  }
  return (
    <Form action={`/account/tokens/${props.token.id}/revoke`} class="inline-form">
      <Button variant="danger">{t("auth.tokens.revoke")}</Button>
    </Form>
  );
}

/** The tokens page; `created` holds a token just made, shown this once. */
export function TokensPage(props: { tokens: TokenSummary[]; created: { name: string; token: string } | null; values: { name: string; scopes: string[] }; errors: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <>
      <PageHeader title={t("auth.tokens.title")} lead={t("auth.tokens.lead")} />
      {props.created ? <CreatedToken {...props.created} /> : null}
      <section class="account-section" aria-labelledby="tokens-new">
        <h2 id="tokens-new">{t("auth.tokens.newTitle")}</h2>
        <Form action="/account/tokens" aria-label={t("auth.tokens.newTitle")}>
          <ErrorSummary errors={errors} />
          <Field name="name" label={t("auth.tokens.name")} hint={t("auth.tokens.nameHint")} value={props.values.name} errors={errors} required maxLength={100} />
          <CheckboxGroup
            name="scopes"
            legend={t("auth.tokens.scopes")}
            options={apiScopes().map((scope) => ({ value: scope.name, label: scope.name, hint: t(scope.labelKey) }))}
            checked={props.values.scopes}
            errors={errors}
          />
          <Button>{t("auth.tokens.create")}</Button>
        </Form>
      </section>
      <section class="account-section" aria-labelledby="tokens-list">
        <h2 id="tokens-list">{t("auth.tokens.listTitle")}</h2>
        <Table<TokenSummary>
          caption={t("auth.tokens.listTitle")}
          rows={props.tokens}
          empty={t("auth.tokens.none")}
          columns={[
            { label: t("auth.tokens.name"), cell: (token) => token.name },
            { label: t("auth.tokens.scopes"), cell: (token) => <span dir="ltr">{token.scopes.join(", ")}</span> },
            { label: t("auth.tokens.createdAt"), cell: (token) => <Time date={token.createdAt} /> },
            { label: t("auth.tokens.lastUsed"), cell: (token) => (token.lastUsedAt ? <Time date={token.lastUsedAt} time /> : t("auth.tokens.neverUsed")) },
            { label: t("auth.tokens.status"), cell: (token) => <TokenStatus token={token} /> },
          ]}
        />
      </section>
    </>
  );
}
