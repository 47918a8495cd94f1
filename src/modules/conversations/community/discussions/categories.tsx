/** The console page where community managers add and rename discussion categories (audited). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { recordAudit } from "../../../../platform/audit/index.ts";
import type { Actor } from "../../../../platform/auth/permissions.ts";
import { authorize } from "../../../../platform/auth/permissions.ts";
import { sendConsolePage } from "../../../../platform/console/index.ts";
import { IdParams, Text } from "../../../../platform/console/schemas.ts";
import { inTransaction, type Executor } from "../../../../platform/db/index.ts";
import { invalid, notFound, type FieldErrors } from "../../../../platform/errors.ts";
import { LOCALES } from "../../../../platform/i18n/index.ts";
import { Button, ErrorSummary, Field, Form, PageHeader, Table } from "../../../../platform/web/components.tsx";
import { addConsoleNav } from "../../../../platform/web/navigation.ts";
import { usePage } from "../../../../platform/web/page-context.ts";
import { redirectWithFlash } from "../../../../platform/web/render.tsx";
import { fieldText, memberOf, schemaErrors, withFieldErrors } from "../forms.ts";
import { requireText } from "../rules/text.ts";
import { CommunityStylesheet } from "../views/shared.tsx";
import { listCategories, type CategoryRow } from "./queries.ts";

addConsoleNav({ href: "/console/discussions/categories", labelKey: "community.categories.nav", order: 290, action: "discussions.categories" });

const NAME_MAX = 60;
const DESCRIPTION_MAX = 300;
const SLUG = /^[a-z0-9][a-z0-9-]{0,58}$/;

export interface CategoryInput {
  slug: string;
  names: Record<string, string>;
  descriptions: Record<string, string>;
}

function checked(input: CategoryInput): CategoryInput {
  if (!SLUG.test(input.slug)) throw invalid("invalid_slug", "community.categories.slugRule", { slug: { key: "community.categories.slugRule" } });
  const names = Object.fromEntries(LOCALES.map((code) => [code, requireText(`name_${code}`, input.names[code] ?? "", NAME_MAX)]));
  const descriptions = Object.fromEntries(LOCALES.map((code) => [code, (input.descriptions[code] ?? "").trim().slice(0, DESCRIPTION_MAX)]));
  return { slug: input.slug, names, descriptions };
}

/** Adds a category, or renames the one with `id`; audited. */
export async function saveCategory(db: Executor, actor: Actor, id: number | null, input: CategoryInput, context: { ip?: string } = {}): Promise<number> {
  authorize(actor, "discussions.categories");
  const category = checked(input);
  return inTransaction(db, async (tx) => {
    const clash = await tx.selectFrom("discussion_categories").select("id").where("slug", "=", category.slug).executeTakeFirst();
    if (clash && clash.id !== id) throw invalid("slug_taken", "community.categories.slugTaken", { slug: { key: "community.categories.slugTaken" } });
    const values = { slug: category.slug, names: JSON.stringify(category.names), descriptions: JSON.stringify(category.descriptions) };
    let saved: number;
    if (id === null) {
      saved = (await tx.insertInto("discussion_categories").values(values).returning("id").executeTakeFirstOrThrow()).id;
    } else {
      const updated = await tx.updateTable("discussion_categories").set(values).where("id", "=", id).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notFound("category_not_found", "community.errors.categoryNotFound");
      saved = id;
    }
    await recordAudit(tx, { actorId: actor.id, action: id === null ? "discussions.category.create" : "discussions.category.update", subjectType: "discussion_category", subjectId: saved, details: { slug: category.slug }, ip: context.ip ?? null });
    return saved;
  });
}

function CategoryFields(props: { values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  return (
    <>
      <Field name="slug" label={t("community.categories.slug")} hint={t("community.categories.slugRule")} value={props.values.slug} errors={props.errors} required maxLength={59} dir="ltr" />
      {LOCALES.map((code) => (
        <Field name={`name_${code}`} label={t(`community.categories.name_${code}`)} value={props.values[`name_${code}`]} errors={props.errors} required maxLength={NAME_MAX} />
      ))}
      {LOCALES.map((code) => (
        <Field name={`description_${code}`} label={t(`community.categories.description_${code}`)} value={props.values[`description_${code}`]} maxLength={DESCRIPTION_MAX} />
      ))}
    </>
  );
}

function valuesOf(category: CategoryRow): Record<string, string> {
  return { slug: category.slug, ...Object.fromEntries(LOCALES.flatMap((code) => [[`name_${code}`, category.names[code] ?? ""], [`description_${code}`, category.descriptions[code] ?? ""]])) };
}

/** The categories with links to edit each, and the form to add one (or to edit `editing`). */
function CategoriesPage(props: { categories: CategoryRow[]; editing: CategoryRow | null; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const action = props.editing ? `/console/discussions/categories/${props.editing.id}` : "/console/discussions/categories";
  const heading = props.editing ? props.editing.slug : t("community.categories.add");
  return (
    <>
      <PageHeader title={t("community.categories.title")} />
      <Table
        caption={t("community.categories.title")}
        rows={props.categories}
        columns={[
          { label: t("community.categories.slug"), cell: (row) => <a href={`/console/discussions/categories/${row.id}`}>{row.slug}</a> },
          ...LOCALES.map((code) => ({ label: t(`community.categories.name_${code}`), cell: (row: CategoryRow) => <span lang={code}>{row.names[code] ?? ""}</span> })),
          { label: t("community.discussions.categories"), cell: (row) => String(row.topics), numeric: true },
        ]}
      />
      <Form action={action} aria-label={heading}>
        <h2>{heading}</h2>
        <ErrorSummary errors={props.errors} />
        <CategoryFields values={props.values} errors={props.errors} />
        <Button>{props.editing ? t("community.categories.save") : t("community.categories.add")}</Button>
      </Form>
    </>
  );
}

const FIELDS = ["slug", ...LOCALES.flatMap((code) => [`name_${code}`, `description_${code}`])];
const CategoryBody = Type.Object(Object.fromEntries(FIELDS.map((name) => [name, Type.Optional(Text({ maxLength: 400 }))])), { additionalProperties: false });

export async function categoryConsoleRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  const access = { access: { action: "discussions.categories" } };

  async function show(request: FastifyRequest, reply: FastifyReply, editingId: number | null, values: Record<string, string> | null, errors?: FieldErrors, status = 200): Promise<FastifyReply> {
    const categories = await listCategories(db);
    const editing = editingId === null ? null : (categories.find((category) => category.id === editingId) ?? null);
    if (editingId !== null && !editing) throw notFound("category_not_found", "community.errors.categoryNotFound");
    const page = <CategoriesPage categories={categories} editing={editing} values={values ?? (editing ? valuesOf(editing) : {})} errors={errors} />;
    return sendConsolePage(request, reply, page, { title: request.t("community.categories.title"), head: <CommunityStylesheet />, status });
  }

  const inputOf = (values: Record<string, string>): CategoryInput => ({
    slug: (values.slug ?? "").trim().toLowerCase(),
    names: Object.fromEntries(LOCALES.map((code) => [code, values[`name_${code}`] ?? ""])),
    descriptions: Object.fromEntries(LOCALES.map((code) => [code, values[`description_${code}`] ?? ""])),
  });

  app.get("/console/discussions/categories", { config: access }, async (request, reply) => show(request, reply, null, null));
  app.get("/console/discussions/categories/:id", { config: access, schema: { params: IdParams } }, async (request, reply) => show(request, reply, request.params.id, null));

  async function save(request: FastifyRequest, reply: FastifyReply, id: number | null): Promise<FastifyReply> {
    const values = Object.fromEntries(FIELDS.map((name) => [name, fieldText(request.body, name, 400)]));
    const errors = schemaErrors(request);
    if (errors) return show(request, reply, id, values, errors, 400);
    const result = await withFieldErrors(() => saveCategory(db, memberOf(request), id, inputOf(values), { ip: request.ip }));
    if (!result.ok) return show(request, reply, id, values, result.errors, 400);
    return redirectWithFlash(reply, "/console/discussions/categories", { kind: "success", key: "community.flash.categorySaved" });
  }

  app.post("/console/discussions/categories", { config: access, schema: { body: CategoryBody }, attachValidation: true }, async (request, reply) => save(request, reply, null));
  app.post("/console/discussions/categories/:id", { config: access, schema: { params: IdParams, body: CategoryBody }, attachValidation: true }, async (request, reply) => save(request, reply, request.params.id));
}
