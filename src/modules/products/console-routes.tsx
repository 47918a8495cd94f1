/** The catalogue in the console: the product list, and a form to add or change a product (names, status, launch date, SKUs). */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type, type Static } from "typebox";
import { fieldErrorsOf, textOf, validationErrors } from "../../platform/auth/route-helpers.ts";
import { sendConsolePage } from "../../platform/console/index.ts";
import { IdParams, Text } from "../../platform/console/schemas.ts";
import { invalid, notFound, unauthorized, type FieldErrors } from "../../platform/errors.ts";
import { Button, ErrorSummary, Field, FieldShell, fieldControl, Form, LinkButton, PageHeader, Table } from "../../platform/web/components.tsx";
import { addConsoleNav } from "../../platform/web/navigation.ts";
import { usePage } from "../../platform/web/page-context.ts";
import { redirectWithFlash } from "../../platform/web/render.tsx";
import { addProductImage, createProduct, listProducts, productDetail, PRODUCT_STATUSES, updateProduct, type ProductInput, type ProductRow } from "./store.ts";

addConsoleNav({ href: "/console/products", labelKey: "products.console.nav", order: 400, action: "products.manage" });

const access = { action: "products.manage" };
const ProductBody = Type.Object(
  {
    name_en: Text({ maxLength: 200 }),
    name_fa: Text({ maxLength: 200 }),
    name_he: Text({ maxLength: 200 }),
    status: Type.Enum([...PRODUCT_STATUSES]),
    launch_date: Type.String({ pattern: "^(\\d{4}-\\d{2}-\\d{2})?$" }),
    skus: Text({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
type ProductForm = Record<keyof Static<typeof ProductBody>, string>;

function inputOf(body: Static<typeof ProductBody>): ProductInput {
  return {
    names: { en: body.name_en, fa: body.name_fa, he: body.name_he },
    status: body.status,
    launchDate: body.launch_date === "" ? null : body.launch_date,
    skus: body.skus.split(/[\s,]+/).filter((sku) => sku !== ""),
  };
}

function formOf(product: ProductRow | undefined): ProductForm {
  return {
    name_en: product?.names.en ?? "",
    name_fa: product?.names.fa ?? "",
    name_he: product?.names.he ?? "",
    status: product?.status ?? "planned",
    launch_date: product?.launchDate ?? "",
    skus: product?.skus.join(", ") ?? "",
  };
}

function ProductList(props: { products: ProductRow[] }) {
  const { t, locale } = usePage();
  return (
    <>
      <PageHeader title={t("products.console.title")} actions={<LinkButton href="/console/products/new">{t("products.console.new")}</LinkButton>} />
      <Table
        caption={t("products.console.title")}
        rows={props.products}
        empty={t("products.list.empty")}
        columns={[
          { label: t("products.console.name"), cell: (row) => <a href={`/console/products/${row.id}`}>{row.names[locale] ?? Object.values(row.names)[0] ?? `#${row.id}`}</a> },
          { label: t("products.console.status"), cell: (row) => t(`products.status.${row.status}`) },
          { label: t("products.skus"), cell: (row) => <span dir="ltr">{row.skus.join(", ")}</span> },
          { label: t("products.console.idea"), cell: (row) => (row.ideaId === null ? "" : <a href={`/ideas/${row.ideaId}`}>#{row.ideaId}</a>) },
        ]}
      />
    </>
  );
}

function ProductFormPage(props: { action: string; title: string; values: ProductForm; errors?: FieldErrors | undefined; imagesAction?: string | undefined }) {
  const { t } = usePage();
  const { values, errors } = props;
  const status = { field: "status", label: t("products.console.status"), errors };
  return (
    <>
      <PageHeader title={props.title} />
      <Form action={props.action} aria-label={props.title}>
        <ErrorSummary errors={errors} />
        <Field name="name_en" label={t("products.console.nameIn", { language: "English" })} value={values.name_en} errors={errors} dir="ltr" />
        <Field name="name_fa" label={t("products.console.nameIn", { language: "فارسی" })} value={values.name_fa} errors={errors} dir="rtl" />
        <Field name="name_he" label={t("products.console.nameIn", { language: "עברית" })} value={values.name_he} errors={errors} dir="rtl" />
        <FieldShell {...status}>
          <select {...fieldControl(status, "status")}>
            {PRODUCT_STATUSES.map((value) => (
              <option value={value} selected={value === values.status}>
                {t(`products.status.${value}`)}
              </option>
            ))}
          </select>
        </FieldShell>
        <Field name="launch_date" type="date" label={t("products.console.launchDate")} value={values.launch_date} errors={errors} />
        <Field name="skus" label={t("products.skus")} hint={t("products.console.skusHint")} value={values.skus} errors={errors} dir="ltr" />
        <Button>{t("products.console.save")}</Button>
      </Form>
      {props.imagesAction ? <ImageForm action={props.imagesAction} errors={errors} /> : null}
    </>
  );
}

function ImageForm(props: { action: string; errors?: FieldErrors | undefined }) {
  const { t } = usePage();
  const image = { field: "image", label: t("products.console.image"), errors: props.errors };
  return (
    <Form action={props.action} enctype="multipart/form-data" aria-label={t("products.console.addImage")}>
      <h2>{t("products.console.addImage")}</h2>
      <FieldShell {...image}>
        <input {...fieldControl(image, "image")} type="file" accept="image/*" />
      </FieldShell>
      <Field name="alt" label={t("products.console.alt")} errors={props.errors} />
      <Button variant="secondary">{t("products.console.addImage")}</Button>
    </Form>
  );
}

/** Registers the catalogue's console pages. */
export async function productsConsoleRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  const sendForm = (request: FastifyRequest, reply: FastifyReply, action: string, values: ProductForm, errors?: FieldErrors) =>
    sendConsolePage(request, reply, <ProductFormPage action={action} title={request.t(action.endsWith("/new") ? "products.console.new" : "products.console.edit")} values={values} errors={errors} imagesAction={action.endsWith("/new") ? undefined : `${action}/images`} />, {
      title: request.t("products.console.title"),
      status: errors ? 400 : 200,
    });

  const formFromBody = (body: unknown): ProductForm => ({
    name_en: textOf(body, "name_en"),
    name_fa: textOf(body, "name_fa"),
    name_he: textOf(body, "name_he"),
    status: textOf(body, "status"),
    launch_date: textOf(body, "launch_date"),
    skus: textOf(body, "skus"),
  });

  app.get("/console/products", { config: { access } }, async (request, reply) => {
    const products = await listProducts(db, { limit: 500, offset: 0 });
    return sendConsolePage(request, reply, <ProductList products={products} />, { title: request.t("products.console.title") });
  });

  app.get("/console/products/new", { config: { access } }, (request, reply) => sendForm(request, reply, "/console/products/new", formOf(undefined)));

  app.get("/console/products/:id", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    const product = await productDetail(db, request.params.id);
    if (!product) throw notFound("product_not_found", "products.errors.notFound");
    return sendForm(request, reply, `/console/products/${product.id}`, formOf(product));
  });

  const save = async (request: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const action = id === null ? "/console/products/new" : `/console/products/${id}`;
    const errors = validationErrors(request);
    if (errors) return sendForm(request, reply, action, formFromBody(request.body), errors);
    if (!request.actor) throw unauthorized();
    const input = inputOf(request.body as Static<typeof ProductBody>);
    try {
      const productId = id === null ? await createProduct(db, request.actor, input, request.ip) : id;
      if (id !== null) await updateProduct(db, request.actor, id, input, request.ip);
      return redirectWithFlash(reply, `/console/products/${productId}`, { kind: "success", key: "products.console.saved" });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      return sendForm(request, reply, action, formFromBody(request.body), fields);
    }
  };

  app.post("/console/products/:id/images", { config: { access }, schema: { params: IdParams } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const id = request.params.id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = body.image;
    try {
      if (!Buffer.isBuffer(file) || file.length === 0) throw invalid("validation_failed", "errors.validation", { image: { key: "uploads.errors.notImage" } });
      await addProductImage(app.hearth, request.actor, id, file, typeof body.alt === "string" ? body.alt : "", request.ip);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) throw error;
      const product = await productDetail(db, id);
      if (!product) throw notFound("product_not_found", "products.errors.notFound");
      return sendForm(request, reply, `/console/products/${id}`, formOf(product), fields);
    }
    return redirectWithFlash(reply, `/console/products/${id}`, { kind: "success", key: "products.console.imageAdded" });
  });

  app.post("/console/products/new", { config: { access }, schema: { body: ProductBody }, attachValidation: true }, (request, reply) => save(request, reply, null));
  app.post("/console/products/:id", { config: { access }, schema: { params: IdParams, body: ProductBody }, attachValidation: true }, (request, reply) => save(request, reply, request.params.id));
}
