/**
 * The community team's badges (`/console/badges`): create and edit badges (texts in three languages,
 * an icon, a rule written one condition a line), and award or revoke manual badges with a reason.
 * Every change is audited.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { recordAudit } from "../../../platform/audit/index.ts";
import { validationErrors } from "../../../platform/auth/route-helpers.ts";
import { sendConsolePage } from "../../../platform/console/index.ts";
import { Text } from "../../../platform/console/schemas.ts";
import { inTransaction } from "../../../platform/db/index.ts";
import { notFound, unauthorized, type FieldErrors } from "../../../platform/errors.ts";
import { LOCALES, type Locale } from "../../../platform/i18n/index.ts";
import { Button, ErrorSummary, Field, fieldControl, FieldShell, Form, LinkButton, PageHeader, Select, Table } from "../../../platform/web/components.tsx";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { usePage } from "../../../platform/web/page-context.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { awardManualBadge, revokeManualBadge } from "./award.ts";
import { BADGE_ICONS, BADGE_KINDS, parseRule, ruleText, SLUG_PATTERN, type BadgeIcon, type BadgeKind } from "./rules.ts";
import { findBadge, inLanguage, insertBadge, listBadges, recentHolders, updateBadge, type BadgeInput, type BadgeWithHolders, type Holder } from "./store.ts";
import { BadgeIconMark } from "./views.tsx";

addConsoleNav({ href: "/console/badges", labelKey: "badges.console.nav", order: 155, action: "members.badges" });

const SlugParams = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 60 }) });
const BadgeBody = Type.Object(
  {
    slug: Text({ maxLength: 60 }),
    ...Object.fromEntries(LOCALES.flatMap((locale) => [[`name_${locale}`, Text({ maxLength: 80 })], [`description_${locale}`, Text({ maxLength: 500 })]])),
    icon: Type.Union(BADGE_ICONS.map((icon) => Type.Literal(icon))),
    kind: Type.Union(BADGE_KINDS.map((kind) => Type.Literal(kind))),
    rule: Type.Optional(Text({ maxLength: 1000 })),
    position: Type.Optional(Type.String({ pattern: "^[0-9]{0,6}$" })),
  },
  { additionalProperties: false },
);
const HolderBody = Type.Object({ member: Type.String({ maxLength: 20 }), reason: Text({ maxLength: 500 }) }, { additionalProperties: false });

/** What the badge form shows: the posted or stored values as text. */
export type BadgeFormValues = Record<string, string>;

function valuesOf(badge: BadgeWithHolders | undefined): BadgeFormValues {
  if (!badge) return { slug: "", icon: "star", kind: "rule", rule: "", position: "0" };
  return {
    slug: badge.slug,
    ...Object.fromEntries(LOCALES.flatMap((locale) => [[`name_${locale}`, badge.names[locale] ?? ""], [`description_${locale}`, badge.descriptions[locale] ?? ""]])),
    icon: badge.icon,
    kind: badge.kind,
    rule: badge.rule ? ruleText(badge.rule) : "",
    position: String(badge.position),
  };
}

/** The badge's input from the form, or the field errors (slug, the six texts, a rule for a rule badge). */
export function badgeInputOf(values: BadgeFormValues): { input: BadgeInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const slug = (values.slug ?? "").trim().toLowerCase();
  if (!new RegExp(SLUG_PATTERN).test(slug)) errors.slug = { key: "badges.errors.slug" };
  const texts = (prefix: string) => Object.fromEntries(LOCALES.map((locale) => [locale, (values[`${prefix}_${locale}`] ?? "").trim()])) as Record<Locale, string>;
  const names = texts("name");
  const descriptions = texts("description");
  for (const locale of LOCALES) {
    if (!names[locale]) errors[`name_${locale}`] = { key: "badges.errors.nameRequired" };
    if (!descriptions[locale]) errors[`description_${locale}`] = { key: "badges.errors.descriptionRequired" };
  }
  const kind = values.kind as BadgeKind;
  let rule: BadgeInput["rule"] = null;
  if (kind === "rule") {
    const parsed = parseRule(values.rule ?? "");
    if ("error" in parsed) errors.rule = { key: parsed.error.key, params: { line: parsed.error.line } };
    else rule = parsed.rule;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { input: { slug, names, descriptions, icon: values.icon as BadgeIcon, kind, rule, position: Number(values.position || 0) } };
}

function BadgesConsolePage(props: { badges: BadgeWithHolders[] }) {
  const { t, locale, formatNumber } = usePage();
  return (
    <>
      <PageHeader title={t("badges.console.title")} lead={t("badges.console.lead")} actions={<LinkButton href="/console/badges/new">{t("badges.console.new")}</LinkButton>} />
      <Table
        caption={t("badges.console.title")}
        rows={props.badges}
        columns={[
          {
            label: t("badges.console.name"),
            cell: (badge) => (
              <a href={`/console/badges/${badge.slug}`}>
                <BadgeIconMark icon={badge.icon} /> {inLanguage(badge.names, locale)}
              </a>
            ),
          },
          { label: t("badges.console.kind"), cell: (badge) => t(`badges.kinds.${badge.kind}`) },
          { label: t("badges.console.rule"), cell: (badge) => (badge.rule ? <code dir="ltr">{ruleText(badge.rule).replace(/\n/g, " · ")}</code> : "—") },
          { label: t("badges.console.holders"), numeric: true, cell: (badge) => formatNumber(badge.holders) },
        ]}
      />
    </>
  );
}

function BadgeForm(props: { action: string; values: BadgeFormValues; errors: FieldErrors | null }) {
  const { t } = usePage();
  const errors = props.errors ?? undefined;
  return (
    <Form action={props.action}>
      <ErrorSummary errors={errors} />
      <Field name="slug" label={t("badges.console.slug")} hint={t("badges.console.slugHint")} value={props.values.slug} errors={errors} dir="ltr" maxLength={60} />
      {LOCALES.map((language) => (
        <fieldset lang={language}>
          <legend>{t(`members.languages.${language}`)}</legend>
          <Field name={`name_${language}`} label={t("badges.console.name")} value={props.values[`name_${language}`]} errors={errors} maxLength={80} />
          <Field name={`description_${language}`} label={t("badges.console.description")} value={props.values[`description_${language}`]} errors={errors} multiline maxLength={500} />
        </fieldset>
      ))}
      <Select name="icon" label={t("badges.console.icon")} value={props.values.icon ?? "star"} errors={errors} options={BADGE_ICONS.map((icon) => ({ value: icon, label: t(`badges.icons.${icon}`) }))} />
      <Select name="kind" label={t("badges.console.kind")} value={props.values.kind ?? "rule"} errors={errors} options={BADGE_KINDS.map((kind) => ({ value: kind, label: t(`badges.kinds.${kind}`) }))} />
      <Field name="rule" label={t("badges.console.rule")} hint={t("badges.console.ruleHint")} value={props.values.rule} errors={errors} multiline dir="ltr" maxLength={1000} />
      <Field name="position" label={t("badges.console.position")} value={props.values.position} errors={errors} dir="ltr" maxLength={6} />
      <Button variant="primary">{t("badges.console.save")}</Button>
    </Form>
  );
}

/** The award form (a member number and a reason). */
function AwardForm(props: { action: string; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  return (
    <Form action={props.action} class="form form--inline">
      <Field name="member" label={t("badges.console.member")} hint={t("badges.console.memberHint")} errors={props.errors} dir="ltr" maxLength={20} />
      <Field name="reason" label={t("badges.console.reason")} errors={props.errors} maxLength={500} />
      <Button variant="primary">{t("badges.console.award")}</Button>
    </Form>
  );
}

/** A holder's row's revoke form: its own reason field, labelled for screen readers (the column says what it is). */
function RevokeForm(props: { action: string; member: number }) {
  const { t } = usePage();
  const frame = { field: `revoke-${props.member}`, label: t("badges.console.reason"), hideLabel: true };
  return (
    <Form action={props.action} class="form form--inline">
      <input type="hidden" name="member" value={String(props.member)} />
      <FieldShell {...frame}>
        <input {...fieldControl(frame, "reason")} type="text" maxLength={500} dir="auto" placeholder={t("badges.console.reason")} />
      </FieldShell>
      <Button variant="danger" size="small">
        {t("badges.console.revoke")}
      </Button>
    </Form>
  );
}

function BadgeConsolePage(props: { badge: BadgeWithHolders | undefined; values: BadgeFormValues; errors: FieldErrors | null; holders: Holder[]; holderErrors: FieldErrors | null }) {
  const { t, locale, formatDate } = usePage();
  const badge = props.badge;
  return (
    <>
      <PageHeader title={badge ? inLanguage(badge.names, locale) : t("badges.console.new")} actions={badge ? <LinkButton href={`/badges/${badge.slug}`}>{t("badges.console.view")}</LinkButton> : undefined} />
      <BadgeForm action={badge ? `/console/badges/${badge.slug}` : "/console/badges"} values={props.values} errors={props.errors} />
      {badge?.kind === "manual" ? (
        <section aria-labelledby="badge-award">
          <h2 id="badge-award">{t("badges.console.award")}</h2>
          <ErrorSummary errors={props.holderErrors ?? undefined} />
          <AwardForm action={`/console/badges/${badge.slug}/award`} errors={props.holderErrors ?? undefined} />
        </section>
      ) : null}
      {badge ? (
        <section aria-labelledby="badge-holders">
          <h2 id="badge-holders">{t("badges.console.holders")}</h2>
          <Table
            caption={t("badges.console.holders")}
            rows={props.holders}
            empty={t("badges.noHolders")}
            columns={[
              { label: t("badges.console.member"), cell: (holder) => <a href={`/members/${holder.id}`} dir="auto">{holder.name}</a> },
              { label: t("badges.console.awardedAt"), cell: (holder) => formatDate(new Date(holder.awarded_at)) },
              { label: t("badges.console.reason"), cell: (holder) => <span dir="auto">{holder.reason}</span> },
              ...(badge.kind === "manual" ? [{ label: t("badges.console.revoke"), cell: (holder: Holder) => <RevokeForm action={`/console/badges/${badge.slug}/revoke`} member={holder.id} /> }] : []),
            ]}
          />
        </section>
      ) : null}
    </>
  );
}

const HOLDERS_SHOWN = 100;

export async function badgesConsoleRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const manage = { access: { action: "members.badges" } };

  const existing = async (slug: string) => {
    const badge = await findBadge(db, slug);
    if (!badge) throw notFound("badge_not_found", "badges.errors.notFound");
    return badge;
  };
  const showBadge = async (request: FastifyRequest, reply: FastifyReply, badge: BadgeWithHolders | undefined, values: BadgeFormValues, errors: FieldErrors | null, holderErrors: FieldErrors | null = null) => {
    const holders = badge ? await recentHolders(db, badge.id, HOLDERS_SHOWN, { unlisted: true }) : [];
    const title = badge ? inLanguage(badge.names, request.locale) : request.t("badges.console.new");
    return sendConsolePage(request, reply, <BadgeConsolePage badge={badge} values={values} errors={errors} holders={holders} holderErrors={holderErrors} />, { title, status: errors || holderErrors ? 400 : 200 });
  };
  const posted = (request: FastifyRequest): BadgeFormValues => Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([key, value]) => [key, typeof value === "string" ? value.slice(0, 1000) : ""]));

  app.get("/console/badges", { config: manage }, async (request, reply) => {
    return sendConsolePage(request, reply, <BadgesConsolePage badges={await listBadges(db)} />, { title: request.t("badges.console.title") });
  });

  app.get("/console/badges/new", { config: manage }, async (request, reply) => showBadge(request, reply, undefined, valuesOf(undefined), null));

  app.post("/console/badges", { schema: { body: BadgeBody }, attachValidation: true, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const values = posted(request);
    const checked = validationErrors(request) ?? null;
    const parsed = badgeInputOf(values);
    if (checked || "errors" in parsed) return showBadge(request, reply, undefined, values, { ...checked, ...("errors" in parsed ? parsed.errors : {}) });
    const now = new Date();
    const created = await inTransaction(db, async (tx) => {
      const id = await insertBadge(tx, parsed.input, now);
      if (id !== undefined) await recordAudit(tx, { actorId: actor.id, action: "badges.create", subjectType: "badge", subjectId: id, details: { ...parsed.input }, ip: request.ip });
      return id;
    });
    if (created === undefined) return showBadge(request, reply, undefined, values, { slug: { key: "badges.errors.slugTaken" } });
    return redirectWithFlash(reply, `/console/badges/${parsed.input.slug}`, { kind: "success", key: "badges.console.saved" });
  });

  app.get("/console/badges/:slug", { schema: { params: SlugParams }, config: manage }, async (request, reply) => {
    const badge = await existing(request.params.slug);
    return showBadge(request, reply, badge, valuesOf(badge), null);
  });

  app.post("/console/badges/:slug", { schema: { params: SlugParams, body: BadgeBody }, attachValidation: true, config: manage }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const badge = await existing(request.params.slug);
    const values = posted(request);
    const checked = validationErrors(request) ?? null;
    const parsed = badgeInputOf(values);
    if (checked || "errors" in parsed) return showBadge(request, reply, badge, values, { ...checked, ...("errors" in parsed ? parsed.errors : {}) });
    const saved = await inTransaction(db, async (tx) => {
      const done = await updateBadge(tx, badge.id, parsed.input, new Date());
      if (done) await recordAudit(tx, { actorId: actor.id, action: "badges.update", subjectType: "badge", subjectId: badge.id, details: { from: valuesOf(badge), to: { ...parsed.input } }, ip: request.ip });
      return done;
    });
    if (!saved) return showBadge(request, reply, badge, values, { slug: { key: "badges.errors.slugTaken" } });
    return redirectWithFlash(reply, `/console/badges/${parsed.input.slug}`, { kind: "success", key: "badges.console.saved" });
  });

  const holderAction = (verb: "award" | "revoke") => async (request: FastifyRequest<{ Params: { slug: string }; Body: Static<typeof HolderBody> }>, reply: FastifyReply) => {
    const actor = request.actor;
    if (!actor) throw unauthorized();
    const badge = await existing(request.params.slug);
    const member = Number(request.body.member.trim());
    const reason = request.body.reason.trim();
    const errors: FieldErrors = {};
    if (!Number.isSafeInteger(member) || member < 1) errors.member = { key: "badges.errors.unknownMember" };
    if (!reason) errors.reason = { key: "badges.errors.reasonRequired" };
    if (Object.keys(errors).length > 0) return showBadge(request, reply, badge, valuesOf(badge), null, errors);
    try {
      if (verb === "award") await awardManualBadge(db, actor, badge, member, reason, new Date(), request.ip);
      else await revokeManualBadge(db, actor, badge, member, reason, request.ip);
    } catch (error) {
      const fields = (error as { fields?: FieldErrors }).fields;
      if (fields && Object.keys(fields).length > 0) return showBadge(request, reply, badge, valuesOf(badge), null, fields);
      throw error;
    }
    return redirectWithFlash(reply, `/console/badges/${badge.slug}`, { kind: "success", key: verb === "award" ? "badges.console.awarded" : "badges.console.revoked" });
  };
  app.post("/console/badges/:slug/award", { schema: { params: SlugParams, body: HolderBody }, config: manage }, holderAction("award"));
  app.post("/console/badges/:slug/revoke", { schema: { params: SlugParams, body: HolderBody }, config: manage }, holderAction("revoke"));
}
