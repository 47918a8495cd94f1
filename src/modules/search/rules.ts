/** Pure rules of search: which text-search configuration a language uses, and how snippets are cut. */

/** The plain text kept per document; longer bodies are cut (the start of a post says what it is about). */
export const BODY_LIMIT = 20_000;

/**
 * English is stemmed (`running` finds `runs`); Persian and Hebrew have no stemmer in PostgreSQL, so
 * their normalised words are matched as they are ('simple').
 */
export function textSearchConfig(language: "en" | "fa" | "he"): "english" | "simple" {
  return language === "en" ? "english" : "simple";
}

/** Lexemes of a tsquery's text form (`'run' & 'batteri'`), to highlight the words a query matched. */
export function queryLexemes(tsquery: string): string[] {
  const found = new Set<string>();
  for (const match of tsquery.matchAll(/'((?:[^']|'')+)'/g)) {
    const lexeme = match[1]!.replace(/''/g, "'");
    if (lexeme.length >= 2) found.add(lexeme);
  }
  return [...found];
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * A snippet of `text` around its first matching word, split into parts that are hits or not.
 * `normalize` turns a word into its search form; a word is a hit when its search form starts with one of
 * the lexemes (stems are prefixes of their words: `run` → running, `batteri` → batteries).
 * The parts are plain text: the page escapes them and wraps hits in <mark>.
 */
export function cutSnippet(text: string, lexemes: readonly string[], normalize: (word: string) => string, maxLength = 220): SnippetPart[] {
  const words = [...text.matchAll(/[\p{L}\p{M}\p{N}\u200C]+/gu)];
  const isHit = (word: string) => {
    const form = normalize(word);
    return form.length > 0 && lexemes.some((lexeme) => form.startsWith(lexeme));
  };
  const first = words.find((word) => isHit(word[0]));
  let start = 0;
  if (first && first.index! > maxLength / 3) {
    const wanted = first.index! - Math.floor(maxLength / 3);
    const boundary = words.find((word) => word.index! >= wanted);
    start = boundary ? boundary.index! : wanted;
  }
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(" ", end);
    if (lastSpace > start + maxLength / 2) end = lastSpace;
  }
  const parts: SnippetPart[] = [];
  const push = (piece: string, hit: boolean) => {
    if (piece === "") return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += piece;
    else parts.push({ text: piece, hit });
  };
  if (start > 0) push("… ", false);
  let cursor = start;
  for (const word of words) {
    const at = word.index!;
    if (at < start) continue;
    if (at + word[0].length > end) break;
    if (isHit(word[0])) {
      push(text.slice(cursor, at), false);
      push(word[0], true);
      cursor = at + word[0].length;
    }
  }
  push(text.slice(cursor, end), false);
  if (end < text.length) push(" …", false);
  return parts;
}

/** The plain-text form of a snippet (for the API). */
export function snippetText(parts: readonly SnippetPart[]): string {
  return parts.map((part) => part.text).join("");
}

/**
 * The text-search configurations a query is parsed with, by its script: Latin words are English (stemmed
 * like English documents), other scripts are Persian or Hebrew ('simple', like theirs). A mixed query uses
 * both. One configuration per script also keeps the planner's row estimates right (`'a' | 'a'` counted twice).
 */
export function queryConfigs(needle: string): Array<"english" | "simple"> {
  const latin = /\p{Script=Latin}/u.test(needle);
  const other = /[\p{L}\p{N}]/u.test(needle.replace(/[\p{Script=Latin}]/gu, ""));
  if (latin && other) return ["english", "simple"];
  return latin ? ["english"] : ["simple"];
}

/** Persian affixes that people write joined, with a zero-width non-joiner, or with a plain space. */
const PERSIAN_SUFFIX = /([\u0600-\u06FF]) (هایی|های|ها|ای|ترین|تر)(?=$|[^\u0600-\u06FF])/g;
const PERSIAN_PREFIX = /(^|[^\u0600-\u06FF])(نمی|می) (?=[\u0600-\u06FF])/g;

/**
 * The form text is searched in: normalised (platform/search/normalize.ts, which drops the ZWNJ), and with
 * Persian affixes written after a space joined to their word, so "قهوه ای", "قهوه‌ای" and "قهوهای", or
 * "می خواهم" and "می‌خواهم", are one word. Applied alike to what is indexed and to queries.
 */
export function searchForm(text: string, normalize: (text: string) => string): string {
  return normalize(text).replace(PERSIAN_SUFFIX, "$1$2").replace(PERSIAN_PREFIX, "$1$2");
}
