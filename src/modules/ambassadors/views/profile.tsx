/** The profile section: "Ambassador since …", and a way to nominate the member for those who may. */
import { LinkButton, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";

/** The section's content. */
export function ProfileBadge(props: { accountId: number; since: Date | null; mayNominate: boolean }) {
  const { t } = usePage();
  return (
    <section class="profile-section" aria-labelledby="ambassador-section">
      <h2 id="ambassador-section">{t("ambassadors.profile.title")}</h2>
      {props.since ? (
        <p>
          {t("ambassadors.profile.since")} <Time date={props.since} />
        </p>
      ) : null}
      {props.mayNominate ? (
        <LinkButton href={`/ambassadors?nominee=${props.accountId}#field-reason`} size="small">
          {t("ambassadors.profile.nominate")}
        </LinkButton>
      ) : null}
    </section>
  );
}
