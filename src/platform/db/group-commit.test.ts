import assert from "node:assert/strict";
import { test } from "node:test";
import { GroupCommit, type ItemResult } from "./group-commit.ts";

interface Item {
  key: string;
  value: number;
}

/** A writer that records its batches and lets the test finish each one when it chooses. */
function recordingWriter() {
  const batches: Item[][] = [];
  const pending: Array<() => void> = [];
  const write = (items: readonly Item[]) =>
    new Promise<Array<ItemResult<number>>>((resolve) => {
      batches.push([...items]);
      pending.push(() => resolve(items.map((item) => (item.value < 0 ? { ok: false, error: new Error(`refused ${item.value}`) } : { ok: true, value: item.value * 10 }))));
    });
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, write, finishNext };
}

test("items that arrive while a batch is written go together in the next batch, each with its own answer", async () => {
  const writer = recordingWriter();
  const commit = new GroupCommit(writer.write, { maxBatch: 10, concurrency: 1, key: (item: Item) => item.key });
  const first = commit.submit({ key: "a", value: 1 });
  const rest = Promise.allSettled([commit.submit({ key: "b", value: 2 }), commit.submit({ key: "c", value: -3 }), commit.submit({ key: "d", value: 4 })]);
  assert.deepEqual(writer.batches.map((batch) => batch.map((item) => item.value)), [[1]], "the first item is written at once, alone");
  await writer.finishNext();
  assert.equal(await first, 10);
  assert.deepEqual(writer.batches.map((batch) => batch.map((item) => item.value)), [[1], [2, -3, 4]]);
  await writer.finishNext();
  const [second, refused, fourth] = await rest;
  assert.deepEqual(second, { status: "fulfilled", value: 20 });
  assert.equal(refused?.status === "rejected" && String(refused.reason), "Error: refused -3", "a refused item fails alone");
  assert.deepEqual(fourth, { status: "fulfilled", value: 40 });
});

test("items with the same key never share a batch or run at once, and keep their order", async () => {
  const writer = recordingWriter();
  const commit = new GroupCommit(writer.write, { maxBatch: 10, concurrency: 2, key: (item: Item) => item.key });
  const answers = [1, 2, 3].map((value) => commit.submit({ key: "same", value }));
  const other = commit.submit({ key: "other", value: 9 });
  assert.deepEqual(writer.batches.map((batch) => batch.map((item) => item.value)), [[1], [9]], "the second slot takes another key, not the same one");
  await writer.finishNext();
  assert.deepEqual(writer.batches.map((batch) => batch.map((item) => item.value)), [[1], [9], [2]]);
  await writer.finishNext();
  await writer.finishNext();
  await writer.finishNext();
  assert.deepEqual(await Promise.all([...answers, other]), [10, 20, 30, 90]);
  assert.deepEqual(writer.batches.map((batch) => batch.map((item) => item.value)), [[1], [9], [2], [3]]);
});

test("a batch never exceeds its size; a failed write fails every item of its batch and the next batch still runs", async () => {
  const seen: number[] = [];
  let calls = 0;
  const commit = new GroupCommit<Item, number>(
    async (items) => {
      calls++;
      seen.push(items.length);
      if (calls === 2) throw new Error("database gone");
      return items.map((item) => ({ ok: true, value: item.value }));
    },
    { maxBatch: 2, concurrency: 1, key: (item) => item.key },
  );
  const results = await Promise.allSettled([1, 2, 3, 4, 5].map((value) => commit.submit({ key: String(value), value })));
  assert.deepEqual(seen, [1, 2, 2]);
  assert.deepEqual(results.map((result) => result.status), ["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled"]);
});
