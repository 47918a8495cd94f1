/**
 * Verified purchases as the shop exports them: CSV with a header row naming `external_id`, `email`,
 * `product_id` and `purchased_at` (any order, other columns ignored). Parsing is pure; rows that
 * cannot be read are reported by line, not guessed at.
 */

export interface PurchaseRow {
  externalId: string;
  email: string;
  productId: number;
  purchasedAt: Date;
}

export interface PurchaseRowError {
  line: number;
  reason: "columns" | "external_id" | "email" | "product_id" | "purchased_at";
}

export const PURCHASE_COLUMNS = ["external_id", "email", "product_id", "purchased_at"] as const;
export const MAX_PURCHASE_ROWS = 50_000;

/** Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      record.push(field);
      if (record.some((value) => value !== "")) records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  record.push(field);
  if (record.some((value) => value !== "")) records.push(record);
  return records;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The rows of a purchases CSV, and the lines that were refused with why. */
export function readPurchases(text: string): { rows: PurchaseRow[]; errors: PurchaseRowError[] } {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ""));
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const index = Object.fromEntries(PURCHASE_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<(typeof PURCHASE_COLUMNS)[number], number>;
  if (Object.values(index).some((position) => position === -1)) return { rows: [], errors: [{ line: 1, reason: "columns" }] };
  const rows: PurchaseRow[] = [];
  const errors: PurchaseRowError[] = [];
  records.forEach((record, offset) => {
    const line = offset + 2;
    const cell = (column: (typeof PURCHASE_COLUMNS)[number]) => (record[index[column]] ?? "").trim();
    const externalId = cell("external_id");
    const email = cell("email").toLowerCase();
    const productId = Number(cell("product_id"));
    const purchasedAt = new Date(cell("purchased_at"));
    if (externalId === "" || externalId.length > 200) errors.push({ line, reason: "external_id" });
    else if (!EMAIL.test(email) || email.length > 254) errors.push({ line, reason: "email" });
    else if (!Number.isSafeInteger(productId) || productId < 1) errors.push({ line, reason: "product_id" });
    else if (cell("purchased_at") === "" || Number.isNaN(purchasedAt.getTime())) errors.push({ line, reason: "purchased_at" });
    else rows.push({ externalId, email, productId, purchasedAt });
  });
  return { rows, errors };
}
