/** The body of an error page: what went wrong, in the reader's language, and a way on. */
import { usePage } from "./page-context.ts";

export function ErrorPage(props: { message: string; status?: number }) {
  const { t } = usePage();
  return (
    <section class="error-page">
      <h1>{props.status === 404 ? t("errors.notFoundTitle") : t("errors.somethingWrong")}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
