/** What an unusable emailed link (unknown, expired or already used) shows, with the way to a new one. */
import { LinkButton, PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import type { EmailTokenPurpose } from "../rules.ts";

const RETRY: Record<EmailTokenPurpose, string> = {
  verify: "/account",
  magic: "/sign-in/magic",
  reset: "/reset-password",
};

/** The page for an unusable link of the given purpose. */
export function LinkProblemPage(props: { purpose: EmailTokenPurpose }) {
  const { t } = usePage();
  return (
    <section class="auth">
      <PageHeader title={t("auth.linkProblem.title")} lead={t(`auth.linkProblem.${props.purpose}`)} />
      <p>
        <LinkButton href={RETRY[props.purpose]} variant="primary">
          {t(`auth.linkProblem.retry.${props.purpose}`)}
        </LinkButton>
      </p>
    </section>
  );
}
