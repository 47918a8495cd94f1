/** The ambassador agreement's terms per language, edited by the community team; empty means the built-in text. */
import { Type, type Static } from "typebox";
import type { Locale, Translate } from "../../platform/i18n/index.ts";
import { defineSetting } from "../../platform/settings/index.ts";

export const TERMS_MAX = 20_000;
const Terms = Type.String({ maxLength: TERMS_MAX });

export const AmbassadorsSettingsSchema = Type.Object({ terms: Type.Object({ en: Terms, fa: Terms, he: Terms }) });
export type AmbassadorsSettings = Static<typeof AmbassadorsSettingsSchema>;

export const ambassadorsSettings = defineSetting("ambassadors", AmbassadorsSettingsSchema, { terms: { en: "", fa: "", he: "" } });

/** The terms a member reads in their language: the site's own text, or the built-in one. */
export function termsText(settings: AmbassadorsSettings, locale: Locale, t: Translate): string {
  return settings.terms[locale].trim() || t("ambassadors.agreement.defaultTerms");
}
