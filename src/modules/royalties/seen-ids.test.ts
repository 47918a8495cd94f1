/** The id fingerprints: every repeat is reported, and (for a million distinct ids) no false one. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { SeenIds } from "./seen-ids.ts";

describe("ids seen in one input", () => {
  test("reports exactly the ids met before, across table growth", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3000 }), (ids) => {
        const seen = new SeenIds();
        const known = new Set<string>();
        for (const id of ids) {
          assert.equal(seen.add(id), known.has(id), id);
          known.add(id);
        }
      }),
      { numRuns: 30 },
    );
  });

  test("a million distinct sale ids give no false repeat", () => {
    const seen = new SeenIds();
    let repeats = 0;
    for (let index = 0; index < 1_000_000; index += 1) if (seen.add(`L${index}`)) repeats += 1;
    assert.equal(repeats, 0);
    assert.equal(seen.add("L999999"), true);
  });
});
