/**
 * Language-aware text normalisation for search and similarity, so that the same word written
 * differently still matches:
 * - Persian: Arabic yeh/kaf (ي ى ك) → Persian (ی ک), teh marbuta and heh-with-yeh → heh, alef variants → alef,
 *   zero-width non-joiner and kashida (tatweel) removed, Arabic diacritics (harakat) removed;
 * - Hebrew: niqqud and cantillation marks removed;
 * - every script: Unicode NFKC, lower case, Persian/Arabic-Indic digits → ASCII digits.
 */

const PERSIAN_LETTERS: Record<string, string> = {
  "\u064A": "\u06CC", // ARABIC YEH → FARSI YEH
  "\u0649": "\u06CC", // ALEF MAKSURA → FARSI YEH
  "\u0643": "\u06A9", // ARABIC KAF → KEHEH
  "\u0629": "\u0647", // TEH MARBUTA → HEH
  "\u06C0": "\u0647", // HEH WITH YEH ABOVE → HEH
  "\u0623": "\u0627", // ALEF WITH HAMZA ABOVE → ALEF
  "\u0625": "\u0627", // ALEF WITH HAMZA BELOW → ALEF
  "\u0622": "\u0627", // ALEF WITH MADDA → ALEF
  "\u0671": "\u0627", // ALEF WASLA → ALEF
};

const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const HEBREW_POINTS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/g;
const JOINERS = /[\u200C\u200D\u0640\u200E\u200F\u00AD]/g;
const EASTERN_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;

function asciiDigit(digit: string): string {
  const code = digit.charCodeAt(0);
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
}

/** The search form of a text: what is stored for matching and what queries are turned into. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(JOINERS, "")
    .replace(ARABIC_DIACRITICS, "")
    .replace(HEBREW_POINTS, "")
    .replace(/[\u0600-\u06FF]/g, (letter) => PERSIAN_LETTERS[letter] ?? letter)
    .replace(EASTERN_DIGITS, asciiDigit)
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
