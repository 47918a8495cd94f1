/**
 * The community team's side of the ladder (`/console/ladder`): the funnel, who to invest in (rising
 * creators, helpful advocates, members falling against their own pace, each with the reason), granting
 * ambassador and trust level 4, and the rules as a checked JSON document. Every change is audited.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { Value } from "typebox/value";
import { recordAudit } from "../../platform/audit/index.ts";
import { can } from "../../platform/auth/permissions.ts";
import { sendConsolePage } from "../../platform/console/index.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { conflict, notFound, unauthorized } from "../../platform/errors.ts";
import type { Translate } from "../../platform/i18n/index.ts";
import { readSetting, writeSetting } from "../../platform/settings/index.ts";
import { Button, Form, PageHeader, Table } from "../../platform/web/components.tsx";
import { addConsoleNav } from "../../platform/web/navigation.ts";
import { usePage } from "../../platform/web/page-context.ts";
import { notify } from "../../platform/notify/index.ts";
import { redirectWithFlash } from "../../platform/web/render.tsx";
import { criteriaText } from "./explain.ts";
import { ambassadorGrantChanged } from "./grants.ts";
import { addInvestAction, investActions, type InvestCandidate } from "./invest-actions.ts";
import { requestRecompute } from "./recompute.ts";
import { checkRequirement, completeMetrics, fallingAgainstBaseline, mayThankAgain, STAGES, type MembersRules } from "./rules.ts";
import { MembersRulesSchema, membersSettings } from "./settings.ts";
import { StageName } from "./views/pages.tsx";
import { LadderOverTime, type Series } from "./funnel/chart.tsx";
import { conversions, weeklySeries, weeksUpTo, type Conversion } from "./funnel/rules.ts";
import { cohorts, readWeeks } from "./funnel/weeks.ts";

addConsoleNav({ href: "/console/ladder", labelKey: "members.console.nav", order: 150, action: "members.view_private" });

const LIST = 15;
/** Candidates read for each list; the lists show the best few. */
const CANDIDATES = 500;
const RISING_DAYS = 90;

interface Candidate {
  id: number;
  name: string;
  stage: string;
  reputation: number;
  metrics: Record<string, number>;
  stage_since: Date;
}

export interface Suggestion extends InvestCandidate {
  stage: string;
}

async function candidates(db: Executor, stages: string[], order: "reputation" | "stage_since"): Promise<Candidate[]> {
  return (await db
    .selectFrom("member_scores as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .select(["a.id", "a.name", "s.stage", "s.reputation", "s.metrics", "s.stage_since"])
    .where("a.deleted_at", "is", null)
    .where("s.stage", "in", stages as never)
    .orderBy(order === "reputation" ? "s.reputation" : "s.stage_since", "desc")
    .limit(CANDIDATES)
    .execute()) as Candidate[];
}

/** The three lists of members most worth a personal touch, each with its reason in the reader's language. */
export async function whoToInvestIn(db: Executor, rules: MembersRules, t: Translate, now = new Date()) {
  const since = now.getTime() - RISING_DAYS * 86_400_000;
  const rising = (await candidates(db, ["creator"], "stage_since"))
    .filter((row) => new Date(row.stage_since).getTime() >= since)
    .slice(0, LIST)
    .map((row): Suggestion => {
      const metrics = completeMetrics(row.metrics);
      const met = rules.ladder.creator.map((option) => checkRequirement(option, metrics)).find((criteria) => criteria.every((c) => c.done)) ?? [];
      return { id: row.id, name: row.name, stage: row.stage, reason: t("members.console.risingReason", { reasons: criteriaText(t, met) }), thankedAt: null };
    });
  const helpful = (await candidates(db, ["advocate", "creator", "ambassador"], "reputation"))
    .map((row) => ({ row, metrics: completeMetrics(row.metrics) }))
    .filter(({ metrics }) => metrics.acceptedAnswers + metrics.helpfulReviews > 0)
    .sort((a, b) => b.metrics.acceptedAnswers + b.metrics.helpfulReviews - (a.metrics.acceptedAnswers + a.metrics.helpfulReviews))
    .slice(0, LIST)
    .map(({ row, metrics }): Suggestion => ({ id: row.id, name: row.name, stage: row.stage, reason: t("members.console.helpfulReason", { answers: metrics.acceptedAnswers, reviews: metrics.helpfulReviews }), thankedAt: null }));
  const falling = (await candidates(db, ["participant", "advocate", "creator", "ambassador"], "reputation"))
    .map((row) => ({ row, trend: fallingAgainstBaseline(completeMetrics(row.metrics), rules.recentDays) }))
    .filter(({ trend }) => trend.falling)
    .slice(0, LIST)
    .map(({ row, trend }): Suggestion => ({ id: row.id, name: row.name, stage: row.stage, reason: t("members.console.fallingReason", { recent: trend.recentPerMonth, earlier: trend.earlierPerMonth }), thankedAt: null }));
  const listed = [...rising, ...helpful, ...falling];
  const thanked = await lastThanks(db, listed.map((suggestion) => suggestion.id));
  for (const suggestion of listed) suggestion.thankedAt = thanked.get(suggestion.id) ?? null;
  return { rising, helpful, falling };
}

/** When the team last thanked each of the members (the thanks they were sent). */
async function lastThanks(db: Executor, ids: number[]): Promise<Map<number, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("notifications")
    .select(["account_id", (eb) => eb.fn.max("created_at").as("at")])
    .where("type", "=", "members.thanked")
    .where("account_id", "in", ids)
    .groupBy("account_id")
    .execute();
  return new Map(rows.map((row) => [row.account_id, new Date(row.at)]));
}

/** Thanking from the lists: the member is told, with the reason the team saw. */
addInvestAction({
  id: "thank",
  order: 10,
  action: "members.manage",
  render: (candidate) => <ThankButton candidate={candidate} />,
});

function ThankButton(props: { candidate: InvestCandidate }) {
  const { t, formatDate } = usePage();
  const { thankedAt } = props.candidate;
  // Once a day at most: a member thanked lately shows when instead of a button that would be refused.
  if (thankedAt && !mayThankAgain(thankedAt, new Date())) {
    return <span class="muted">{t("members.console.thankedAt", { when: formatDate(thankedAt, { time: true }) })}</span>;
  }
  return (
    <Form action={`/console/ladder/members/${props.candidate.id}/thank`} class="inline-form">
      <input type="hidden" name="reason" value={props.candidate.reason} />
      <Button size="small" variant="secondary">{t("members.console.thank")}</Button>
    </Form>
  );
}

function SuggestionTable(props: { title: string; rows: Suggestion[] }) {
  const { t, can } = usePage();
  const actions = investActions().filter((action) => can(action.action));
  return (
    <section>
      <h2>{props.title}</h2>
      <Table
        caption={props.title}
        rows={props.rows}
        empty={t("members.console.none")}
        columns={[
          { label: t("members.directory.name"), cell: (row) => <a href={`/members/${row.id}`} dir="auto">{row.name}</a> },
          { label: t("members.directory.stage"), cell: (row) => <StageName stage={row.stage} /> },
          { label: t("members.console.why"), cell: (row) => row.reason },
          ...(actions.length > 0 ? [{ label: t("members.console.actions"), cell: (row: Suggestion) => <div class="cluster">{actions.map((action) => action.render(row))}</div> }] : []),
        ]}
      />
    </section>
  );
}

/** The periods the ladder over time can show, in weeks. */
const PERIODS = [12, 26, 52] as const;

/** Members per stage for each of the last `weeks` weeks, and the conversions over the same period. */
async function ladderOverTime(db: Executor, weeks: number, now = new Date()): Promise<{ series: Series; conversions: Conversion[] }> {
  const keys = weeksUpTo(now, weeks);
  const [rows, cohortRows] = await Promise.all([readWeeks(db, keys[0]!), cohorts(db, new Date(`${keys[0]!}T00:00:00Z`))]);
  return { series: weeklySeries(rows, keys), conversions: conversions(cohortRows) };
}

function LadderPage(props: { funnel: Array<{ stage: string; count: number }>; overTime: { series: Series; conversions: Conversion[]; weeks: number }; lists: Awaited<ReturnType<typeof whoToInvestIn>>; rules: string; error: string | null; canManage: boolean }) {
  const { t, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("members.console.title")} lead={t("members.console.lead")} />
      <section>
        <h2>{t("members.console.funnel")}</h2>
        <Table caption={t("members.console.funnel")} rows={props.funnel} columns={[{ label: t("members.directory.stage"), cell: (row) => <StageName stage={row.stage} /> }, { label: t("members.console.count"), numeric: true, cell: (row) => formatNumber(row.count) }]} />
      </section>
      <LadderOverTime series={props.overTime.series} conversions={props.overTime.conversions} weeks={props.overTime.weeks} choices={PERIODS} />
      <SuggestionTable title={t("members.console.rising")} rows={props.lists.rising} />
      <SuggestionTable title={t("members.console.helpful")} rows={props.lists.helpful} />
      <SuggestionTable title={t("members.console.falling")} rows={props.lists.falling} />
      {props.canManage ? (
        <section>
          <h2>{t("members.console.rules")}</h2>
          <p>{t("members.console.rulesLead")}</p>
          <Form action="/console/ladder/rules">
            {props.error ? (
              <p class="field__error" role="alert">
                {props.error}
              </p>
            ) : null}
            <label for="field-rules">{t("members.console.rules")}</label>
            <textarea id="field-rules" name="rules" rows={24} dir="ltr" class="code">
              {props.rules}
            </textarea>
            <Button variant="primary">{t("members.console.saveRules")}</Button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

const RulesBody = Type.Object({ rules: Text({ maxLength: 50_000 }) }, { additionalProperties: false });
const LadderQuery = Type.Object({ weeks: Type.Optional(Type.Union(PERIODS.map((weeks) => Type.Literal(String(weeks))))) });
const ThankBody = Type.Object({ reason: Text({ maxLength: 500 }) }, { additionalProperties: false });
const GrantBody = Type.Object({ ambassador: Type.Optional(Type.Literal("on")), leader: Type.Optional(Type.Literal("on")) }, { additionalProperties: false });

export async function membersConsoleRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const view = { access: { action: "members.view_private" } };
  const manage = { access: { action: "members.manage" } };

  const show = async (request: FastifyRequest, reply: FastifyReply, rulesText: string | null, error: string | null, weeks: number = PERIODS[0]) => {
    const rules = await readSetting(db, membersSettings);
    const counts = await db.selectFrom("member_scores").select(["stage", (eb) => eb.fn.countAll<number>().as("count")]).groupBy("stage").execute();
    const funnel = STAGES.map((stage) => ({ stage, count: Number(counts.find((row) => row.stage === stage)?.count ?? 0) }));
    const lists = await whoToInvestIn(db, rules, request.t);
    const overTime = { ...(await ladderOverTime(db, weeks)), weeks };
    const canManage = can(request.actor, "members.manage");
    return sendConsolePage(request, reply, <LadderPage funnel={funnel} overTime={overTime} lists={lists} rules={rulesText ?? JSON.stringify(rules, null, 2)} error={error} canManage={canManage} />, { title: request.t("members.console.title"), status: error ? 400 : 200 });
  };

  app.get("/console/ladder", { config: view, schema: { querystring: LadderQuery } }, async (request, reply) => show(request, reply, null, null, Number(request.query.weeks ?? PERIODS[0])));

  app.post("/console/ladder/rules", { schema: { body: RulesBody }, config: manage }, async (request, reply) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body.rules);
    } catch {
      return show(request, reply, request.body.rules, request.t("members.console.notJson"));
    }
    if (!Value.Check(MembersRulesSchema, parsed)) {
      const first = [...Value.Errors(MembersRulesSchema, parsed)][0];
      return show(request, reply, request.body.rules, request.t("members.console.invalidRules", { path: first?.instancePath || "/", message: first?.message ?? "" }));
    }
    // writeSetting records the change in the audit log.
    await writeSetting(db, membersSettings, parsed, request.actor?.id ?? null);
    await requestRecompute(db);
    return redirectWithFlash(reply, "/console/ladder", { kind: "success", key: "members.console.rulesSaved" });
  });

  app.post("/console/ladder/members/:id/thank", { schema: { params: IdParams, body: ThankBody }, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const id = request.params.id;
    const member = await inTransaction(db, async (tx) => {
      // The member's row lock: two of the team clicking at once thank once.
      const row = await tx.selectFrom("accounts").select(["id", "name"]).where("id", "=", id).where("deleted_at", "is", null).forUpdate().executeTakeFirst();
      if (!row) throw notFound("member_not_found", "members.errors.notFound");
      const last = await tx.selectFrom("notifications").select("created_at").where("account_id", "=", id).where("type", "=", "members.thanked").orderBy("created_at", "desc").limit(1).executeTakeFirst();
      if (!mayThankAgain(last?.created_at ?? null, new Date())) throw conflict("already_thanked", "members.errors.alreadyThanked", { name: row.name });
      await notify(tx, { accountId: id, type: "members.thanked", params: { reason: request.body.reason }, url: `/members/${id}` });
      await recordAudit(tx, { actorId: actor.id, action: "members.thanked", subjectType: "account", subjectId: String(id), details: { reason: request.body.reason }, ip: request.ip });
      return row;
    });
    return redirectWithFlash(reply, "/console/ladder", { kind: "success", key: "members.console.thanked", params: { name: member.name } });
  });

  app.post("/console/ladder/members/:id/grants", { schema: { params: IdParams, body: GrantBody }, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const id = request.params.id;
    const ambassador = request.body.ambassador === "on";
    const granted = request.body.leader === "on" ? 4 : null;
    await inTransaction(db, async (tx) => {
      const row = await tx.selectFrom("member_scores").select(["ambassador", "trust_granted"]).where("account_id", "=", id).forUpdate().executeTakeFirst();
      if (!row) throw notFound("member_not_found", "members.errors.notFound");
      await tx.updateTable("member_scores").set({ ambassador, trust_granted: granted }).where("account_id", "=", id).execute();
      // The ambassador programme starts or ends the membership that goes with the flag.
      if (row.ambassador !== ambassador) await ambassadorGrantChanged(tx, actor, id, ambassador, new Date());
      await recordAudit(tx, { actorId: actor.id, action: "members.grants", subjectType: "account", subjectId: String(id), details: { ambassador: { from: row.ambassador, to: ambassador }, trustGranted: { from: row.trust_granted, to: granted } }, ip: request.ip });
    });
    await requestRecompute(db);
    return redirectWithFlash(reply, `/members/${id}`, { kind: "success", key: "members.console.grantsSaved" });
  });
}
