import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeText } from "../../platform/search/normalize.ts";
import { cutSnippet, queryConfigs, queryLexemes, searchForm, snippetText, textSearchConfig } from "./rules.ts";

test("English is stemmed, Persian and Hebrew matched word for word", () => {
  assert.equal(textSearchConfig("en"), "english");
  assert.equal(textSearchConfig("fa"), "simple");
  assert.equal(textSearchConfig("he"), "simple");
});

test("lexemes are read from a tsquery's text", () => {
  assert.deepEqual(queryLexemes("'run' & 'batteri' | 'it''s' & 'a'"), ["run", "batteri", "it's"]);
});

test("snippets mark stemmed and normalised matches, as plain-text parts", () => {
  const parts = cutSnippet("Running <b>batteries</b> and كتاب", ["run", "batteri", "کتاب"], normalizeText);
  assert.deepEqual(parts, [
    { text: "Running", hit: true },
    { text: " <b>", hit: false },
    { text: "batteries", hit: true },
    { text: "</b> and ", hit: false },
    { text: "كتاب", hit: true },
  ]);
});

test("a long text is cut around the first match", () => {
  const text = `${"filler ".repeat(100)}the valve is here ${"more ".repeat(100)}`;
  const snippet = snippetText(cutSnippet(text, ["valve"], normalizeText, 100));
  assert.ok(snippet.startsWith("… "));
  assert.ok(snippet.endsWith(" …"));
  assert.ok(snippet.includes("valve"));
  assert.ok(snippet.length <= 110);
});

test("a query is parsed by its script: Latin as English, other scripts word for word, mixed as both", () => {
  assert.deepEqual(queryConfigs("pressure cooker"), ["english"]);
  assert.deepEqual(queryConfigs("زودپز ۲۲"), ["simple"]);
  assert.deepEqual(queryConfigs("סיר לחץ"), ["simple"]);
  assert.deepEqual(queryConfigs("instant pot زودپز"), ["english", "simple"]);
});

test("Persian affixes after a space join their word, as they do after a ZWNJ", () => {
  const form = (text: string) => searchForm(text, normalizeText);
  assert.equal(form("برنج قهوه ای"), form("برنج قهوه\u200Cای"));
  assert.equal(form("کتاب های آشپزی"), form("کتاب\u200Cهای آشپزی"));
  assert.equal(form("می خواهم"), "میخواهم");
  assert.equal(form("نمی دانم"), "نمیدانم");
  assert.equal(form("how to cook"), "how to cook");
});
