/** Content languages named in themselves ("فارسی", "עברית"), as a reader of that language looks for them. */
export function languageName(code: string): string {
  return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
}
