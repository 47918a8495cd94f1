/** Array literals read back by PostgreSQL (PGlite and the server) as the values they were made from. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { DATABASE_KINDS, openTestDatabase } from "../../../test/helpers/app.ts";
import { numberArray, textArray } from "./pg-array.ts";

describe("array literals", () => {
  test("shapes", () => {
    assert.equal(numberArray([1, -2n, null]), "{1,-2,NULL}");
    assert.equal(numberArray([]), "{}");
    assert.equal(textArray(["a", 'b"c', "d\\e", "NULL", null, "x,{y}"]), '{"a","b\\"c","d\\\\e","NULL",NULL,"x,{y}"}');
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`array literals read back (${kind})`, () => {
    let database: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      database = await openTestDatabase(kind);
    });
    after(async () => {
      await database.dispose();
    });

    test("any texts (printable ASCII, as external ids are) and integers come back unchanged", async () => {
      const texts = fc.array(fc.option(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 12 }), { freq: 5 }), { maxLength: 20 });
      const numbers = fc.array(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { freq: 5 }), { maxLength: 20 });
      await fc.assert(
        fc.asyncProperty(texts, numbers, async (strings, integers) => {
          const back = await sql<{ t: Array<string | null>; n: Array<string | null> }>`select ${textArray(strings)}::text[] as t, ${numberArray(integers)}::bigint[]::text[] as n`.execute(database.database.db);
          assert.deepEqual(back.rows[0]?.t, strings);
          assert.deepEqual(back.rows[0]?.n, integers.map((value) => (value === null ? null : String(value))));
        }),
        { numRuns: 40 },
      );
    });
  });
}
