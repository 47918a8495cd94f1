/**
 * An import killed half-way (SIGKILL, on PostgreSQL) and run again ends exactly like one clean
 * import: chunks commit whole and are idempotent by external id, and the accruals make a period's
 * royalty independent of how its lines were split between runs.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../../test/helpers/app.ts";
import { salesCsvStream, seedRoyalties } from "../../../test/fixtures/royalties/sales-fixture.ts";
import type { Database } from "../../platform/db/index.ts";
import { importSales } from "./import.ts";
import { csvSource } from "./sources.ts";
import { unbalancedEntries } from "./test-support.ts";

const LINES = 100_000;
const CREATORS = 50;
const CHILD = join(import.meta.dirname, "../../../test/fixtures/royalties/import-child.ts");

/** What must come out the same: lines, amounts, and every creator's royalty per currency and period. */
async function outcome(database: Database) {
  const lines = await sql<{ count: number; net: string }>`select count(*)::int as count, coalesce(sum(net_amount_minor), 0)::text as net from sales_lines`.execute(database.db);
  const royalties = await sql<{ key: string; total: string }>`
    select a.email || '|' || p.currency || '|' || p.period_start::text as key, sum(p.amount_minor)::text as total
    from journal_postings p join accounts a on a.id = p.creator_id where p.account = 'royalties_payable' group by 1 order by 1`.execute(database.db);
  const expense = await sql<{ total: string }>`select coalesce(sum(amount_minor), 0)::text as total from journal_postings where account = 'royalty_expense'`.execute(database.db);
  return { lines: lines.rows[0], royalties: royalties.rows, expense: expense.rows[0]?.total };
}

describe("an import killed half-way (postgres)", () => {
  let killed: Awaited<ReturnType<typeof openTestDatabase>>;
  let clean: Awaited<ReturnType<typeof openTestDatabase>>;
  let file: string;

  before(async () => {
    killed = await openTestDatabase("postgres");
    clean = await openTestDatabase("postgres");
    file = join(mkdtempSync(join(tmpdir(), "hearth-sales-")), "sales.csv");
    await pipeline(salesCsvStream(LINES, CREATORS), createWriteStream(file));
  });
  after(async () => {
    await killed?.dispose();
    await clean?.dispose();
  });

  test("kill -9 during a 100,000-line import, import again: the totals equal a clean single import", async () => {
    const { finance } = await seedRoyalties(killed.database.db, CREATORS);
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, killed.url ?? "", file], { stdio: ["ignore", "pipe", "inherit"] });
    let committed = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    for await (const chunk of child.stdout) {
      const done = [...String(chunk).matchAll(/chunk (\d+)/g)].map((match) => Number(match[1]));
      committed = Math.max(committed, ...done);
      if (committed >= LINES * 0.3) {
        child.kill("SIGKILL");
        break;
      }
    }
    assert.equal(await exited, "SIGKILL", "the import was killed, not finished");
    const partial = (await sql<{ count: number }>`select count(*)::int as count from sales_lines`.execute(killed.database.db)).rows[0]?.count ?? 0;
    assert.ok(partial > 0 && partial < LINES, `part of the file was imported before the kill (${partial} lines)`);

    const resumed = await importSales(killed.database.db, finance, csvSource(() => createReadStream(file)), { partial: false });
    assert.equal(resumed.applied, true);
    assert.equal(resumed.imported + resumed.duplicates, LINES);
    assert.equal(resumed.duplicates, partial);

    const { finance: cleanFinance } = await seedRoyalties(clean.database.db, CREATORS);
    const single = await importSales(clean.database.db, cleanFinance, csvSource(() => createReadStream(file)), { partial: false });
    assert.equal(single.imported, LINES);

    assert.deepEqual(await outcome(killed.database), await outcome(clean.database));
    assert.equal(await unbalancedEntries(killed.database.db), 0);
  });
});
