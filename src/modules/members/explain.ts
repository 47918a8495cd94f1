/** Criteria and reputation parts as sentences in a language: the shared wording of profiles, the API and promotion notices. */
import type { Translate } from "../../platform/i18n/index.ts";
import type { Criterion } from "./rules.ts";

/** "Accepted answers: 2 of 3". */
export function criterionText(t: Translate, criterion: Pick<Criterion, "metric" | "have" | "need">): string {
  return t("members.criterion", { label: t(`members.metrics.${criterion.metric}`), have: criterion.have, need: criterion.need });
}

/** The criteria joined into one sentence for a notice. */
export function criteriaText(t: Translate, criteria: ReadonlyArray<Pick<Criterion, "metric" | "have" | "need">>): string {
  return criteria.map((criterion) => criterionText(t, criterion)).join(t("members.listSeparator"));
}

/** The name of an activity type for reputation explanations; an unknown type shows as itself. */
export function activityTypeName(t: Translate, type: string, known: (key: string) => boolean): string {
  const key = `members.activityTypes.${type.replace(".", "_")}`;
  return known(key) ? t(key) : type;
}
