/** The moderation queue: submitted ideas, oldest first, each with its description, images and a decision form. */
import { pageHref, type Page } from "../../../platform/console/index.ts";
import type { FieldErrors } from "../../../platform/errors.ts";
import { Button, EmptyState, ErrorSummary, Form, PageHeader, Pagination, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { imageUrl, thumbnailName } from "../presenters.ts";
import type { Category } from "../views/model.ts";
import { TextControl } from "./fields.tsx";
import { CategoryName, CreatorName, Fact, GuidelinesPanel, IdeaLink, LanguageName, Markdown, RecordNumber } from "./idea-bits.tsx";
import type { ModerationRow } from "./queries.ts";

type Image = { file_name: string; width: number; height: number; alt: string };

/** The idea whose form was sent back with errors, and what was typed in it. */
export interface ModerationFormState {
  ideaId: number;
  errors: FieldErrors;
  note: string;
}

function Images(props: { ideaId: number; images: Image[] }) {
  const { t } = usePage();
  if (props.images.length === 0) return <p class="muted">{t("ideasConsole.moderation.noImages")}</p>;
  return (
    <ul class="ideas-console-images" aria-label={t("ideasConsole.moderation.images")}>
      {props.images.map((image) => (
        <li>
          <a href={imageUrl(props.ideaId, image.file_name)}>
            <img src={imageUrl(props.ideaId, thumbnailName(image.file_name))} alt={image.alt} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}

function DecisionForm(props: { ideaId: number; page: number; form: ModerationFormState | undefined }) {
  const { t } = usePage();
  const mine = props.form?.ideaId === props.ideaId ? props.form : undefined;
  return (
    <Form action={`/console/ideas/moderation/${props.ideaId}`} aria-label={t("ideasConsole.moderation.decide")}>
      {props.page > 1 ? <input type="hidden" name="page" value={String(props.page)} /> : null}
      <TextControl
        field={`note-${props.ideaId}`}
        name="note"
        label={t("ideasConsole.moderation.note")}
        hint={t("ideasConsole.moderation.noteHint")}
        multiline
        rows={3}
        maxLength={5000}
        value={mine?.note}
        errors={mine?.errors}
      />
      <div class="button-row">
        <Button name="decision" value="approve">
          {t("ideasConsole.moderation.approve")}
        </Button>
        <Button name="decision" value="request_changes" variant="secondary">
          {t("ideasConsole.moderation.requestChanges")}
        </Button>
        <Button name="decision" value="reject" variant="danger">
          {t("ideasConsole.moderation.reject")}
        </Button>
      </div>
    </Form>
  );
}

function Submission(props: { idea: ModerationRow; page: number; images: Image[]; categories: Category[]; form: ModerationFormState | undefined }) {
  const { t } = usePage();
  const { idea } = props;
  const titleId = `idea-${idea.id}-title`;
  return (
    <article class="panel ideas-console-item" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <IdeaLink id={idea.id} title={idea.title} language={idea.language} /> <RecordNumber id={idea.id} />
      </h2>
      <dl class="facts">
        <Fact term={t("ideasConsole.common.creator")}>
          <CreatorName id={idea.creator_id} name={idea.creator_name} />
        </Fact>
        <Fact term={t("ideasConsole.common.language")}>
          <LanguageName code={idea.language} />
        </Fact>
        <Fact term={t("ideasConsole.common.category")}>
          <CategoryName categories={props.categories} id={idea.category_id} />
        </Fact>
        <Fact term={t("ideasConsole.moderation.submitted")}>
          <Time date={idea.submitted_at ?? idea.created_at} time />
        </Fact>
        {idea.resubmission_of ? (
          <Fact term={t("ideasConsole.moderation.resubmissionOf")}>
            <a href={`/ideas/${idea.resubmission_of}`}>#{idea.resubmission_of}</a>
          </Fact>
        ) : null}
        {idea.moderation_note ? (
          <Fact term={t("ideasConsole.moderation.previousNote")}>
            <span dir="auto">{idea.moderation_note}</span>
          </Fact>
        ) : null}
      </dl>
      <h3 class="visually-hidden">{t("ideasConsole.moderation.description")}</h3>
      {/* A long description scrolls inside its box, so the decision form stays near the title. */}
      <div class="ideas-console-preview" tabIndex={0} role="region" aria-label={t("ideasConsole.moderation.description")}>
        <Markdown source={idea.body} language={idea.language} />
      </div>
      <Images ideaId={idea.id} images={props.images} />
      <DecisionForm ideaId={idea.id} page={props.page} form={props.form} />
    </article>
  );
}

/** The moderation queue page; `form` carries a decision sent back with errors. */
export function ModerationPage(props: { queue: Page<ModerationRow>; total: number; images: Map<number, Image[]>; categories: Category[]; guidelines: Record<string, string>; form?: ModerationFormState }) {
  const { t } = usePage();
  const { queue } = props;
  return (
    <>
      <PageHeader title={t("ideasConsole.moderation.title")} lead={t("ideasConsole.moderation.lead")} />
      <ErrorSummary errors={props.form?.errors} />
      <div class="ideas-console-split">
        <div class="stack">
          {queue.rows.length === 0 ? (
            <EmptyState title={t("ideasConsole.moderation.empty")} />
          ) : (
            <p class="muted">{t("ideasConsole.moderation.count", { count: props.total })}</p>
          )}
          {queue.rows.map((idea) => (
            <Submission idea={idea} page={queue.page} images={props.images.get(idea.id) ?? []} categories={props.categories} form={props.form} />
          ))}
          <Pagination page={queue.page} hasNext={queue.hasNext} pageHref={(n) => pageHref("/console/ideas/moderation", {}, n)} />
        </div>
        <GuidelinesPanel guidelines={props.guidelines} />
      </div>
    </>
  );
}
