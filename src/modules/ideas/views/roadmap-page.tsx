/** /roadmap: the public roadmap — approved ideas, then those in review and on hold, grouped by state. */
import { EmptyState, PageHeader } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { IdeaState } from "../rules.ts";
import { IdeaGrid } from "./idea-card.tsx";
import type { IdeaView } from "./model.ts";

export const ROADMAP_STATES = ["approved", "in_review", "on_hold"] as const satisfies readonly IdeaState[];

/** The roadmap: one section per state that has ideas. */
export function RoadmapPage(props: { groups: Array<{ state: (typeof ROADMAP_STATES)[number]; ideas: IdeaView[] }> }) {
  const { t } = usePage();
  const empty = props.groups.every((group) => group.ideas.length === 0);
  return (
    <>
      <PageHeader title={t("ideas.roadmap.title")} lead={t("ideas.roadmap.lead")} />
      {empty ? <EmptyState title={t("ideas.roadmap.empty")} /> : null}
      {props.groups
        .filter((group) => group.ideas.length > 0)
        .map((group) => (
          <section class="roadmap-group" aria-labelledby={`roadmap-${group.state}`}>
            <h2 id={`roadmap-${group.state}`}>{t(`ideas.roadmap.groups.${group.state}`)}</h2>
            <IdeaGrid ideas={group.ideas} label={t(`ideas.roadmap.groups.${group.state}`)} />
          </section>
        ))}
    </>
  );
}
