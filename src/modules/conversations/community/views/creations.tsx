/** The creations gallery, one creation, and the form to share one. */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { FilterTabs } from "../../../../platform/console/filter-tabs.tsx";
import { Button, EmptyState, ErrorSummary, Field, Form, LinkButton, PageHeader, Pagination, Select, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { CREATION_SORTS, type CollectionView, type CreationDetail, type CreationRow, type CreationSort } from "../creations/queries.ts";
import { COLLECTION_NAME_MAX, CREATION_MAX, CREATION_TITLE_MAX, creationImageUrl, MAX_IMAGES_PER_CREATION } from "../creations/service.ts";
import { FileField, languageOptions, Markdown, productName } from "./shared.tsx";
import { RouteMap } from "./route-map.tsx";

const thumb = (fileName: string) => fileName.replace(/\.webp$/, ".thumb.webp");

function Card(props: { creation: CreationRow }) {
  const { t, formatNumber } = usePage();
  const { creation } = props;
  return (
    <li class="creation-card">
      {creation.cover ? <img src={creationImageUrl(creation.id, thumb(creation.cover))} alt="" loading="lazy" /> : creation.route ? <RouteMap points={creation.route} name={null} meters={creation.route_meters} size={240} /> : null}
      <a href={`/creations/${creation.id}`} class="creation-card__title" lang={creation.language} dir="auto">
        {creation.title}
      </a>
      <p class="muted">
        {creation.featured_at ? <span class="badge badge--info">{t("community.creations.featured")}</span> : null} {t("community.topic.by", { name: creation.author_name })} · {t("community.creations.likes", { count: creation.like_count, formatted: formatNumber(creation.like_count) })}
      </p>
    </li>
  );
}

export function GalleryPage(props: { creations: CreationRow[]; sort: CreationSort; tag: string; page: number; hasNext: boolean }) {
  const { t } = usePage();
  const href = (sort: CreationSort, page = 1) => `/creations?sort=${sort}${props.tag ? `&tag=${encodeURIComponent(props.tag)}` : ""}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <>
      <PageHeader title={t("community.creations.title")} lead={t("community.creations.lead")} actions={<LinkButton href="/creations/new" variant="primary">{t("community.creations.share")}</LinkButton>} />
      <FilterTabs label={t("community.creations.sortLabel")} tabs={CREATION_SORTS.map((sort) => ({ href: href(sort), label: t(`community.creations.sorts.${sort}`), current: sort === props.sort }))} />
      {props.tag ? (
        <p>
          {t("community.creations.taggedWith", { tag: props.tag })} <a href={`/creations?sort=${props.sort}`}>{t("community.creations.allTags")}</a>
        </p>
      ) : null}
      {props.creations.length === 0 ? (
        <EmptyState title={t("community.creations.empty")} />
      ) : (
        <ul class="creation-grid">
          {props.creations.map((creation) => (
            <Card creation={creation} />
          ))}
        </ul>
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => href(props.sort, page)} />
    </>
  );
}

export function CreationPage(props: { creation: CreationDetail }) {
  const { t, actor, can, locale, formatNumber } = usePage();
  const { creation } = props;
  const own = actor?.id === creation.author_id;
  return (
    <article class="creation">
      <p class="breadcrumb">
        <a href="/creations">{t("community.creations.title")}</a>
      </p>
      <header class="page-header">
        <h1 lang={creation.language} dir="auto">
          {creation.title}
        </h1>
        <p class="muted">
          {creation.featured_at ? <span class="badge badge--info">{t("community.creations.featured")}</span> : null}
          {creation.hidden_at ? <span class="badge badge--warning">{t("community.topic.pending")}</span> : null} {t("community.topic.by", { name: creation.author_name })} · <Time date={creation.created_at} />
        </p>
      </header>
      {creation.images.length > 0 ? (
        <ul class="creation-images">
          {creation.images.map((image, index) => (
            <li>
              <a href={creationImageUrl(creation.id, image.file_name)}>
                <img src={creationImageUrl(creation.id, thumb(image.file_name))} alt={t("community.creations.imageAlt", { index: index + 1, count: creation.images.length, title: creation.title })} width={Math.min(480, image.width)} />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {creation.route ? <RouteMap points={creation.route} name={creation.route_name} meters={creation.route_meters} /> : null}
      <Markdown source={creation.body} lang={creation.language} />
      {creation.tags.length > 0 ? (
        <ul class="tags" aria-label={t("community.creations.tags")}>
          {creation.tags.map((tag) => (
            <li>
              <a href={`/creations?tag=${encodeURIComponent(tag)}`} dir="auto">
                #{tag}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {creation.product ? (
        <p>
          {t("community.creations.madeWith")} <a href={`/products/${creation.product.id}/reviews`}>{productName(creation.product.names, locale)}</a>
        </p>
      ) : null}
      <p class="creation__counts">
        {t("community.creations.likes", { count: creation.like_count, formatted: formatNumber(creation.like_count) })} · {t("community.creations.madeTooCount", { count: creation.made_too_count, formatted: formatNumber(creation.made_too_count) })}
      </p>
      {actor ? (
        <div class="creation__actions">
          <Form action={`/creations/${creation.id}/${creation.liked ? "unlike" : "like"}`} class="form form--inline">
            <Button variant={creation.liked ? "secondary" : "primary"} size="small">
              {creation.liked ? t("community.creations.unlike") : t("community.creations.like")}
            </Button>
          </Form>
          {!own && !creation.madeToo ? (
            <Form action={`/creations/${creation.id}/made-too`} class="form form--inline">
              <Button variant="secondary" size="small">
                {t("community.creations.madeToo")}
              </Button>
            </Form>
          ) : null}
          <Form action={`/creations/${creation.id}/collect`} class="form form--inline" aria-label={t("community.creations.collect")}>
            <Select name="collectionId" label={t("community.creations.collection")} value="" options={[{ value: "", label: t("community.creations.newCollection") }, ...creation.collections.map((collection) => ({ value: String(collection.id), label: collection.name }))]} />
            <Field name="name" label={t("community.creations.collectionName")} maxLength={COLLECTION_NAME_MAX} />
            <Button variant="secondary" size="small">
              {t("community.creations.collect")}
            </Button>
          </Form>
          {can("creations.feature") ? (
            <Form action={`/creations/${creation.id}/feature`} class="form form--inline">
              <input type="hidden" name="featured" value={creation.featured_at ? "false" : "true"} />
              <Button variant="secondary" size="small">
                {creation.featured_at ? t("community.creations.unfeature") : t("community.creations.feature")}
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

export function NewCreationPage(props: { products: Array<{ id: number; names: Record<string, string> }>; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const { values, errors } = props;
  return (
    <>
      <PageHeader title={t("community.creations.share")} />
      <Form action="/creations/new" enctype="multipart/form-data" aria-label={t("community.creations.share")}>
        <ErrorSummary errors={errors} />
        <Field name="title" label={t("community.creations.titleField")} value={values.title} errors={errors} required maxLength={CREATION_TITLE_MAX} />
        <Field name="body" label={t("community.creations.body")} hint={t("community.markdownHint")} value={values.body} errors={errors} required multiline maxLength={CREATION_MAX} />
        <Select name="language" label={t("community.language")} value={values.language ?? locale} options={languageOptions()} errors={errors} />
        <Field name="tags" label={t("community.creations.tags")} hint={t("community.creations.tagsHint")} value={values.tags} errors={errors} maxLength={300} />
        <Select name="productId" label={t("community.creations.product")} value={values.productId ?? ""} errors={errors} options={[{ value: "", label: t("community.creations.noProduct") }, ...props.products.map((product) => ({ value: String(product.id), label: productName(product.names, locale) }))]} />
        <FileField name="images" label={t("community.creations.images")} hint={t("community.creations.imagesHint", { max: MAX_IMAGES_PER_CREATION })} accept="image/*" multiple errors={errors} />
        <FileField name="gpx" label={t("community.creations.gpx")} hint={t("community.creations.gpxHint")} accept=".gpx,application/gpx+xml,application/xml" errors={errors} />
        <Button>{t("community.creations.publish")}</Button>
      </Form>
    </>
  );
}

/** /creations/collections/:id: a member's collection of creations. */
export function CollectionPage(props: { collection: CollectionView }) {
  const { t } = usePage();
  const { collection } = props;
  return (
    <>
      <p class="breadcrumb">
        <a href="/creations">{t("community.creations.title")}</a>
      </p>
      <PageHeader title={collection.name} lead={t("community.creations.collectedBy", { name: collection.owner_name })} />
      {collection.creations.length === 0 ? (
        <EmptyState title={t("community.creations.emptyCollection")} />
      ) : (
        <ul class="creation-grid">
          {collection.creations.map((creation) => (
            <Card creation={creation} />
          ))}
        </ul>
      )}
    </>
  );
}
