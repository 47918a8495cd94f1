/** A badge as pages and the API show it: texts in the reader's language, how to earn it, holders and rarity. */
import { Type, type Static } from "typebox";
import { hasMessage, type Locale, type Translate } from "../../../platform/i18n/index.ts";
import { activityTypeName } from "../explain.ts";
import { BADGE_ICONS, BADGE_KINDS, BadgeRuleSchema, isMetric, RARITIES, rarityOf, type Condition } from "./rules.ts";
import { inLanguage, type BadgeWithHolders } from "./store.ts";

export const BadgeJson = Type.Object({
  slug: Type.String(),
  url: Type.String(),
  name: Type.String(),
  description: Type.String(),
  icon: Type.String({ description: BADGE_ICONS.join(" | ") }),
  kind: Type.String({ description: BADGE_KINDS.join(" | ") }),
  rule: Type.Union([BadgeRuleSchema, Type.Null()]),
  howToEarn: Type.Array(Type.String()),
  holders: Type.Integer(),
  rarity: Type.Object({ word: Type.String({ description: RARITIES.join(" | ") }), label: Type.String(), percent: Type.Number() }),
});
export type BadgeJsonValue = Static<typeof BadgeJson>;

/** "Accepted answers: at least 10". */
export function conditionText(t: Translate, locale: Locale, condition: Condition): string {
  const label = isMetric(condition.measure) ? t(`members.metrics.${condition.measure}`) : activityTypeName(t, condition.measure, (key) => hasMessage(locale, key));
  return t("badges.condition", { label, count: condition.atLeast });
}

export function presentBadge(badge: BadgeWithHolders, activeMembers: number, t: Translate, locale: Locale): BadgeJsonValue {
  const rarity = rarityOf(badge.holders, activeMembers);
  return {
    slug: badge.slug,
    url: `/badges/${badge.slug}`,
    name: inLanguage(badge.names, locale),
    description: inLanguage(badge.descriptions, locale),
    icon: badge.icon,
    kind: badge.kind,
    rule: badge.rule,
    howToEarn: badge.rule ? badge.rule.all.map((condition) => conditionText(t, locale, condition)) : [t("badges.manualHow")],
    holders: badge.holders,
    rarity: { word: rarity.word, label: t(`badges.rarity.${rarity.word}`), percent: rarity.permille / 10 },
  };
}
