/** One idea in a list: title, creator, category, state, progress to the next milestone and supporters. */
import { Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { localName, type IdeaView } from "./model.ts";
import { MilestoneProgress, StateBadge, StatusBadge, SupporterCounts } from "./standing.tsx";

/** An idea's card in a grid. */
export function IdeaCard(props: { idea: IdeaView }) {
  const { t, locale } = usePage();
  const { row, standing, category, status } = props.idea;
  return (
    <li class="card idea-card">
      <div class="idea-card__badges">
        <StateBadge state={standing.state} />
        <StatusBadge status={status} />
      </div>
      <h3 class="idea-card__title">
        <a class="card__link" href={`/ideas/${row.id}`} lang={row.language} dir="auto">
          {row.title}
        </a>
      </h3>
      <p class="idea-card__meta">
        <span>{t("ideas.byCreator", { name: row.creator_name })}</span>
        {category ? <span>{localName(category.names, locale, category.slug)}</span> : null}
      </p>
      {row.decided_at ? (
        <p class="idea-card__meta">
          {t("ideas.decidedOn")} <Time date={row.decided_at} />
        </p>
      ) : null}
      <div class="idea-card__footer">
        <MilestoneProgress id={`idea-${row.id}`} verified={row.verified_supporters} next={standing.next} brief />
        <SupporterCounts verified={row.verified_supporters} pending={row.pending_supporters} withProgress={standing.next !== null} />
      </div>
    </li>
  );
}

/** A grid of idea cards. */
export function IdeaGrid(props: { ideas: IdeaView[]; label: string }) {
  return (
    <ul class="card-grid idea-grid" aria-label={props.label}>
      {props.ideas.map((idea) => (
        <IdeaCard idea={idea} />
      ))}
    </ul>
  );
}
