/** The supporters' survey of one idea, aggregated for reviewers: a table with a bar per answer. */
import { usePage } from "../../../platform/web/page-context.ts";
import { PRICE_BANDS, WOULD_BUY } from "../views/support-panel.tsx";

/** A row of surveySummary (store.ts): how many supporters gave an answer to a question. */
export interface SurveyCount {
  question: string;
  answer: string;
  count: number;
}

function count(rows: SurveyCount[], question: string, answer: string): number {
  return rows.find((row) => row.question === question && row.answer === answer)?.count ?? 0;
}

function AnswerRows(props: { heading: string; answers: Array<{ label: string; count: number }> }) {
  const { t, formatNumber } = usePage();
  const total = props.answers.reduce((sum, answer) => sum + answer.count, 0);
  return (
    <tbody>
      <tr>
        <th scope="rowgroup" colSpan={3} class="ideas-console-survey__group">
          {props.heading} <span class="muted">{t("ideasConsole.survey.answered", { count: total })}</span>
        </th>
      </tr>
      {props.answers.map((answer) => {
        const share = total === 0 ? 0 : answer.count / total;
        return (
          <tr>
            <th scope="row">{answer.label}</th>
            <td class="numeric">{formatNumber(answer.count)}</td>
            <td>
              {/* The bar repeats the percentage beside it, so screen readers hear the number once. */}
              <div class="ideas-console-survey__share">
                <meter min={0} max={1} value={share} aria-hidden="true" />
                <span>{formatNumber(share, { style: "percent" })}</span>
              </div>
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

/** The survey table of one idea, or a note that nobody answered yet. */
export function SurveySummary(props: { rows: SurveyCount[]; labelledBy: string }) {
  const { t, formatNumber } = usePage();
  const { rows } = props;
  if (rows.every((row) => row.question === "quantity" && row.count === 0)) return <p class="muted">{t("ideasConsole.survey.none")}</p>;
  return (
    <div class="table-wrap ideas-console-survey-wrap">
      <table class="table ideas-console-survey" aria-labelledby={props.labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t("ideasConsole.survey.answer")}</th>
            <th scope="col" class="numeric">
              {t("ideasConsole.survey.supporters")}
            </th>
            <th scope="col">{t("ideasConsole.survey.share")}</th>
          </tr>
        </thead>
        <AnswerRows heading={t("ideasConsole.survey.wouldBuy")} answers={WOULD_BUY.map((answer) => ({ label: t(`ideas.survey.answers.${answer}`), count: count(rows, "wouldBuy", answer) }))} />
        <AnswerRows heading={t("ideasConsole.survey.priceBand")} answers={PRICE_BANDS.map((band) => ({ label: t(`ideas.survey.bands.${band}`), count: count(rows, "priceBand", band) }))} />
        <tfoot>
          <tr>
            <th scope="row">{t("ideasConsole.survey.quantity")}</th>
            <td class="numeric">{formatNumber(count(rows, "quantity", "total"))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
