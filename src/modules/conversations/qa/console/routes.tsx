/** /console/questions: how fast the community answers — time to first answer per question and its median. */
import type { FastifyInstance } from "fastify";
import { sendConsolePage } from "../../../../platform/console/index.ts";
import { PageHeader, Table, Time } from "../../../../platform/web/components.tsx";
import { addConsoleNav } from "../../../../platform/web/navigation.ts";
import { usePage } from "../../../../platform/web/page-context.ts";
import { median } from "../rules.ts";
import { firstAnswerTimes } from "../store.ts";

addConsoleNav({ href: "/console/questions", labelKey: "qa.console.nav", order: 160, action: "qa.manage" });

type Row = Awaited<ReturnType<typeof firstAnswerTimes>>[number];

/** A duration in the reader's language, in the largest unit that fits. */
function Duration(props: { seconds: number | null }) {
  const { t, formatNumber } = usePage();
  if (props.seconds === null) return <>{t("qa.console.notYet")}</>;
  const minutes = props.seconds / 60;
  if (minutes < 60) return <>{t("qa.console.minutes", { count: Math.round(minutes), value: formatNumber(Math.round(minutes)) })}</>;
  const hours = minutes / 60;
  if (hours < 48) return <>{t("qa.console.hours", { count: Math.round(hours), value: formatNumber(Math.round(hours)) })}</>;
  return <>{t("qa.console.days", { count: Math.round(hours / 24), value: formatNumber(Math.round(hours / 24)) })}</>;
}

function FirstAnswerPage(props: { rows: Row[] }) {
  const { t } = usePage();
  const answered = props.rows.flatMap((row) => (row.first_answer_seconds === null ? [] : [row.first_answer_seconds]));
  return (
    <>
      <PageHeader title={t("qa.console.title")} lead={t("qa.console.lead")} />
      <p>
        {t("qa.console.median")}: <strong><Duration seconds={median(answered)} /></strong>
      </p>
      <Table<Row>
        caption={t("qa.console.caption")}
        rows={props.rows}
        columns={[
          { label: t("qa.fields.title"), cell: (row) => <a href={`/questions/${row.id}`} lang={row.language} dir="auto">{row.title}</a> },
          { label: t("qa.console.asked"), cell: (row) => <Time date={row.created_at} time /> },
          { label: t("qa.console.firstAnswer"), cell: (row) => <Duration seconds={row.first_answer_seconds} /> },
          { label: t("qa.console.answers"), cell: (row) => row.answer_count, numeric: true },
        ]}
      />
    </>
  );
}

export async function qaConsoleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.hearth;
  app.get("/console/questions", { config: { access: { action: "qa.manage" } } }, async (request, reply) =>
    sendConsolePage(request, reply, <FirstAnswerPage rows={await firstAnswerTimes(db)} />, { title: request.t("qa.console.title") }),
  );
}
