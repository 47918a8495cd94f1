/** On a member's own profile: what their trust level lets them do now, and what the next level unlocks. */
import { usePage } from "../../../platform/web/page-context.ts";
import { abilitiesAt, FLAG_WEIGHTS, TRUST_LEVELS, type Ability } from "../rules.ts";

function AbilityList(props: { abilities: Ability[]; flagWeight: number | null; label: string }) {
  const { t } = usePage();
  return (
    <ul class="member-abilities" aria-label={props.label}>
      {props.abilities.map((ability) => (
        <li data-ability={ability}>{t(`members.trust.abilities.${ability}`)}</li>
      ))}
      {props.flagWeight !== null ? <li data-ability="flag_weight">{t("members.trust.flagWeight", { weight: props.flagWeight })}</li> : null}
    </ul>
  );
}

export function TrustAbilities(props: { level: number }) {
  const { t } = usePage();
  const level = TRUST_LEVELS.find((candidate) => candidate === props.level) ?? 0;
  const { now, next } = abilitiesAt(level);
  const nextWeight = next && FLAG_WEIGHTS[next.level] > FLAG_WEIGHTS[level] ? FLAG_WEIGHTS[next.level] : null;
  return (
    <>
      <h3>{t("members.trust.canNow")}</h3>
      <AbilityList abilities={now} flagWeight={FLAG_WEIGHTS[level]} label={t("members.trust.canNow")} />
      {next ? (
        <>
          <h3>{t("members.trust.unlocks", { level: next.level })}</h3>
          <AbilityList abilities={next.unlocks} flagWeight={nextWeight} label={t("members.trust.unlocks", { level: next.level })} />
          {next.level === 4 ? <p class="muted">{t("members.trust.byStaff")}</p> : null}
        </>
      ) : null}
    </>
  );
}
