/**
 * The moderators' queue in the console: flagged content (auto-hidden first) and first posts waiting for
 * approval, each with a decision form; and the edit history of a subject as word diffs.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Actor } from "../../platform/auth/permissions.ts";
import { sendConsolePage } from "../../platform/console/index.ts";
import { IdParams } from "../../platform/console/schemas.ts";
import { AppError } from "../../platform/errors.ts";
import { Button, EmptyState, Form, PageHeader, Time } from "../../platform/web/components.tsx";
import { addConsoleNav } from "../../platform/web/navigation.ts";
import { usePage } from "../../platform/web/page-context.ts";
import { redirectWithFlash } from "../../platform/web/render.tsx";
import { revisionDiff, type DiffPart } from "./rules.ts";
import { decideCase, moderationQueue, revisionsOf, type QueueEntry } from "./service.ts";

addConsoleNav({ href: "/console/moderation", labelKey: "moderation.nav", order: 150, action: "moderation.review" });

const access = { action: "moderation.review" };
const QUEUE = "/console/moderation";
const DecisionBody = Type.Object({ decision: Type.Union([Type.Literal("keep"), Type.Literal("hide"), Type.Literal("approve"), Type.Literal("reject")]) }, { additionalProperties: false });
const HistoryParams = Type.Object({ type: Type.String({ pattern: "^[a-z][a-z.]{0,39}$" }), id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

function QueueItem(props: { entry: QueueEntry }) {
  const { t } = usePage();
  const entry = props.entry;
  const decisions = entry.kind === "approval" ? (["approve", "reject"] as const) : (["keep", "hide"] as const);
  return (
    <li class="card moderation-case" id={`case-${entry.id}`}>
      <p class="muted">
        {t(`moderation.kind.${entry.kind}`)} · {t(`moderation.types.${entry.subjectType.replace(".", "_")}`)} · <Time date={entry.openedAt} time />
        {entry.autoHidden ? <strong> · {t("moderation.autoHidden")}</strong> : null}
      </p>
      <h3 dir="auto">
        <a href={entry.url}>{entry.title}</a>
      </h3>
      <p dir="auto">{entry.excerpt}</p>
      <p class="muted">
        {t("moderation.author", { name: `\u2068${entry.authorName}\u2069` })}
        {entry.kind === "flagged" ? ` · ${t("moderation.weight", { weight: entry.flagWeight })}` : ""}
        {entry.reasons.map((reason) => ` · ${t(`moderation.reasons.${reason.reason}`)} × ${reason.count}`).join("")}
      </p>
      <p>
        <a href={`${QUEUE}/history/${encodeURIComponent(entry.subjectType)}/${entry.subjectId}`}>{t("moderation.history.link")}</a> ·{" "}
        <a href={`/console/members/${entry.authorId}`}>{t("moderation.authorAccount")}</a>
      </p>
      <Form action={`${QUEUE}/cases/${entry.id}`} class="form form--inline">
        {decisions.map((decision) => (
          <Button name="decision" value={decision} variant={decision === "hide" || decision === "reject" ? "danger" : "primary"} size="small">
            {t(`moderation.decisions.${decision}`)}
          </Button>
        ))}
      </Form>
    </li>
  );
}

function QueuePage(props: { entries: QueueEntry[] }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("moderation.queue.title")} lead={t("moderation.queue.lead")} />
      {props.entries.length === 0 ? <EmptyState title={t("moderation.queue.empty")} /> : <ul class="stack list-plain">{props.entries.map((entry) => <QueueItem entry={entry} />)}</ul>}
    </>
  );
}

function Diff(props: { parts: DiffPart[] }) {
  return (
    <p dir="auto" class="revision-diff">
      {props.parts.map((part) => (part.change === "added" ? <ins>{part.text}</ins> : part.change === "removed" ? <del>{part.text}</del> : <span>{part.text}</span>))}
    </p>
  );
}

function HistoryPage(props: { revisions: Awaited<ReturnType<typeof revisionsOf>> }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("moderation.history.title")} />
      {props.revisions.length === 0 ? (
        <EmptyState title={t("moderation.history.empty")} />
      ) : (
        <ol class="stack">
          {props.revisions.map((revision, index) => {
            const before = props.revisions[index - 1];
            return (
              <li>
                <p class="muted">
                  {revision.editor_name} · <Time date={revision.created_at} time />
                </p>
                {revision.title !== null ? <Diff parts={revisionDiff(before?.title ?? "", revision.title)} /> : null}
                <Diff parts={revisionDiff(before?.body ?? "", revision.body)} />
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

export async function moderationConsoleRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get(QUEUE, { config: { access } }, async (request, reply) =>
    sendConsolePage(request, reply, <QueuePage entries={await moderationQueue(db)} />, { title: request.t("moderation.queue.title") }),
  );

  app.get(`${QUEUE}/history/:type/:id`, { config: { access }, schema: { params: HistoryParams } }, async (request, reply) =>
    sendConsolePage(request, reply, <HistoryPage revisions={await revisionsOf(db, request.params.type, request.params.id)} />, { title: request.t("moderation.history.title") }),
  );

  app.post(`${QUEUE}/cases/:id`, { config: { access }, schema: { params: IdParams, body: DecisionBody } }, async (request, reply) => {
    try {
      await decideCase(db, request.actor as Actor, request.params.id, request.body.decision, { ip: request.ip });
    } catch (error) {
      if (error instanceof AppError && (error.kind === "conflict" || error.kind === "invalid")) return redirectWithFlash(reply, QUEUE, { kind: "error", key: error.messageKey });
      throw error;
    }
    return redirectWithFlash(reply, QUEUE, { kind: "success", key: `moderation.done.${request.body.decision}` });
  });
}
