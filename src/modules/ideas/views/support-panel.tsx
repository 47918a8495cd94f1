/**
 * The idea page's side panel: progress to the next milestone, supporters, and what the reader can
 * do — support (with the optional survey), withdraw, sign in to support, follow or unfollow.
 */
import type { FieldErrors } from "../../../platform/errors.ts";
import { Button, ErrorSummary, Field, Form, LinkButton } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { SelectField } from "./fields.tsx";
import type { IdeaView } from "./model.ts";
import { MilestoneProgress, SupporterCounts } from "./standing.tsx";

export const WOULD_BUY = ["yes", "maybe", "no"] as const;
export const PRICE_BANDS = ["under_25", "25_50", "50_100", "100_200", "over_200"] as const;
/** The most a supporter may say they would buy (the database allows 1–20). */
export const SURVEY_MAX_QUANTITY = 20;

export interface SupportForm {
  values: { wouldBuy: string; priceBand: string; quantity: string };
  errors?: FieldErrors | undefined;
}

export interface Viewer {
  isCreator: boolean;
  support: "verified" | "pending" | null;
  following: boolean;
}

function SupportSurvey(props: { form: SupportForm | undefined }) {
  const { t } = usePage();
  const values = props.form?.values ?? { wouldBuy: "", priceBand: "", quantity: "" };
  const errors = props.form?.errors;
  const none = { value: "", label: t("ideas.survey.noAnswer") };
  return (
    <fieldset class="idea-survey">
      <legend>{t("ideas.survey.legend")}</legend>
      <SelectField name="wouldBuy" label={t("ideas.survey.wouldBuy")} value={values.wouldBuy} errors={errors} options={[none, ...WOULD_BUY.map((answer) => ({ value: answer, label: t(`ideas.survey.answers.${answer}`) }))]} />
      <SelectField name="priceBand" label={t("ideas.survey.priceBand")} value={values.priceBand} errors={errors} options={[none, ...PRICE_BANDS.map((band) => ({ value: band, label: t(`ideas.survey.bands.${band}`) }))]} />
      <Field name="quantity" type="number" label={t("ideas.survey.quantity")} hint={t("ideas.survey.quantityHint", { max: SURVEY_MAX_QUANTITY })} value={values.quantity} errors={errors} maxLength={2} />
    </fieldset>
  );
}

function SupportAction(props: { id: number; viewer: Viewer | null; form: SupportForm | undefined }) {
  const { t } = usePage();
  const { viewer } = props;
  if (!viewer) {
    return (
      <LinkButton href={`/sign-in?returnTo=${encodeURIComponent(`/ideas/${props.id}`)}`} variant="primary" class="idea-panel__cta">
        {t("ideas.support.signIn")}
      </LinkButton>
    );
  }
  if (viewer.isCreator) return <p class="muted">{t("ideas.support.ownIdea")}</p>;
  if (viewer.support) {
    return (
      <>
        <p class="idea-panel__supported">{t(viewer.support === "pending" ? "ideas.support.youSupportPending" : "ideas.support.youSupport")}</p>
        <Form action={`/ideas/${props.id}/withdraw`} class="idea-panel__form">
          <Button variant="secondary">{t("ideas.support.withdraw")}</Button>
        </Form>
      </>
    );
  }
  return (
    <Form action={`/ideas/${props.id}/support`} class="form idea-panel__form" aria-label={t("ideas.support.action")}>
      <ErrorSummary errors={props.form?.errors} />
      <SupportSurvey form={props.form} />
      <Button class="idea-panel__cta">{t("ideas.support.action")}</Button>
    </Form>
  );
}

function FollowAction(props: { id: number; viewer: Viewer | null }) {
  const { t } = usePage();
  if (!props.viewer || props.viewer.isCreator) return null;
  const following = props.viewer.following;
  return (
    <Form action={`/ideas/${props.id}/${following ? "unfollow" : "follow"}`} class="idea-panel__form idea-panel__follow">
      <p class="muted">{t(following ? "ideas.follow.following" : "ideas.follow.hint")}</p>
      <Button variant="secondary" size="small">
        {t(following ? "ideas.follow.unfollow" : "ideas.follow.follow")}
      </Button>
    </Form>
  );
}

/** The panel beside a public idea. */
export function SupportPanel(props: { idea: IdeaView; viewer: Viewer | null; form: SupportForm | undefined }) {
  const { t } = usePage();
  const { row, standing } = props.idea;
  return (
    <section class="panel idea-panel" aria-labelledby="idea-panel-title">
      <h2 id="idea-panel-title" class="idea-panel__title">
        {t("ideas.support.title")}
      </h2>
      <MilestoneProgress id={`idea-${row.id}`} verified={row.verified_supporters} next={standing.next} />
      <SupporterCounts verified={row.verified_supporters} pending={row.pending_supporters} withProgress={standing.next !== null} explain />
      {standing.state === "open" ? <SupportAction id={row.id} viewer={props.viewer} form={props.form} /> : <p class="muted">{t("ideas.support.closed")}</p>}
      <FollowAction id={row.id} viewer={props.viewer} />
    </section>
  );
}
