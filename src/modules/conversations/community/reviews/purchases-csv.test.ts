import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCsv, readPurchases } from "./purchases-csv.ts";

describe("purchases CSV", () => {
  test("quoted fields, doubled quotes, commas and newlines inside quotes, CRLF, blank lines", () => {
    assert.deepEqual(parseCsv('a,"b, c","say ""hi"""\r\n\r\n"multi\nline",2,3\n'), [
      ["a", "b, c", 'say "hi"'],
      ["multi\nline", "2", "3"],
    ]);
  });

  test("columns in any order, extra columns ignored, emails lower-cased, a byte-order mark skipped", () => {
    const { rows, errors } = readPurchases("\uFEFFsku,purchased_at,EMAIL,product_id,external_id\nX,2026-02-01T09:00:00Z,Ana@Example.TEST,7,order-9\n");
    assert.deepEqual(errors, []);
    assert.deepEqual(rows, [{ externalId: "order-9", email: "ana@example.test", productId: 7, purchasedAt: new Date("2026-02-01T09:00:00Z") }]);
  });

  test("bad lines are reported by line number and reason, good ones kept", () => {
    const csv = ["external_id,email,product_id,purchased_at", ",a@b.cd,1,2026-01-01", "o2,not-an-email,1,2026-01-01", "o3,a@b.cd,one,2026-01-01", "o4,a@b.cd,1,yesterday", "o5,a@b.cd,1,2026-01-01"].join("\n");
    const { rows, errors } = readPurchases(csv);
    assert.deepEqual(errors, [
      { line: 2, reason: "external_id" },
      { line: 3, reason: "email" },
      { line: 4, reason: "product_id" },
      { line: 5, reason: "purchased_at" },
    ]);
    assert.deepEqual(rows.map((row) => row.externalId), ["o5"]);
  });

  test("a header without the needed columns is refused as a whole", () => {
    assert.deepEqual(readPurchases("id,email\n1,a@b.cd\n"), { rows: [], errors: [{ line: 1, reason: "columns" }] });
  });
});
