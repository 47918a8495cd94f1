/** Views of the public product pages. */
import { EmptyState, PageHeader, Pagination } from "../../../platform/web/components.tsx";
import { usePage } from "../../../platform/web/page-context.ts";
import type { ProductDetail, ProductRow } from "../store.ts";

function nameOf(names: Record<string, string>, locale: string): string {
  return names[locale] ?? Object.values(names)[0] ?? "";
}

/** The status and launch date of a product, in words. */
function Status(props: { product: ProductRow }) {
  const { t, formatDate } = usePage();
  const { launchDate, status } = props.product;
  return (
    <p class="product-status">
      {t(`products.status.${status}`)}
      {launchDate ? ` · ${t("products.launch", { date: formatDate(new Date(`${launchDate}T00:00:00Z`), { timeZone: "UTC" }) })}` : ""}
    </p>
  );
}

/** The catalogue. */
export function ProductListPage(props: { products: ProductRow[]; page: number; hasNext: boolean }) {
  const { t, locale } = usePage();
  return (
    <>
      <PageHeader title={t("products.list.title")} lead={t("products.list.lead")} />
      {props.products.length === 0 ? (
        <EmptyState title={t("products.list.empty")} />
      ) : (
        <ul class="card-list" aria-label={t("products.list.title")}>
          {props.products.map((product) => (
            <li class="card">
              <h2>
                <a href={`/products/${product.id}`}>{nameOf(product.names, locale)}</a>
              </h2>
              <Status product={product} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={props.page} hasNext={props.hasNext} pageHref={(page) => (page > 1 ? `/products?page=${page}` : "/products")} />
    </>
  );
}

/** One product: its name, status, SKUs, the creators it came from and a link to the idea's story. */
export function ProductPage(props: { product: ProductDetail; name: string }) {
  const { t, actor } = usePage();
  const { product } = props;
  const isCreator = actor !== null && product.creators.some((creator) => creator.id === actor.id);
  return (
    <article class="product">
      <PageHeader title={props.name} />
      <Status product={product} />
      {product.images.length > 0 ? (
        <div class="product-images">
          {product.images.map((image) => (
            <img src={image.path} alt={image.alt} loading="lazy" />
          ))}
        </div>
      ) : null}
      <section aria-labelledby="product-creators">
        <h2 id="product-creators">{t("products.creators", { count: product.creators.length })}</h2>
        {product.creators.length === 0 ? <p>{t("products.noCreators")}</p> : <ul>{product.creators.map((creator) => <li>{creator.name}</li>)}</ul>}
        {isCreator ? (
          <p>
            <a href="/account/royalties">{t("products.myRoyalties")}</a>
          </p>
        ) : null}
      </section>
      {product.ideaId !== null ? (
        <section aria-labelledby="product-story">
          <h2 id="product-story">{t("products.story.title")}</h2>
          <p>{t("products.story.text")}</p>
          <p>
            <a href={`/ideas/${product.ideaId}`}>{t("products.story.link")}</a>
          </p>
        </section>
      ) : null}
      {product.skus.length > 0 ? (
        <p class="product-skus">
          {t("products.skus")}: <span dir="ltr">{product.skus.join(", ")}</span>
        </p>
      ) : null}
    </article>
  );
}
