/** CSV for downloads that people open in a spreadsheet: cells that could run as formulas are neutralised. */

/**
 * A CSV cell that a spreadsheet will not run as a formula (OWASP: cells starting with = + - @ tab or
 * CR get a leading apostrophe, except plain numbers), quoted when it holds a separator, quote or line break.
 */
export function csvCell(value: string | number): string {
  // A plain number (−49.99) cannot be a formula and stays a number for the spreadsheet.
  if (typeof value === "number" || /^-?\d+(\.\d+)?$/.test(value)) return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV row. */
export function csvRow(values: ReadonlyArray<string | number>): string {
  return values.map(csvCell).join(",") + "\r\n";
}
