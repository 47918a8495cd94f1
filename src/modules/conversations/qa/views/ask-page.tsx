/** /questions/new: the question form, with similar questions listed (live as the title is typed, with script). */
import type { FieldErrors } from "../../../../platform/errors.ts";
import { LOCALES } from "../../../../platform/i18n/index.ts";
import { Button, ErrorSummary, Field, Form, PageHeader, Select } from "../../../../platform/web/components.tsx";
import { usePage } from "../../../../platform/web/page-context.ts";
import { BODY_MAX, TITLE_MAX } from "../rules.ts";
import { productName } from "../../../products/index.ts";
import { tagName, type TagRow } from "../store.ts";
import { languageName } from "./bits.tsx";

export interface AskValues {
  title: string;
  body: string;
  language: string;
  tags: string;
  /** A product's id, or "" for none. */
  productId: string;
}

export function AskPage(props: {
  values: AskValues;
  errors?: FieldErrors | undefined;
  tags: TagRow[];
  products: Array<{ id: number; names: Record<string, string> }>;
  similar: Array<{ id: number; title: string; answer_count: number }>;
}) {
  const { t, locale } = usePage();
  const { values, errors } = props;
  return (
    <>
      <PageHeader title={t("qa.new.title")} lead={t("qa.new.lead")} />
      <Form action="/questions" id="ask-form">
        <ErrorSummary errors={errors} />
        <Field name="title" label={t("qa.fields.title")} hint={t("qa.fields.titleHint")} value={values.title} errors={errors} maxLength={TITLE_MAX} required />
        <section aria-labelledby="similar-heading" class="qa-similar">
          <h2 id="similar-heading" class="qa-similar__title">
            {t("qa.new.similar")}
          </h2>
          <div id="similar-questions" aria-live="polite" data-similar-source="/api/v1/questions/similar" data-similar-input="field-title" data-none={t("qa.new.noSimilar")}>
            {props.similar.length === 0 ? (
              <p class="muted">{t("qa.new.noSimilar")}</p>
            ) : (
              <ul>
                {props.similar.map((question) => (
                  <li>
                    <a href={`/questions/${question.id}`} dir="auto">
                      {question.title}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        <Field name="body" label={t("qa.fields.body")} hint={t("qa.fields.markdownHint")} multiline value={values.body} errors={errors} maxLength={BODY_MAX} required />
        <Select name="language" label={t("qa.fields.language")} value={values.language} errors={errors} options={LOCALES.map((code) => ({ value: code, label: languageName(code), lang: code }))} />
        <Select
          name="productId"
          label={t("qa.fields.product")}
          value={values.productId}
          errors={errors}
          options={[{ value: "", label: t("qa.fields.noProduct") }, ...props.products.map((product) => ({ value: String(product.id), label: productName(product.names, locale) }))]}
        />
        <Field name="tags" label={t("qa.fields.tags")} hint={t("qa.fields.tagsHint", { tags: props.tags.map((tag) => `${tag.slug} (${tagName(tag, locale)})`).join(", ") })} value={values.tags} errors={errors} maxLength={200} />
        <Button>{t("qa.new.submit")}</Button>
      </Form>
    </>
  );
}
