/**
 * What the idea's current state means for the reader, and what they can do about it: the
 * moderator's note and an edit link for the creator, resubmission after expiry, the review period,
 * the decision with its public note.
 */
import type { ComponentChildren } from "preact";
import { Button, Form, LinkButton, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { productOfIdeaHref } from "../../products/index.ts";
import type { IdeaState } from "../rules.ts";

export interface StateFacts {
  id: number;
  state: IdeaState;
  isCreator: boolean;
  /** The creator or a moderator: may see the moderator's note on a hidden idea. */
  isInsider: boolean;
  moderationNote: string | null;
  decisionNote: string | null;
  /** The milestone the idea missed, for an expired idea. */
  missedTarget: number | null;
  /** When the idea's review period closes, for an idea in review. */
  reviewCutoff: Date | null;
  /** Expired ideas can be resubmitted once: true while that is still possible. */
  canResubmit: boolean;
  resubmittedAs: number | null;
}

function Note(props: { label: string; text: string | null }) {
  if (!props.text) return null;
  return (
    <blockquote class="idea-note" dir="auto">
      <p class="idea-note__label">{props.label}</p>
      <p class="idea-note__text">{props.text}</p>
    </blockquote>
  );
}

function Explanation(props: { tone: "info" | "success" | "warning" | "error"; text: string; children?: ComponentChildren }) {
  return (
    <div class={`alert alert--${props.tone} idea-state`} role="status">
      <p>{props.text}</p>
      {props.children}
    </div>
  );
}

/** The explanation of the idea's state, or nothing while it simply gathers support. */
export function StateExplanation(props: { facts: StateFacts }) {
  const { t } = usePage();
  const { facts } = props;
  const editLink = facts.isCreator ? (
    <p>
      <LinkButton href={`/ideas/${facts.id}/edit`} variant="primary" size="small">
        {t("ideas.edit.action")}
      </LinkButton>
    </p>
  ) : null;
  switch (facts.state) {
    case "draft":
      return <Explanation tone="info" text={t("ideas.explain.draft")}>{editLink}</Explanation>;
    case "in_moderation":
      return <Explanation tone="info" text={t("ideas.explain.in_moderation")} />;
    case "changes_requested":
      return (
        <Explanation tone="warning" text={t("ideas.explain.changes_requested")}>
          {facts.isInsider ? <Note label={t("ideas.explain.moderatorNote")} text={facts.moderationNote} /> : null}
          {editLink}
        </Explanation>
      );
    case "rejected":
      return (
        <Explanation tone="error" text={t("ideas.explain.rejected")}>
          {facts.isInsider ? <Note label={t("ideas.explain.moderatorNote")} text={facts.moderationNote} /> : null}
        </Explanation>
      );
    case "open":
      return null;
    case "expired":
      return (
        <Explanation tone="info" text={t("ideas.explain.expired", { target: facts.missedTarget ?? 0 })}>
          {facts.isCreator && facts.canResubmit ? (
            <Form action={`/ideas/${facts.id}/resubmit`} class="idea-state__form">
              <p class="muted">{t("ideas.explain.resubmitHint")}</p>
              <Button variant="primary" size="small">
                {t("ideas.explain.resubmit")}
              </Button>
            </Form>
          ) : null}
          {facts.resubmittedAs !== null ? (
            <p>
              <a href={`/ideas/${facts.resubmittedAs}`}>{t("ideas.explain.resubmittedAs")}</a>
            </p>
          ) : null}
        </Explanation>
      );
    case "in_review":
      return (
        <Explanation tone="info" text={t("ideas.explain.in_review")}>
          {facts.reviewCutoff ? (
            <p>
              {t("ideas.explain.reviewPeriod")} <Time date={facts.reviewCutoff} />
            </p>
          ) : null}
        </Explanation>
      );
    case "approved":
      return (
        <Explanation tone="success" text={t("ideas.explain.approved")}>
          <Note label={t("ideas.explain.decisionNote")} text={facts.decisionNote} />
          <p>
            <a href={productOfIdeaHref(facts.id)}>{t("products.fromIdea")}</a>
          </p>
        </Explanation>
      );
    case "not_approved":
    case "on_hold":
      return (
        <Explanation tone={facts.state === "on_hold" ? "warning" : "info"} text={t(`ideas.explain.${facts.state}`)}>
          <Note label={t("ideas.explain.decisionNote")} text={facts.decisionNote} />
        </Explanation>
      );
    case "merged":
      return null;
  }
}
