/** The badge pages: all badges with rarity, one badge with how to earn it and recent holders, and badges on a profile. */
import type { ComponentChild } from "preact";
import { EmptyState, PageHeader, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { presentBadge, type BadgeJsonValue } from "./presenters.ts";
import type { BadgeIcon } from "./rules.ts";
import type { HeldBadge, Holder } from "./store.ts";

/** The icons as small inline drawings in the text's colour: no icon font or emoji font needed. */
const ICONS: Record<BadgeIcon, ComponentChild> = {
  star: <polygon points="12,2 15,9 22,9.3 16.6,13.8 18.5,21 12,16.9 5.5,21 7.4,13.8 2,9.3 9,9" />,
  heart: <path d="M12 21s-7.5-4.6-9.6-9.2A5.2 5.2 0 0 1 12 6.3a5.2 5.2 0 0 1 9.6 5.5C19.5 16.4 12 21 12 21z" />,
  lightbulb: (
    <>
      <circle cx="12" cy="9.5" r="6.5" />
      <rect x="9" y="16.5" width="6" height="4.5" rx="1" />
    </>
  ),
  trophy: (
    <>
      <path d="M6.5 3h11v5.5a5.5 5.5 0 0 1-11 0z" />
      <rect x="11" y="13.5" width="2" height="4" />
      <rect x="7.5" y="17.5" width="9" height="3.5" rx="1" />
    </>
  ),
  chat: <path d="M3 4.5h18v12H10l-5 4.5v-4.5H3z" />,
  calendar: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" fill-opacity="0.45" />
      <rect x="3" y="5" width="18" height="5" rx="2" />
      <rect x="7" y="2.5" width="2" height="5" />
      <rect x="15" y="2.5" width="2" height="5" />
    </>
  ),
  compass: (
    <>
      <circle cx="12" cy="12" r="9.5" fill-opacity="0.35" />
      <polygon points="12,4.5 14.5,12 12,19.5 9.5,12" />
    </>
  ),
  hammer: (
    <>
      <rect x="10.5" y="8" width="3" height="14" rx="1" />
      <path d="M5 3.5h11l3 2.5v3H5z" />
    </>
  ),
};

export function BadgeIconMark(props: { icon: string }) {
  return (
    <svg class={`badge-icon badge-icon--${props.icon}`} viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="currentColor" aria-hidden="true" focusable="false">
      {ICONS[props.icon as BadgeIcon] ?? ICONS.star}
    </svg>
  );
}

/** "Rare · 4.2% of active members". */
export function RarityText(props: { rarity: BadgeJsonValue["rarity"] }) {
  const { t, formatNumber } = usePage();
  return (
    <span class={`badge-rarity badge-rarity--${props.rarity.word}`}>
      {t("badges.rarityLine", { word: props.rarity.label, percent: formatNumber(props.rarity.percent / 100, { style: "percent", maximumFractionDigits: 1 }) })}
    </span>
  );
}

/** /badges */
export function BadgesPage(props: { badges: BadgeJsonValue[] }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("badges.title")} lead={t("badges.lead")} />
      {props.badges.length === 0 ? (
        <EmptyState title={t("badges.none")} />
      ) : (
        <ul class="card-grid badge-list">
          {props.badges.map((badge) => (
            <li class="card badge-card">
              <h2>
                <BadgeIconMark icon={badge.icon} /> <a href={badge.url}>{badge.name}</a>
              </h2>
              <p>{badge.description}</p>
              <p>
                <RarityText rarity={badge.rarity} />
                {t("badges.separator")}
                {t("badges.holders", { count: badge.holders, formatted: formatNumber(badge.holders) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** /badges/:slug */
export function BadgePage(props: { badge: BadgeJsonValue; holders: Holder[] }) {
  const { t, formatNumber } = usePage();
  const badge = props.badge;
  return (
    <>
      <p>
        <a href="/badges">{t("badges.all")}</a>
      </p>
      <header class="page-header">
        <div>
          <h1>
            <BadgeIconMark icon={badge.icon} /> {badge.name}
          </h1>
          <p class="lead">{badge.description}</p>
          <p>
            <RarityText rarity={badge.rarity} />
                {t("badges.separator")}
                {t("badges.holders", { count: badge.holders, formatted: formatNumber(badge.holders) })}
          </p>
        </div>
      </header>
      <section aria-labelledby="badge-how">
        <h2 id="badge-how">{t("badges.how")}</h2>
        <ul>
          {badge.howToEarn.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="badge-holders">
        <h2 id="badge-holders">{t("badges.recentHolders")}</h2>
        {props.holders.length === 0 ? (
          <EmptyState title={t("badges.noHolders")} />
        ) : (
          <ul class="badge-holders">
            {props.holders.map((holder) => (
              <li>
                <a href={`/members/${holder.id}`} dir="auto">
                  {holder.name}
                </a>
                {t("badges.separator")}
                <Time date={new Date(holder.awarded_at)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The badges section of a profile. */
export function ProfileBadges(props: { badges: Array<HeldBadge & { holders: number }>; activeMembers: number }) {
  const { t, locale } = usePage();
  return (
    <section aria-labelledby="member-badges" class="member-badges">
      <h2 id="member-badges">{t("badges.profileTitle")}</h2>
      <ul class="badge-chips">
        {props.badges.map((held) => {
          const badge = presentBadge(held, props.activeMembers, t, locale);
          return (
            <li>
              <a href={badge.url} class={`badge badge--${badge.rarity.word}`} title={badge.description}>
                <BadgeIconMark icon={badge.icon} /> {badge.name}
              </a>{" "}
              <RarityText rarity={badge.rarity} />
              {t("badges.separator")}
              <Time date={new Date(held.awarded_at)} />
            </li>
          );
        })}
      </ul>
      <p>
        <a href="/badges">{t("badges.all")}</a>
      </p>
    </section>
  );
}
