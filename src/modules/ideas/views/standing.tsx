/** Where an idea stands, as small pieces the list, the idea page and the roadmap share. */
import { Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { IdeaStanding } from "../presenters.ts";
import type { IdeaState } from "../rules.ts";
import { localName, stateTone, type DisplayStatus } from "./model.ts";

/** The lifecycle state as a coloured badge. */
export function StateBadge(props: { state: IdeaState }) {
  const { t } = usePage();
  return <span class={`badge badge--${stateTone(props.state)}`}>{t(`ideas.states.${props.state}`)}</span>;
}

/** The site's own display status (e.g. "Under consideration"), when the idea has one. */
export function StatusBadge(props: { status: DisplayStatus | null }) {
  const { t, locale } = usePage();
  if (!props.status) return null;
  return (
    <span class={`badge badge--${props.status.tone} idea-status`}>
      <span class="visually-hidden">{t("ideas.status")}: </span>
      {localName(props.status.names, locale, props.status.slug)}
    </span>
  );
}

/**
 * The bar to the next milestone with its words ("312 of 1,000 supporters"), which name the bar for
 * screen readers; nothing when the idea is not gathering support. `brief` (for cards in a list)
 * leaves out the deadline's date: the days left say it, and the idea's page has the date.
 */
export function MilestoneProgress(props: { id: string; verified: number; next: IdeaStanding["next"]; brief?: boolean }) {
  const { t, formatNumber } = usePage();
  const { next } = props;
  if (!next) return null;
  const labelId = `${props.id}-progress`;
  const value = Math.min(props.verified, next.target);
  return (
    <div class="idea-progress">
      <p class="idea-progress__label" id={labelId}>
        {t("ideas.progress.ofTarget", { verified: props.verified, target: next.target })}
      </p>
      <progress max={next.target} value={value} aria-labelledby={labelId}>
        {formatNumber(value / next.target, { style: "percent" })}
      </progress>
      <p class="idea-progress__deadline">
        <strong>{t("ideas.progress.daysLeft", { days: next.daysLeft })}</strong>
        {props.brief ? null : (
          <>
            {" "}
            <span class="muted">
              {t("ideas.progress.deadline")} <Time date={next.deadline} />
            </span>
          </>
        )}
      </p>
    </div>
  );
}

/**
 * Verified supporters, and pending ones apart, since only the verified count decides milestones.
 * `withProgress` leaves out the verified count that the progress bar's words already give.
 */
export function SupporterCounts(props: { verified: number; pending: number; withProgress: boolean; explain?: boolean }) {
  const { t } = usePage();
  if (props.withProgress && props.pending === 0) return null;
  return (
    <p class="idea-supporters">
      {props.withProgress ? null : <span class="idea-supporters__verified">{t("ideas.supporters.verified", { count: props.verified })}</span>}
      {props.pending > 0 ? <span class="idea-supporters__pending">{t("ideas.supporters.pending", { count: props.pending })}</span> : null}
      {props.explain && props.pending > 0 ? <span class="idea-supporters__hint muted">{t("ideas.supporters.pendingHint")}</span> : null}
    </p>
  );
}
