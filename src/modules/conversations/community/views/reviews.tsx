/**
 * /products/:id/reviews: the product's rating (a Bayesian average with the count, marked up as a
 * schema.org AggregateRating in microdata: no script element, so the CSP has nothing to refuse),
 * its reviews sorted by helpfulness or recency, and the review form.
 */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { FilterTabs } from "../../../../platform/console/filter-tabs.tsx";
import { Button, EmptyState, ErrorSummary, Field, Form, PageHeader, Pagination, Select, Time } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { REVIEW_MAX, REVIEW_SORTS, REVIEW_TITLE_MAX, RESPONSE_MAX, type ProductRating, type ReviewRow, type ReviewSort } from "../reviews/service.ts";
import { languageOptions, Markdown, Stars } from "./shared.tsx";

export interface ReviewsPageProps {
  product: { id: number; name: string };
  rating: ProductRating;
  reviews: ReviewRow[];
  sort: ReviewSort;
  page: number;
  hasNext: boolean;
  /** The viewer's own review id, when they wrote one. */
  mine: number | null;
  /** Reviews the viewer already marked helpful. */
  helped: ReadonlySet<number>;
  form: { values: Record<string, string>; errors?: FieldErrors | undefined };
}

function RatingSummary(props: { rating: ProductRating; name: string }) {
  const { t, formatNumber } = usePage();
  const { rating } = props;
  return (
    <section class="rating-summary" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{t("community.reviews.rating")}</h2>
      <meta itemprop="ratingValue" content={String(rating.average)} />
      <meta itemprop="reviewCount" content={String(rating.count)} />
      <meta itemprop="bestRating" content="5" />
      <meta itemprop="worstRating" content="1" />
      <p class="rating-summary__value">
        <Stars value={rating.average} /> <strong>{formatNumber(rating.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong>{" "}
        <span class="muted">{t("community.reviews.count", { count: rating.count, formatted: formatNumber(rating.count) })}</span>
      </p>
      <p class="muted">{t("community.reviews.bayesianNote")}</p>
      <ul class="rating-bars">
        {rating.distribution.map((row) => (
          <li>
            <span>{t("community.reviews.starCount", { stars: row.stars })}</span> <meter min={0} max={Math.max(1, rating.count)} value={row.count} aria-label={t("community.reviews.starCount", { stars: row.stars })} /> <span>{formatNumber(row.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Review(props: { review: ReviewRow; productId: number; helped: boolean }) {
  const { t, actor, can, formatNumber } = usePage();
  const { review } = props;
  const own = actor?.id === review.author_id;
  return (
    <article class="review" id={`review-${review.id}`} aria-label={t("community.reviews.by", { name: review.author_name })}>
      <p class="review__meta">
        <Stars value={review.rating} /> <strong>{review.author_name}</strong> {review.verified_buyer ? <span class="badge badge--success">{t("community.reviews.verified")}</span> : null} <Time date={review.created_at} />
      </p>
      {review.title ? (
        <h3 lang={review.language} dir="auto">
          {review.title}
        </h3>
      ) : null}
      <Markdown source={review.body} lang={review.language} />
      <p class="review__helpful muted">
        {t("community.reviews.helpfulCount", { count: review.helpful_count, formatted: formatNumber(review.helpful_count) })}
        {actor && !own && !props.helped ? (
          <Form action={`/reviews/${review.id}/helpful`} class="form form--inline">
            <Button variant="secondary" size="small">
              {t("community.reviews.helpful")}
            </Button>
          </Form>
        ) : null}
        {props.helped ? <span class="badge">{t("community.reviews.youFoundHelpful")}</span> : null}
      </p>
      {review.response ? (
        <div class="review__response">
          <p>
            <strong>{t("community.reviews.response")}</strong> {review.response_at ? <Time date={review.response_at} /> : null}
          </p>
          <Markdown source={review.response} />
        </div>
      ) : null}
      {can("reviews.respond") ? (
        <details class="review-respond">
          <summary>{review.response ? t("community.reviews.editResponse") : t("community.reviews.respond")}</summary>
          <Form action={`/reviews/${review.id}/response`}>
            <Field name="response" label={t("community.reviews.response")} value={review.response ?? ""} required multiline maxLength={RESPONSE_MAX} />
            <Button variant="secondary">{t("community.reviews.saveResponse")}</Button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

function ReviewForm(props: { productId: number; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { t, locale } = usePage();
  const stars = [5, 4, 3, 2, 1].map((value) => ({ value: String(value), label: t("community.reviews.starCount", { stars: value }) }));
  return (
    <Form action={`/products/${props.productId}/reviews`} id="write-review" aria-label={t("community.reviews.write")}>
      <h2>{t("community.reviews.write")}</h2>
      <ErrorSummary errors={props.errors} />
      <Select name="rating" label={t("community.reviews.stars")} value={props.values.rating ?? ""} required errors={props.errors} options={[{ value: "", label: t("community.reviews.chooseStars") }, ...stars]} />
      <Field name="title" label={t("community.reviews.titleField")} value={props.values.title} errors={props.errors} maxLength={REVIEW_TITLE_MAX} />
      <Field name="body" label={t("community.reviews.body")} hint={t("community.markdownHint")} value={props.values.body} errors={props.errors} required multiline maxLength={REVIEW_MAX} />
      <Select name="language" label={t("community.language")} value={props.values.language ?? locale} options={languageOptions()} errors={props.errors} />
      <Button>{t("community.reviews.submit")}</Button>
    </Form>
  );
}

export function ReviewsPage(props: ReviewsPageProps) {
  const { t, actor } = usePage();
  const { product } = props;
  const href = (sort: ReviewSort, page = 1) => `/products/${product.id}/reviews?sort=${sort}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <div itemscope itemtype="https://schema.org/Product">
      <PageHeader title={t("community.reviews.title", { name: product.name })} />
      <meta itemprop="name" content={product.name} />
      <RatingSummary rating={props.rating} name={product.name} />
      {props.mine !== null ? (
        <p>
          <a href={`#review-${props.mine}`}>{t("community.reviews.yours")}</a>
        </p>
      ) : actor ? (
        <ReviewForm productId={product.id} values={props.form.values} errors={props.form.errors} />
      ) : (
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(`/products/${product.id}/reviews`)}`}>{t("community.reviews.signIn")}</a>
        </p>
      )}
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("community.reviews.list")}</h2>
        <FilterTabs label={t("community.reviews.sortLabel")} tabs={REVIEW_SORTS.map((sort) => ({ href: href(sort), label: t(`community.reviews.sorts.${sort}`), current: sort === props.sort }))} />
        {props.reviews.length === 0 ? <EmptyState title={t("community.reviews.empty")} /> : props.reviews.map((review) => <Review review={review} productId={product.id} helped={props.helped.has(review.id)} />)}
        <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => href(props.sort, page)} />
      </section>
    </div>
  );
}
