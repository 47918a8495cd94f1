/** Builds a localized email (subject, plain text and HTML) from catalogue keys. */
import { renderToString } from "preact-render-to-string";
import { direction, translate, type Locale, type Params } from "../i18n/index.ts";

export interface MailContent {
  subjectKey: string;
  /** Catalogue keys of the paragraphs, in order. */
  paragraphKeys: string[];
  params?: Params;
  action?: { labelKey: string; url: string };
  /** A footer line such as an unsubscribe link. */
  footer?: { labelKey: string; url: string };
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** The message in the reader's language, right-to-left where their language is. */
export function composeMail(locale: Locale, content: MailContent): ComposedMail {
  const params = content.params ?? {};
  const t = (key: string) => translate(locale, key, params);
  const site = translate(locale, "site.name");
  const subject = t(content.subjectKey);
  const paragraphs = content.paragraphKeys.map(t);
  const text = [
    ...paragraphs,
    ...(content.action ? [`${t(content.action.labelKey)}: ${content.action.url}`] : []),
    "",
    "— " + site,
    ...(content.footer ? [`${t(content.footer.labelKey)}: ${content.footer.url}`] : []),
  ].join("\n\n");
  const html =
    "<!doctype html>" +
    renderToString(
      <html lang={locale} dir={direction(locale)}>
        <head>
          <meta charSet="utf-8" />
          <title>{subject}</title>
        </head>
        <body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem; margin: 0 auto; padding: 1rem;">
          {paragraphs.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          {content.action ? (
            <p>
              <a href={content.action.url} style="display: inline-block; padding: 0.6rem 1rem; background: #b4461f; color: #fff; border-radius: 6px; text-decoration: none;">
                {t(content.action.labelKey)}
              </a>
            </p>
          ) : null}
          <p style="color: #666;">— {site}</p>
          {content.footer ? (
            <p style="color: #666; font-size: 0.85em;">
              <a href={content.footer.url}>{t(content.footer.labelKey)}</a>
            </p>
          ) : null}
        </body>
      </html>,
    );
  return { subject, text, html };
}
