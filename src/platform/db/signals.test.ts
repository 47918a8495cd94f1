import assert from "node:assert/strict";
import { test } from "node:test";
import { createTestDatabase } from "../../../test/helpers/app.ts";
import { openDatabase } from "./index.ts";
import { onSignal, sendSignal } from "./signals.ts";

async function until(check: () => boolean, ms = 5_000, every = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the signal");
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

test("a signal reaches every process on the same PostgreSQL, at the sender's commit (postgres)", async () => {
  const target = await createTestDatabase();
  // Two app processes, as two databases opened on the same server; each listens on its own connection.
  const first = await openDatabase({ databaseUrl: target.url, poolSize: 2 });
  const second = await openDatabase({ databaseUrl: target.url, poolSize: 2 });
  try {
    let runs = 0;
    onSignal("test.signal", () => runs++);
    // The listeners connect in the background: signal until both hear one (the local run plus two).
    let warmups = 0;
    onSignal("test.warmup", () => warmups++);
    await until(() => {
      if (warmups >= 3) return true;
      warmups = 0;
      void sendSignal(first.db, "test.warmup");
      return false;
    }, 15_000, 300);

    await first.db.transaction().execute(async (tx) => {
      await sendSignal(tx, "test.signal");
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(runs, 1, "inside the transaction only the sender's own handlers ran");
    });
    // After the commit: the local run plus one per listening process.
    await until(() => runs === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(runs, 3, "each process ran the handler once");

    runs = 0;
    await sendSignal(second.db, "another.signal");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(runs, 0, "handlers run only for their own signal");
  } finally {
    await first.close();
    await second.close();
    await target.drop();
  }
});
