/** The members' pages: a profile with its stage, level and path, the directory, the profile form and the data page. */
import type { ComponentChild } from "preact";
import { Button, EmptyState, Field, FieldShell, fieldControl, Form, LinkButton, PageHeader, Pagination, Table } from "../../../platform/web/components.tsx";
import type { FieldErrors } from "../../../platform/errors.ts";
import { usePage } from "../../../platform/web/page-context.ts";
import type { MemberJsonValue } from "../presenters.ts";
import { STAGES, type Stage } from "../rules.ts";
import { TrustAbilities } from "./trust-abilities.tsx";

type CriterionView = { metric: string; text: string; done: boolean };

function Criteria(props: { items: CriterionView[]; label: string }) {
  if (props.items.length === 0) return null;
  return (
    <ul class="member-criteria" aria-label={props.label}>
      {props.items.map((item) => (
        <li class={item.done ? "member-criteria__done" : "member-criteria__left"} data-metric={item.metric}>
          {item.text}
        </li>
      ))}
    </ul>
  );
}

/** The members stylesheet, after the design system's. */
export function MembersStylesheet() {
  return <link rel="stylesheet" href="/assets/members.css" />;
}

/** The stage as a short label. */
export function StageName(props: { stage: string }) {
  const { t } = usePage();
  return <span class={`badge member-stage member-stage--${props.stage}`}>{t(`members.stages.${props.stage}`)}</span>;
}

/** /members/:id — who the member is, where they stand and, for themselves, what is next. */
export function ProfilePage(props: { member: MemberJsonValue; own: boolean; activityNames: Record<string, string>; grants: { ambassador: boolean; leader: boolean } | null; sections: ComponentChild[] }) {
  const { t, formatNumber, formatDate } = usePage();
  const m = props.member;
  const initial = [...m.name.trim()][0]?.toUpperCase() ?? "?";
  return (
    <>
      <header class="member-header">
        {m.avatarUrl ? (
          <img class="member-avatar" src={m.avatarUrl} alt="" width={72} height={72} />
        ) : (
          <span class="member-avatar" aria-hidden="true">
            {initial}
          </span>
        )}
        <div>
          <h1 dir="auto">{m.name}</h1>
          <p>
            <StageName stage={m.stage} /> · {t("members.trustLevel", { level: m.trustLevel })} · {t("members.reputation", { points: formatNumber(m.reputation) })}
          </p>
          {props.own ? (
            <p>
              <a href="/account/member-profile">{t("members.profile.edit")}</a> · <a href="/account/data">{t("members.data.title")}</a>
            </p>
          ) : null}
        </div>
      </header>
      {m.bio ? (
        <p class="member-bio" dir="auto">
          {m.bio}
        </p>
      ) : null}
      <dl class="member-facts">
        {m.languages.length > 0 ? (
          <>
            <dt>{t("members.profile.languages")}</dt>
            <dd>{m.languages.map((language) => t(`members.languages.${language}`)).join(t("members.listSeparator"))}</dd>
          </>
        ) : null}
        {m.location ? (
          <>
            <dt>{t("members.profile.location")}</dt>
            <dd dir="auto">{m.location}</dd>
          </>
        ) : null}
        {m.links.length > 0 ? (
          <>
            <dt>{t("members.profile.links")}</dt>
            <dd>
              {m.links.map((link) => (
                <a href={link.url} rel="nofollow ugc noopener me" dir="auto" class="member-link">
                  {link.label}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="member-stage">
        <h2 id="member-stage">{t("members.stage.title")}</h2>
        <p>
          {m.stageSince ? t("members.stage.since", { stage: t(`members.stages.${m.stage}`), date: formatDate(new Date(m.stageSince)) }) : t(`members.stages.${m.stage}`)}
        </p>
        {m.stageReasons.length > 0 ? <p>{t("members.stage.because")}</p> : null}
        <Criteria items={m.stageReasons} label={t("members.stage.because")} />
      </section>
      {m.nextStage ? (
        <section aria-labelledby="member-next" class="member-path">
          <h2 id="member-next">{props.own ? t("members.path.title") : t("members.path.next")}</h2>
          <p>{t("members.path.nextStage", { stage: t(`members.stages.${m.nextStage.stage}`) })}</p>
          {m.nextStage.byInvitation ? <p>{t("members.path.byInvitation")}</p> : null}
          {m.nextStage.done.length > 0 ? <h3>{t("members.path.done")}</h3> : null}
          <Criteria items={m.nextStage.done} label={t("members.path.done")} />
          {m.nextStage.missing.length > 0 ? <h3>{t("members.path.left")}</h3> : null}
          <Criteria items={m.nextStage.missing} label={t("members.path.left")} />
        </section>
      ) : null}
      {m.private ? (
        <section aria-labelledby="member-trust" class="member-path">
          <h2 id="member-trust">{t("members.trust.title")}</h2>
          <p>{t(`members.trust.levels.${m.trustLevel}`)}</p>
          <Criteria items={m.private.trustReasons} label={t("members.stage.because")} />
          {props.own ? <TrustAbilities level={m.trustLevel} /> : null}
          {m.private.nextTrustLevel ? (
            <>
              <p>{t("members.trust.next", { level: m.private.nextTrustLevel.level })}</p>
              <Criteria items={[...m.private.nextTrustLevel.done, ...m.private.nextTrustLevel.missing]} label={t("members.trust.next", { level: m.private.nextTrustLevel.level })} />
            </>
          ) : null}
          {m.private.reputationParts.length > 0 ? (
            <>
              <h3>{t("members.reputationParts")}</h3>
              <ul>
                {m.private.reputationParts.map((part) => (
                  <li>
                    {props.activityNames[part.type] ?? part.type}: {formatNumber(part.points)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {props.grants ? (
        <section aria-labelledby="member-grants">
          <h2 id="member-grants">{t("members.console.grants")}</h2>
          <Form action={`/console/ladder/members/${m.id}/grants`}>
            <Check name="ambassador" label={t("members.console.ambassador")} checked={props.grants.ambassador} />
            <Check name="leader" label={t("members.console.leader")} checked={props.grants.leader} />
            <Button variant="secondary">{t("members.console.saveGrants")}</Button>
          </Form>
        </section>
      ) : null}
      {m.contributions && Object.keys(m.contributions).length > 0 ? (
        <section aria-labelledby="member-contributions">
          <h2 id="member-contributions">{t("members.contributions")}</h2>
          <ul class="member-contributions">
            {Object.entries(m.contributions)
              .sort((a, b) => b[1] - a[1])
              .map(([type, count]) => (
                <li>
                  {props.activityNames[type] ?? type}: {formatNumber(count)}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {props.sections}
    </>
  );
}

export interface DirectoryEntry {
  id: number;
  name: string;
  url: string;
  stage: string;
  trustLevel: number;
  reputation: number;
  languages: string[];
}

/** /members — listed members, filtered by stage and language. */
export function DirectoryPage(props: { members: DirectoryEntry[]; stage: Stage | undefined; language: string | undefined; page: number; hasNext: boolean }) {
  const { t, formatNumber } = usePage();
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (props.stage) params.set("stage", props.stage);
    if (props.language) params.set("language", props.language);
    if (page > 1) params.set("page", String(page));
    const text = params.toString();
    return text ? `/members?${text}` : "/members";
  };
  return (
    <>
      <PageHeader title={t("members.directory.title")} lead={t("members.directory.lead")} />
      <Form action="/members" method="get" class="form form--inline" aria-label={t("members.directory.filter")}>
        <label for="filter-stage">{t("members.directory.stage")}</label>
        <select id="filter-stage" name="stage">
          <option value="">{t("members.directory.any")}</option>
          {STAGES.map((stage) => (
            <option value={stage} selected={props.stage === stage}>
              {t(`members.stages.${stage}`)}
            </option>
          ))}
        </select>
        <label for="filter-language">{t("members.directory.language")}</label>
        <select id="filter-language" name="language">
          <option value="">{t("members.directory.any")}</option>
          {["en", "fa", "he"].map((language) => (
            <option value={language} selected={props.language === language}>
              {t(`members.languages.${language}`)}
            </option>
          ))}
        </select>
        <Button variant="secondary">{t("members.directory.apply")}</Button>
      </Form>
      {props.members.length === 0 ? (
        <EmptyState title={t("members.directory.empty")} />
      ) : (
        <Table
          caption={t("members.directory.title")}
          rows={props.members}
          columns={[
            {
              label: t("members.directory.name"),
              cell: (member) => (
                <a href={member.url} dir="auto">
                  {member.name}
                </a>
              ),
            },
            { label: t("members.directory.stage"), cell: (member) => <StageName stage={member.stage} /> },
            { label: t("members.directory.trust"), numeric: true, cell: (member) => formatNumber(member.trustLevel) },
            { label: t("members.directory.reputation"), numeric: true, cell: (member) => formatNumber(member.reputation) },
          ]}
        />
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={query} />
    </>
  );
}

export interface ProfileFormValues {
  bio: string;
  languages: string[];
  location: string;
  links: string;
  listed: boolean;
  showLocation: boolean;
  showLinks: boolean;
  showActivity: boolean;
}

function Check(props: { name: string; label: string; checked: boolean; value?: string }) {
  return (
    <div class="field field--check">
      <label>
        <input type="checkbox" name={props.name} value={props.value ?? "on"} checked={props.checked} /> {props.label}
      </label>
    </div>
  );
}

/** /account/member-profile — the member's bio, languages, location, links and privacy choices. */
/** The photo part of the profile form: its own form, as a file goes up on its own. */
function AvatarForm(props: { avatarUrl: string | null; errors: FieldErrors | undefined }) {
  const { t } = usePage();
  const frame = { field: "avatar", label: t("members.profile.avatar"), hint: t("members.profile.avatarHint"), errors: props.errors };
  return (
    <section aria-labelledby="member-avatar-title" class="member-avatar-form">
      <h2 id="member-avatar-title">{t("members.profile.avatar")}</h2>
      {props.avatarUrl ? <img class="member-avatar" src={props.avatarUrl} alt={t("members.profile.avatarCurrent")} width={72} height={72} /> : null}
      <Form action="/account/member-profile/avatar" enctype="multipart/form-data">
        <FieldShell {...frame}>
          <input {...fieldControl(frame, "avatar")} type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heif" />
        </FieldShell>
        <Button>{t("members.profile.avatarUpload")}</Button>
      </Form>
      {props.avatarUrl ? (
        <Form action="/account/member-profile/avatar/remove" class="inline-form">
          <Button variant="link">{t("members.profile.avatarRemove")}</Button>
        </Form>
      ) : null}
    </section>
  );
}

export function ProfileFormPage(props: { values: ProfileFormValues; errors: FieldErrors | null; memberId: number; avatarUrl: string | null; avatarErrors?: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <>
      <PageHeader title={t("members.profile.editTitle")} actions={<LinkButton href={`/members/${props.memberId}`}>{t("members.profile.view")}</LinkButton>} />
      <AvatarForm avatarUrl={props.avatarUrl} errors={props.avatarErrors ?? undefined} />
      <Form action="/account/member-profile">
        <Field name="bio" label={t("members.profile.bio")} multiline value={props.values.bio} errors={errors} maxLength={1000} />
        <fieldset>
          <legend>{t("members.profile.languages")}</legend>
          {["en", "fa", "he"].map((language) => (
            <Check name="languages" value={language} label={t(`members.languages.${language}`)} checked={props.values.languages.includes(language)} />
          ))}
        </fieldset>
        <Field name="location" label={t("members.profile.location")} hint={t("members.profile.locationHint")} value={props.values.location} errors={errors} maxLength={80} />
        <Field name="links" label={t("members.profile.links")} hint={t("members.profile.linksHint")} multiline value={props.values.links} errors={errors} />
        <fieldset>
          <legend>{t("members.profile.privacy")}</legend>
          <Check name="listed" label={t("members.privacy.listed")} checked={props.values.listed} />
          <Check name="showLocation" label={t("members.privacy.showLocation")} checked={props.values.showLocation} />
          <Check name="showLinks" label={t("members.privacy.showLinks")} checked={props.values.showLinks} />
          <Check name="showActivity" label={t("members.privacy.showActivity")} checked={props.values.showActivity} />
        </fieldset>
        <Button variant="primary">{t("members.profile.save")}</Button>
      </Form>
    </>
  );
}

/** /account/data — download my data, delete my account. */
export function DataPage(props: { errors: FieldErrors | null }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("members.data.title")} lead={t("members.data.lead")} />
      <section aria-labelledby="data-download">
        <h2 id="data-download">{t("members.data.downloadTitle")}</h2>
        <p>{t("members.data.downloadLead")}</p>
        <LinkButton href="/account/data/export">{t("members.data.download")}</LinkButton>
      </section>
      <section aria-labelledby="data-delete">
        <h2 id="data-delete">{t("members.data.deleteTitle")}</h2>
        <p>{t("members.data.deleteLead")}</p>
        <Form action="/account/data/delete">
          {props.errors?.confirm ? (
            <p class="field__error" role="alert">
              {t(props.errors.confirm.key)}
            </p>
          ) : null}
          <Check name="confirm" label={t("members.data.deleteConfirm")} checked={false} />
          <Button variant="danger">{t("members.data.delete")}</Button>
        </Form>
      </section>
    </>
  );
}
