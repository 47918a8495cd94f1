/**
 * PostgreSQL array literals for the import's set-based statements (`unnest($1::bigint[], …)`). The
 * driver quotes and escapes every element of an array parameter with two regular expressions; for
 * tens of thousands of numbers per statement that is a large share of the import's time in Node.
 */

/** `{1,2,NULL}`: numbers and bigints need no quoting. */
export function numberArray(values: ReadonlyArray<number | bigint | null>): string {
  let text = "{";
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (index > 0) text += ",";
    text += value === null || value === undefined ? "NULL" : String(value);
  }
  return text + "}";
}

const NEEDS_ESCAPE = /[\\"]/;

/** `{"a","b\"c",NULL}`: every text is quoted (so "NULL" stays a text), backslash and quote escaped. */
export function textArray(values: ReadonlyArray<string | null>): string {
  let text = "{";
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (index > 0) text += ",";
    if (value === null || value === undefined) text += "NULL";
    else text += `"${NEEDS_ESCAPE.test(value) ? value.replace(/[\\"]/g, "\\$&") : value}"`;
  }
  return text + "}";
}
