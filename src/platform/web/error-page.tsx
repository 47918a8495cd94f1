/** The body of an error page: what went wrong, in the reader's language, and a way on. */
import { LinkButton } from "./components.tsx";
import { usePage } from "./page-context.ts";

export function ErrorPage(props: { message: string; status?: number }) {
  const { t, formatNumber } = usePage();
  return (
    <section class="error-page">
      {props.status ? (
        <p class="error-page__code" aria-hidden="true">
          {formatNumber(props.status, { useGrouping: false })}
        </p>
      ) : null}
      <h1>{props.status === 404 ? t("errors.notFoundTitle") : t("errors.somethingWrong")}</h1>
      <p>{props.message}</p>
      <LinkButton href="/" variant="primary">
        {t("errors.backHome")}
      </LinkButton>
    </section>
  );
}
