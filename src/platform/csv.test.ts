import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, csvRow } from "./csv.ts";

test("CSV cells that a spreadsheet would run are neutralised", () => {
  assert.equal(csvCell("=HYPERLINK(\"http://evil\",\"x\")"), `"'=HYPERLINK(""http://evil"",""x"")"`);
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) assert.ok(csvCell(`${start}A1`).replace(/^"/, "").startsWith("'"), JSON.stringify(start));
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell(-120), "-120");
  assert.equal(csvCell("-49.99"), "-49.99");
  assert.equal(csvCell("-1+1"), "'-1+1");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("a,b"), `"a,b"`);
});

test("a row joins its cells with commas and ends with CRLF", () => {
  assert.equal(csvRow(["a", 1, "=x"]), "a,1,'=x\r\n");
});
