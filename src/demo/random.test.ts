import assert from "node:assert/strict";
import { test } from "node:test";
import { Random, randomFor } from "./random.ts";

test("the same seed gives the same sequence, another seed another", () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const first = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(first, Array.from({ length: 20 }, () => b.next()));
  assert.notDeepEqual(first, Array.from({ length: 20 }, () => c.next()));
  assert.ok(first.every((value) => value >= 0 && value < 1));
});

test("int stays within its bounds and reaches both ends", () => {
  const rng = new Random(7);
  const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 6)));
  assert.deepEqual([...seen].sort(), [1, 2, 3, 4, 5, 6]);
});

test("weighted picks follow the weights", () => {
  const rng = new Random(1);
  const counts = { a: 0, b: 0 };
  for (let i = 0; i < 10_000; i++) counts[rng.weighted({ a: 3, b: 1 })]++;
  assert.ok(counts.a > 7_000 && counts.a < 8_000, `a was picked ${counts.a} times`);
});

test("each step has its own stream", () => {
  assert.notEqual(randomFor(1, "members").next(), randomFor(1, "ideas").next());
  assert.equal(randomFor(1, "members").next(), randomFor(1, "members").next());
});
