import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalizeText } from "./normalize.ts";

describe("search normalisation", () => {
  test("Arabic yeh and kaf become Persian yeh and kaf", () => {
    assert.equal(normalizeText("كيف"), normalizeText("کیف"));
    assert.equal(normalizeText("ماشين"), "ماشین");
  });

  test("the zero-width non-joiner and kashida do not matter", () => {
    assert.equal(normalizeText("می‌خواهم"), normalizeText("میخواهم"));
    assert.equal(normalizeText("کتـــاب"), "کتاب");
  });

  test("Persian and Arabic-Indic digits become ASCII digits", () => {
    assert.equal(normalizeText("نسخه ۲۰۲۶ و ٣"), "نسخه 2026 و 3");
  });

  test("Hebrew niqqud is removed", () => {
    assert.equal(normalizeText("שָׁלוֹם"), "שלום");
    assert.equal(normalizeText("בְּרֵאשִׁית"), "בראשית");
  });

  test("Latin text is case-folded and spaces collapsed", () => {
    assert.equal(normalizeText("  Hello\tWORLD  "), "hello world");
  });
});
