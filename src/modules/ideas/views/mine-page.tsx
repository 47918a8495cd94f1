/** /ideas/mine: the member's own ideas in every state, those waiting on them first. */
import { EmptyState, LinkButton, PageHeader, Table, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { canEditIdea } from "../policy.ts";
import type { IdeaView } from "./model.ts";
import { StateBadge } from "./standing.tsx";

/** The member's ideas as a table, with an edit link where they may still edit. */
export function MyIdeasPage(props: { ideas: Array<IdeaView & { updatedAt: Date }> }) {
  const { t, actor, formatNumber } = usePage();
  return (
    <>
      <PageHeader
        title={t("ideas.mine.title")}
        lead={t("ideas.mine.lead")}
        actions={
          <LinkButton href="/ideas/new" variant="primary">
            {t("ideas.new.action")}
          </LinkButton>
        }
      />
      {props.ideas.length === 0 ? (
        <EmptyState title={t("ideas.mine.empty")}>
          <p>
            <a href="/ideas/new">{t("ideas.new.action")}</a>
          </p>
        </EmptyState>
      ) : (
        <Table
          caption={t("ideas.mine.title")}
          rows={props.ideas}
          columns={[
            {
              label: t("ideas.fields.title"),
              cell: (idea) => (
                <a href={`/ideas/${idea.row.id}`} lang={idea.row.language} dir="auto">
                  {idea.row.title}
                </a>
              ),
            },
            { label: t("ideas.mine.state"), cell: (idea) => <StateBadge state={idea.standing.state} /> },
            { label: t("ideas.mine.supporters"), numeric: true, cell: (idea) => formatNumber(idea.row.verified_supporters) },
            { label: t("ideas.mine.pending"), numeric: true, cell: (idea) => formatNumber(idea.row.pending_supporters) },
            { label: t("ideas.mine.updated"), cell: (idea) => <Time date={idea.updatedAt} /> },
            {
              label: t("ideas.mine.actions"),
              cell: (idea) =>
                canEditIdea(actor, { creator_id: idea.row.creator_id, state: idea.standing.state }) ? (
                  <a href={`/ideas/${idea.row.id}/edit`}>{t("ideas.edit.action")}</a>
                ) : null,
            },
          ]}
        />
      )}
    </>
  );
}
