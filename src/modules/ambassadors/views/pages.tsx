/** The programme's member pages: the public page with the nomination form, the agreement, the ambassador-only space and its refusal. */
import type { FieldErrors } from "../../../platform/errors.ts";
import { renderMarkdown } from "../../../platform/markdown/index.ts";
import { Button, EmptyState, ErrorSummary, Field, Form, LinkButton, PageHeader, Time } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import { isOverdue, LINK_MAX, REASON_MAX, type MembershipState } from "../rules.ts";
import type { AmbassadorListItem, SpaceTask } from "../store.ts";

/** Member or staff Markdown, rendered and sanitised. */
export function Markdown(props: { source: string }) {
  return <div class="markdown" dir="auto" dangerouslySetInnerHTML={{ __html: renderMarkdown(props.source) }} />;
}

function People(props: { people: AmbassadorListItem[]; empty: string }) {
  const { t } = usePage();
  if (props.people.length === 0) return <EmptyState title={props.empty} />;
  return (
    <ul class="card-grid">
      {props.people.map((person) => (
        <li class="card" key={person.id}>
          <h3>
            <a href={`/members/${person.id}`} dir="auto">
              {person.name}
            </a>
          </h3>
          <p>
            {t("ambassadors.since")} <Time date={person.since} />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The reader's own place in the programme, with the one thing to do next. */
export interface OwnStatus {
  state: MembershipState;
  agreed: boolean;
  expiresAt: Date | null;
  daysLeft: number;
}

function StatusPanel(props: { status: OwnStatus }) {
  const { t } = usePage();
  const { state, agreed } = props.status;
  if (state === "ended" || state === "lapsed") return <p class="alert alert--info">{t("ambassadors.status.lapsed")}</p>;
  if (!agreed)
    return (
      <div class="alert alert--info">
        <p>{t("ambassadors.status.awaitingAgreement")}</p>
        <LinkButton href="/ambassadors/agreement" variant="primary">
          {t("ambassadors.agreement.read")}
        </LinkButton>
      </div>
    );
  return (
    <div class="alert alert--success">
      <p>{state === "due" ? t("ambassadors.status.due", { days: props.status.daysLeft }) : t("ambassadors.status.active")}</p>
      <div class="cluster">
        <LinkButton href="/ambassadors/space" variant="primary">
          {t("ambassadors.space.title")}
        </LinkButton>
        {state === "due" ? <LinkButton href="/ambassadors/agreement">{t("ambassadors.agreement.renew")}</LinkButton> : null}
      </div>
    </div>
  );
}

export interface NominationFormValues {
  nominee: string;
  reason: string;
}

/** The public page: who the ambassadors are, how to be nominated, and the form for those who may nominate. */
export function AmbassadorsPage(props: { ambassadors: AmbassadorListItem[]; status: OwnStatus | null; signedIn: boolean; mayNominate: boolean; values: NominationFormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.title")} lead={t("ambassadors.lead")} />
      {props.status ? <StatusPanel status={props.status} /> : null}
      <section>
        <h2>{t("ambassadors.list.title")}</h2>
        <People people={props.ambassadors} empty={t("ambassadors.list.empty")} />
      </section>
      <section>
        <h2>{t("ambassadors.how.title")}</h2>
        <p>{t("ambassadors.how.body")}</p>
        {!props.signedIn ? (
          <p>
            <a href="/sign-in?returnTo=%2Fambassadors">{t("ambassadors.how.signIn")}</a>
          </p>
        ) : props.mayNominate ? (
          <Form action="/ambassadors/nominations" aria-label={t("ambassadors.nominate.title")}>
            <h3>{t("ambassadors.nominate.title")}</h3>
            <ErrorSummary errors={props.errors} />
            <Field name="nominee" label={t("ambassadors.nominate.nominee")} hint={t("ambassadors.nominate.nomineeHint")} value={props.values.nominee} errors={props.errors} maxLength={200} dir="ltr" />
            <Field name="reason" label={t("ambassadors.nominate.reason")} hint={t("ambassadors.nominate.reasonHint")} value={props.values.reason} errors={props.errors} multiline required maxLength={REASON_MAX} />
            <Button>{t("ambassadors.nominate.submit")}</Button>
          </Form>
        ) : (
          <p>{t("ambassadors.how.needsLevel")}</p>
        )}
      </section>
    </>
  );
}

/** The agreement in the reader's language, with the digest of exactly this text sent back on acceptance. */
export function AgreementPage(props: { terms: string; digest: string; renewal: boolean; refusal: string | null }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.agreement.title")} lead={props.renewal ? t("ambassadors.agreement.renewLead") : t("ambassadors.agreement.lead")} />
      <article class="card">
        <Markdown source={props.terms} />
      </article>
      {props.refusal ? (
        <p class="alert alert--info">{props.refusal}</p>
      ) : (
        <Form action="/ambassadors/agreement" aria-label={t("ambassadors.agreement.title")}>
          <input type="hidden" name="digest" value={props.digest} />
          <Button>{props.renewal ? t("ambassadors.agreement.renew") : t("ambassadors.agreement.accept")}</Button>
        </Form>
      )}
    </>
  );
}

function TaskItem(props: { task: SpaceTask; now: Date }) {
  const { t, formatNumber } = usePage();
  const { task } = props;
  return (
    <li class="card">
      <h3 dir="auto">{task.title}</h3>
      {task.description ? <Markdown source={task.description} /> : null}
      <p>
        {t("ambassadors.task.points", { points: formatNumber(task.points) })}
        {task.dueOn ? <> · {t(isOverdue(task.dueOn, props.now) ? "ambassadors.task.overdue" : "ambassadors.task.due", { date: task.dueOn })}</> : null}
      </p>
      {task.myStatus === "confirmed" ? (
        <p class="badge badge--success">{t("ambassadors.task.confirmed")}</p>
      ) : task.myStatus === "reported" ? (
        <p class="badge badge--info">{t("ambassadors.task.reported")}</p>
      ) : (
        <Form action={`/ambassadors/tasks/${task.id}/report`} aria-label={t("ambassadors.task.report", { title: task.title })}>
          {task.myStatus === "returned" ? <p class="badge badge--warning">{t("ambassadors.task.returned")}</p> : null}
          {/* One form per task: each link field needs its own id for its label. */}
          <div class="field">
            <label for={`task-link-${task.id}`}>{t("ambassadors.task.link")}</label>
            <input id={`task-link-${task.id}`} name="link" type="url" maxLength={LINK_MAX} dir="ltr" value={task.myLink ?? ""} />
          </div>
          <Button size="small">{t("ambassadors.task.done")}</Button>
        </Form>
      )}
    </li>
  );
}

/** The ambassador-only space. */
export function SpacePage(props: {
  status: OwnStatus;
  perks: Array<{ id: number; title: string; body: string }>;
  tasks: SpaceTask[];
  announcements: Array<{ id: number; body: string; created_at: Date; author: string | null }>;
  fellows: AmbassadorListItem[];
  now: Date;
}) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.space.title")} lead={t("ambassadors.space.lead")} />
      {props.status.state === "due" ? (
        <div class="alert alert--info">
          <p>{t("ambassadors.status.due", { days: props.status.daysLeft })}</p>
          <LinkButton href="/ambassadors/agreement">{t("ambassadors.agreement.renew")}</LinkButton>
        </div>
      ) : null}
      <section>
        <h2>{t("ambassadors.space.announcements")}</h2>
        {props.announcements.length === 0 ? (
          <EmptyState title={t("ambassadors.space.noAnnouncements")} />
        ) : (
          <div class="stack">
            {props.announcements.map((item) => (
              <article class="card" key={item.id}>
                <p>
                  <Time date={item.created_at} /> {item.author ? <span dir="auto">· {item.author}</span> : null}
                </p>
                <Markdown source={item.body} />
              </article>
            ))}
          </div>
        )}
      </section>
      <section>
        <h2>{t("ambassadors.space.perks")}</h2>
        {props.perks.length === 0 ? (
          <EmptyState title={t("ambassadors.space.noPerks")} />
        ) : (
          <ul class="card-grid">
            {props.perks.map((perk) => (
              <li class="card" key={perk.id}>
                <h3 dir="auto">{perk.title}</h3>
                {perk.body ? <Markdown source={perk.body} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t("ambassadors.space.tasks")}</h2>
        {props.tasks.length === 0 ? (
          <EmptyState title={t("ambassadors.space.noTasks")} />
        ) : (
          <ul class="card-grid">
            {props.tasks.map((task) => (
              <TaskItem task={task} now={props.now} key={task.id} />
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t("ambassadors.space.fellows")}</h2>
        <People people={props.fellows} empty={t("ambassadors.space.noFellows")} />
      </section>
    </>
  );
}

/** The space's refusal (403): why, and the way in. */
export function NotInSpacePage(props: { reason: "signedOut" | "notAmbassador" | "awaitingAgreement" | "lapsed" }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("ambassadors.space.forbiddenTitle")} lead={t(`ambassadors.space.forbidden.${props.reason}`)} />
      <p class="cluster">
        {props.reason === "awaitingAgreement" ? (
          <LinkButton href="/ambassadors/agreement" variant="primary">
            {t("ambassadors.agreement.read")}
          </LinkButton>
        ) : (
          <LinkButton href="/ambassadors" variant="primary">
            {t("ambassadors.how.title")}
          </LinkButton>
        )}
      </p>
    </>
  );
}
