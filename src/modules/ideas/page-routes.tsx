/**
 * The ideas pages members and visitors use: the list, the roadmap, one's own ideas, the idea page
 * with its support, follow, comment and update forms, and the submission form. Server-rendered;
 * every form works without script.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { fieldErrorsOf, validationErrors } from "../../platform/auth/route-helpers.ts";
import { EmptyBody } from "../../platform/auth/schemas.ts";
import type { Actor } from "../../platform/auth/permissions.ts";
import { can } from "../../platform/auth/permissions.ts";
import { PageQuery } from "../../platform/console/paging.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { forbidden, notFound, unauthorized, type FieldErrors } from "../../platform/errors.ts";
import { LOCALES } from "../../platform/i18n/index.ts";
import { markdownToText } from "../../platform/markdown/index.ts";
import { normalizeText } from "../../platform/search/normalize.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { addSiteNav } from "../../platform/web/navigation.ts";
import { redirectWithFlash, sendPage } from "../../platform/web/render.tsx";
import { assertVisible } from "./api-routes.ts";
import { addComment, COMMENT_MAX_LENGTH, followIdea, postUpdate, unfollowIdea, UPDATE_MAX_LENGTH, UPDATE_TITLE_MAX_LENGTH } from "./discussion.ts";
import { addIdeaImages, MAX_IMAGES_PER_IDEA } from "./images.ts";
import { ideasOfCreator, resubmissionOf } from "./page-queries.ts";
import { canEditIdea } from "./policy.ts";
import { imageUrl } from "./presenters.ts";
import { createIdea, editIdea, resubmitIdea, type IdeaInput } from "./service.ts";
import { supportIdea, withdrawSupport } from "./supports.ts";
import { ideasSettings } from "./settings.ts";
import { discussionOf, findIdea, follows, imagesOf, listCategories, listIdeas, listStatuses, similarIdeas, supportOf, SORTS } from "./store.ts";
import { IdeaFormPage, BODY_MAX, BODY_MIN, TITLE_MAX, TITLE_MIN, type IdeaFormValues } from "./views/form-page.tsx";
import { IdeaHead, IdeasStylesheet } from "./views/head.tsx";
import { IdeaPage, type IdeaPageForms } from "./views/idea-page.tsx";
import { FILTER_STATES, IdeasListPage } from "./views/list-page.tsx";
import { MyIdeasPage } from "./views/mine-page.tsx";
import { ideaViews, reviewCutoff } from "./views/model.ts";
import { ROADMAP_STATES, RoadmapPage } from "./views/roadmap-page.tsx";
import { PRICE_BANDS, SURVEY_MAX_QUANTITY, WOULD_BUY } from "./views/support-panel.tsx";

addSiteNav({ href: "/ideas", labelKey: "ideas.nav", order: 100 });

/** Cards per page: a full grid at two, three or four columns. */
const PAGE_SIZE = 12;
const ROADMAP_LIMIT = 60;
const SIMILAR_LIMIT = 5;
/** Comments per member per minute; more is flooding, not conversation. */
const COMMENT_LIMIT = { max: 6, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => (request.actor ? `member:${request.actor.id}` : request.ip) };

const oneOf = <T extends string>(values: readonly T[]) => Type.Enum([...values]);
/** A select of a form whose first option, "any" or "no answer", sends an empty value. */
const oneOfOrEmpty = <T extends string>(values: readonly T[]) => Type.Enum(["", ...values]);
/** An optional id from a select; empty means none. */
const OptionalId = Type.String({ pattern: "^[0-9]{0,9}$" });

const ListQuery = Type.Object({
  sort: Type.Optional(oneOf(SORTS)),
  category: Type.Optional(OptionalId),
  language: Type.Optional(oneOfOrEmpty(LOCALES)),
  state: Type.Optional(oneOfOrEmpty(FILTER_STATES)),
  page: Type.Optional(PageQuery),
});

const IdeaFormBody = Type.Object(
  {
    title: Text({ minLength: TITLE_MIN, maxLength: TITLE_MAX }),
    body: Text({ minLength: BODY_MIN, maxLength: BODY_MAX }),
    language: oneOf(LOCALES),
    categoryId: Type.Optional(OptionalId),
    acceptLicence: Type.Optional(Type.Literal("on")),
    intent: oneOf(["draft", "submit"] as const),
    // Files of a multipart body arrive as buffers; they are checked by addIdeaImages.
    images: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

const SupportFormBody = Type.Object(
  { wouldBuy: Type.Optional(oneOfOrEmpty(WOULD_BUY)), priceBand: Type.Optional(oneOfOrEmpty(PRICE_BANDS)), quantity: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
const CommentBody = Type.Object({ body: Text({ minLength: 1, maxLength: COMMENT_MAX_LENGTH }) }, { additionalProperties: false });
const UpdateBody = Type.Object({ title: Text({ minLength: 1, maxLength: UPDATE_TITLE_MAX_LENGTH }), body: Text({ minLength: 1, maxLength: UPDATE_MAX_LENGTH }) }, { additionalProperties: false });

function memberOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/** A text field of a body that may have failed validation, for showing the form again. */
function fieldText(body: unknown, name: string, max = BODY_MAX): string {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** The non-empty files of a multipart `images` field. */
function imageFiles(body: unknown): Buffer[] {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>).images : undefined;
  return [value].flat().filter((item): item is Buffer => Buffer.isBuffer(item) && item.length > 0);
}

/** Schema errors of a form, with an empty field reported as required (not as too short). */
function formErrors(request: FastifyRequest, blank: string[]): FieldErrors {
  const errors: FieldErrors = { ...validationErrors(request) };
  for (const name of blank) errors[name] = { key: "errors.field.required" };
  return errors;
}

function blankFields(body: unknown, names: string[]): string[] {
  return names.filter((name) => fieldText(body, name).trim() === "");
}

/** Registers the public ideas pages and their forms. */
export async function ideasPageRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  // ---- lists ------------------------------------------------------------------------------

  app.get("/ideas", { config: { anonymousCache: true }, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const filters = { sort: query.sort ?? "trending", category: query.category ?? "", language: query.language ?? "", state: query.state ?? "" };
    const page = query.page ?? 1;
    const settings = await readSetting(db, ideasSettings);
    const now = new Date();
    const list = await listIdeas(db, settings.milestones, {
      sort: filters.sort,
      state: filters.state === "" ? undefined : filters.state,
      categoryId: filters.category === "" ? undefined : Number(filters.category),
      language: filters.language === "" ? undefined : filters.language,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
      now,
    });
    const categories = await listCategories(db);
    const ideas = ideaViews(list.rows, settings.milestones, now, categories, await listStatuses(db));
    return sendPage(request, reply, <IdeasListPage ideas={ideas} filters={filters} page={page} hasNext={list.hasNext} categories={categories} />, {
      title: request.t("ideas.list.title"),
      description: request.t("ideas.list.lead"),
      head: <IdeasStylesheet />,
    });
  });

  app.get("/roadmap", { config: { anonymousCache: true } }, async (request, reply) => {
    const settings = await readSetting(db, ideasSettings);
    const now = new Date();
    const approved = await listIdeas(db, settings.milestones, { sort: "approved", offset: 0, limit: ROADMAP_LIMIT, now });
    const inReview = await listIdeas(db, settings.milestones, { sort: "in_review", offset: 0, limit: ROADMAP_LIMIT, now });
    const ideas = ideaViews([...approved.rows, ...inReview.rows], settings.milestones, now, await listCategories(db), await listStatuses(db));
    const groups = ROADMAP_STATES.map((state) => ({ state, ideas: ideas.filter((idea) => idea.standing.state === state) }));
    return sendPage(request, reply, <RoadmapPage groups={groups} />, { title: request.t("ideas.roadmap.title"), description: request.t("ideas.roadmap.lead"), head: <IdeasStylesheet /> });
  });

  app.get("/ideas/mine", { config: { access: "member" } }, async (request, reply) => {
    const actor = memberOf(request);
    const settings = await readSetting(db, ideasSettings);
    const rows = await ideasOfCreator(db, actor.id);
    const views = ideaViews(rows, settings.milestones, new Date(), await listCategories(db), await listStatuses(db));
    const ideas = views.map((idea, index) => ({ ...idea, updatedAt: rows[index]?.updated_at ?? idea.row.created_at }));
    return sendPage(request, reply, <MyIdeasPage ideas={ideas} />, { title: request.t("ideas.mine.title"), head: <IdeasStylesheet /> });
  });

  // ---- the idea page ------------------------------------------------------------------------

  async function showIdea(request: FastifyRequest, reply: FastifyReply, id: number, forms: IdeaPageForms, status = 200): Promise<FastifyReply> {
    const row = await findIdea(db, id);
    if (!row) throw notFound("idea_not_found", "ideas.errors.notFound");
    if (row.state === "merged" && row.merged_into !== null) return reply.redirect(`/ideas/${row.merged_into}`, 301);
    const actor = request.actor;
    assertVisible(actor, row);
    const settings = await readSetting(db, ideasSettings);
    const now = new Date();
    const [idea] = ideaViews([row], settings.milestones, now, await listCategories(db), await listStatuses(db));
    if (!idea) throw notFound("idea_not_found", "ideas.errors.notFound");
    const images = await imagesOf(db, id);
    const { comments, updates } = await discussionOf(db, id);
    const isCreator = actor?.id === row.creator_id;
    const resubmittedAs = idea.standing.state === "expired" ? await resubmissionOf(db, id) : null;
    const viewer = actor ? { isCreator, support: (await supportOf(db, id, actor.id))?.status ?? null, following: await follows(db, id, actor.id) } : null;
    const facts = {
      id,
      state: idea.standing.state,
      isCreator,
      isInsider: isCreator || can(actor, "ideas.moderate"),
      moderationNote: row.moderation_note,
      decisionNote: row.decision_public_note,
      missedTarget: settings.milestones.steps[idea.standing.reached]?.target ?? null,
      reviewCutoff: reviewCutoff(settings.review, row.review_period),
      canResubmit: row.resubmission_of === null && resubmittedAs === null,
      resubmittedAs,
    };
    const summary = markdownToText(row.body).slice(0, 200);
    const first = images[0];
    return sendPage(request, reply, <IdeaPage data={{ idea, images, viewer, facts, comments, updates }} forms={forms} />, {
      title: row.title,
      description: summary,
      head: <IdeaHead id={id} title={row.title} summary={summary} language={row.language} imagePath={first ? imageUrl(id, first.file_name) : null} />,
      status,
    });
  }

  app.get("/ideas/:id", { config: { anonymousCache: true }, schema: { params: IdParams } }, async (request, reply) => showIdea(request, reply, request.params.id, {}));

  app.post("/ideas/:id/support", { config: { access: "member" }, schema: { params: IdParams, body: SupportFormBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const values = { wouldBuy: fieldText(request.body, "wouldBuy"), priceBand: fieldText(request.body, "priceBand"), quantity: fieldText(request.body, "quantity", 20) };
    // Persian and Arabic-Indic digits count as digits too.
    const quantity = values.quantity.trim() === "" ? undefined : Number(normalizeText(values.quantity));
    const errors = { ...validationErrors(request) };
    if (errors.quantity || (quantity !== undefined && (!Number.isInteger(quantity) || quantity < 1 || quantity > SURVEY_MAX_QUANTITY))) {
      errors.quantity = { key: "ideas.errors.quantity", params: { max: SURVEY_MAX_QUANTITY } };
    }
    if (Object.keys(errors).length > 0) return showIdea(request, reply, id, { support: { values, errors } }, 400);
    const survey = { wouldBuy: WOULD_BUY.find((answer) => answer === values.wouldBuy), priceBand: PRICE_BANDS.find((band) => band === values.priceBand), quantity };
    const result = await supportIdea(db, actor, id, survey);
    const key = !result.created ? "ideas.flash.alreadySupported" : result.status === "pending" ? "ideas.flash.supportPending" : "ideas.flash.supported";
    return redirectWithFlash(reply, `/ideas/${id}`, { kind: "success", key });
  });

  app.post("/ideas/:id/withdraw", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    await withdrawSupport(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, `/ideas/${request.params.id}`, { kind: "success", key: "ideas.flash.withdrawn" });
  });

  app.post("/ideas/:id/follow", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    await followIdea(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, `/ideas/${request.params.id}`, { kind: "success", key: "ideas.flash.followed" });
  });

  app.post("/ideas/:id/unfollow", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    await unfollowIdea(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, `/ideas/${request.params.id}`, { kind: "success", key: "ideas.flash.unfollowed" });
  });

  app.post("/ideas/:id/comments", { config: { access: "member", rateLimit: COMMENT_LIMIT }, schema: { params: IdParams, body: CommentBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const values = { body: fieldText(request.body, "body", COMMENT_MAX_LENGTH) };
    if (request.validationError) return showIdea(request, reply, id, { comment: { values, errors: formErrors(request, blankFields(request.body, ["body"])) } }, 400);
    try {
      const commentId = await addComment(db, actor, id, values.body);
      return redirectWithFlash(reply, `/ideas/${id}#comment-${commentId}`, { kind: "success", key: "ideas.flash.commented" });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showIdea(request, reply, id, { comment: { values, errors: fields } }, 400);
    }
  });

  app.post("/ideas/:id/updates", { config: { access: "member" }, schema: { params: IdParams, body: UpdateBody }, attachValidation: true }, async (request, reply) => {
    const actor = memberOf(request);
    const id = request.params.id;
    const values = { title: fieldText(request.body, "title", UPDATE_TITLE_MAX_LENGTH), body: fieldText(request.body, "body", UPDATE_MAX_LENGTH) };
    if (request.validationError) return showIdea(request, reply, id, { update: { values, errors: formErrors(request, blankFields(request.body, ["title", "body"])) } }, 400);
    try {
      const updateId = await postUpdate(db, actor, id, values);
      return redirectWithFlash(reply, `/ideas/${id}#update-${updateId}`, { kind: "success", key: "ideas.flash.updatePosted" });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showIdea(request, reply, id, { update: { values, errors: fields } }, 400);
    }
  });

  app.post("/ideas/:id/resubmit", { config: { access: "member" }, schema: { params: IdParams, body: EmptyBody } }, async (request, reply) => {
    const newId = await resubmitIdea(db, memberOf(request), request.params.id);
    return redirectWithFlash(reply, `/ideas/${newId}`, { kind: "success", key: "ideas.flash.resubmitted" });
  });

  // ---- submission -------------------------------------------------------------------------

  async function showForm(request: FastifyRequest, reply: FastifyReply, ideaId: number | null, values: IdeaFormValues, errors: FieldErrors | undefined, status = 200): Promise<FastifyReply> {
    const settings = await readSetting(db, ideasSettings);
    const locale = request.locale;
    const idea = ideaId === null ? undefined : await findIdea(db, ideaId);
    const props = {
      ideaId,
      values,
      errors,
      categories: await listCategories(db),
      guidelines: settings.guidelines[locale] || request.t("ideas.terms.defaultGuidelines"),
      licence: settings.licence[locale] || request.t("ideas.terms.defaultLicence"),
      images: ideaId === null ? [] : await imagesOf(db, ideaId),
      similar: values.title.trim() === "" ? [] : await similarIdeas(db, values.title, SIMILAR_LIMIT, ideaId ?? undefined),
      moderationNote: idea?.state === "changes_requested" ? idea.moderation_note : null,
    };
    return sendPage(request, reply, <IdeaFormPage {...props} />, {
      title: request.t(ideaId === null ? "ideas.new.title" : "ideas.edit.title"),
      head: (
        <>
          <IdeasStylesheet />
          <script src="/assets/similar-titles.js" defer />
        </>
      ),
      status,
    });
  }

  /** The idea the actor may edit, or a 404 (not theirs to see) or a 403 (theirs, but no longer editable). */
  async function editableIdea(actor: Actor, id: number) {
    const row = await findIdea(db, id);
    if (!row) throw notFound("idea_not_found", "ideas.errors.notFound");
    assertVisible(actor, row);
    if (!canEditIdea(actor, row)) throw forbidden("idea_not_editable", "ideas.errors.notEditable");
    return row;
  }

  /**
   * Saves the form: text first, then images (each checked and stripped of metadata), then the
   * submission. A refused image leaves the text saved as a draft and shows the form again.
   */
  async function saveIdeaForm(request: FastifyRequest, reply: FastifyReply, existingId: number | null): Promise<FastifyReply> {
    const actor = memberOf(request);
    const body = request.body;
    const intent = fieldText(body, "intent");
    const values: IdeaFormValues = {
      title: fieldText(body, "title", TITLE_MAX * 2),
      body: fieldText(body, "body"),
      language: fieldText(body, "language") || request.locale,
      categoryId: fieldText(body, "categoryId", 12),
      acceptLicence: fieldText(body, "acceptLicence") === "on",
    };
    const files = imageFiles(body);
    const imageCount = existingId === null ? 0 : (await imagesOf(db, existingId)).length;
    const errors = formErrors(request, blankFields(body, ["title", "body"]));
    if (intent === "submit" && !values.acceptLicence) errors.acceptLicence = { key: "ideas.errors.licence" };
    if (imageCount + files.length > MAX_IMAGES_PER_IDEA) errors.images = { key: "uploads.errors.tooMany", params: { limit: MAX_IMAGES_PER_IDEA } };
    if (Object.keys(errors).length > 0) return showForm(request, reply, existingId, values, errors, 400);

    const input: IdeaInput = {
      title: values.title,
      body: values.body,
      language: LOCALES.find((code) => code === values.language) ?? request.locale,
      categoryId: values.categoryId === "" ? null : Number(values.categoryId),
      acceptLicence: values.acceptLicence,
      submit: intent === "submit",
    };
    let id = existingId;
    try {
      const textInput = files.length > 0 ? { ...input, submit: false } : input;
      if (id === null) id = await createIdea(db, actor, textInput);
      else await editIdea(db, actor, id, textInput);
      if (files.length > 0) {
        await addIdeaImages(app.hearth, actor, id, files);
        if (input.submit) await editIdea(db, actor, id, input);
      }
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return showForm(request, reply, id, values, fields, 400);
    }
    if (input.submit) return redirectWithFlash(reply, `/ideas/${id}`, { kind: "success", key: "ideas.flash.submitted" });
    return redirectWithFlash(reply, `/ideas/${id}/edit`, { kind: "success", key: "ideas.flash.draftSaved" });
  }

  // The files limit is one above the most an idea may have, so an eleventh image gets a clear answer from the form.
  const formConfig = { access: "member" as const, multipartOptions: { limits: { files: MAX_IMAGES_PER_IDEA + 1 } } };

  app.get("/ideas/new", { config: { access: "member" } }, async (request, reply) =>
    showForm(request, reply, null, { title: "", body: "", language: request.locale, categoryId: "", acceptLicence: false }, undefined),
  );

  app.post("/ideas/new", { config: formConfig, schema: { body: IdeaFormBody }, attachValidation: true }, async (request, reply) => saveIdeaForm(request, reply, null));

  app.get("/ideas/:id/edit", { config: { access: "member" }, schema: { params: IdParams } }, async (request, reply) => {
    const row = await editableIdea(memberOf(request), request.params.id);
    const values = { title: row.title, body: row.body, language: row.language, categoryId: row.category_id === null ? "" : String(row.category_id), acceptLicence: row.licence_accepted_at !== null };
    return showForm(request, reply, row.id, values, undefined);
  });

  app.post("/ideas/:id/edit", { config: formConfig, schema: { params: IdParams, body: IdeaFormBody }, attachValidation: true }, async (request, reply) => {
    await editableIdea(memberOf(request), request.params.id);
    return saveIdeaForm(request, reply, request.params.id);
  });
}
