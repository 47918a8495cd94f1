import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IntlMessageFormat } from "intl-messageformat";
import { direction, formatDate, formatNumber, loadCatalogue, negotiateLocale, translate, LOCALES } from "./index.ts";

describe("message catalogues", () => {
  const english = loadCatalogue("en");

  for (const locale of LOCALES) {
    test(`${locale} has every key that English has, and no extra ones`, () => {
      const catalogue = loadCatalogue(locale);
      const missing = [...english.keys()].filter((key) => !catalogue.has(key));
      const extra = [...catalogue.keys()].filter((key) => !english.has(key));
      assert.deepEqual(missing, [], `missing in ${locale}`);
      assert.deepEqual(extra, [], `unknown keys in ${locale}`);
    });

    test(`${locale} messages are valid ICU and use the same placeholders as English`, () => {
      const catalogue = loadCatalogue(locale);
      const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]));
      for (const [key, message] of catalogue) {
        assert.doesNotThrow(() => new IntlMessageFormat(message, locale), `${locale}:${key} does not parse`);
        const source = english.get(key);
        if (source !== undefined) {
          for (const name of placeholders(message)) assert.ok(placeholders(source).has(name), `${locale}:${key} uses {${name}} that English does not`);
        }
      }
    });
  }

  test("Persian and Hebrew translations are not copies of English", () => {
    for (const locale of ["fa", "he"] as const) {
      const catalogue = loadCatalogue(locale);
      const copied = [...english.entries()].filter(([key, text]) => /[a-z]{4,}/i.test(text.replace(/\{[^}]*\}/g, "")) && catalogue.get(key) === text && !key.startsWith("site."));
      assert.deepEqual(copied.map(([key]) => key), [], `${locale} copies English`);
    }
  });
});

describe("locale negotiation and formatting", () => {
  test("Accept-Language picks the best supported language by quality", () => {
    assert.equal(negotiateLocale("de-DE,fa;q=0.8,en;q=0.5"), "fa");
    assert.equal(negotiateLocale("he-IL"), "he");
    assert.equal(negotiateLocale("iw"), "he");
    assert.equal(negotiateLocale("de,fr"), undefined);
    assert.equal(negotiateLocale("en;q=0,fa;q=0.1"), "fa");
  });

  test("fa and he are right-to-left", () => {
    assert.equal(direction("fa"), "rtl");
    assert.equal(direction("he"), "rtl");
    assert.equal(direction("en"), "ltr");
  });

  test("Persian dates use the Persian calendar and Persian digits", () => {
    const nowruz = new Date("2026-03-21T12:00:00Z");
    const text = formatDate("fa", nowruz);
    assert.match(text, /فروردین/);
    assert.match(text, /۱۴۰۵/);
  });

  test("numbers use each locale's digits", () => {
    assert.equal(formatNumber("fa", 1234), "۱٬۲۳۴");
    assert.equal(formatNumber("en", 1234), "1,234");
  });

  test("a missing key falls back to English, then to the key itself", () => {
    assert.equal(translate("fa", "no.such.key"), "no.such.key");
  });
});
