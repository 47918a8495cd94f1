/** Text rules every community form shares. */
import { invalid } from "../../../../platform/errors.ts";

/** The trimmed text of a required field, or a field error: empty, or longer than `max` characters. */
export function requireText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text === "") throw invalid("text_required", "errors.field.required", { [field]: { key: "errors.field.required" } });
  if (text.length > max) throw invalid("text_too_long", "errors.field.maxLength", { [field]: { key: "errors.field.maxLength", params: { limit: max } } }, { limit: max });
  return text;
}

/** Tags as stored: lower-case, trimmed, de-duplicated, at most `max` of at most 30 characters, letters/digits/dashes. */
export function normalizeTags(input: string | readonly string[], max = 8): string[] {
  const raw = typeof input === "string" ? input.split(/[,،\s]+/) : input;
  const tags = raw.map((tag) => tag.trim().toLocaleLowerCase().replace(/^#/, "")).filter((tag) => /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,29}$/u.test(tag));
  return [...new Set(tags)].slice(0, max);
}
