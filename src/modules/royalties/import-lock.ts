/** The lock that imports (and changes to agreements) take: one at a time per database. */
import { sql } from "kysely";
import type { Executor } from "../../platform/db/index.ts";

/** Any fixed number names the lock; this one spells "royalty" in ASCII. */
const IMPORT_LOCK = 0x726f79616c7479n;
const waiting = new WeakMap<Executor, Promise<unknown>>();
const embedded = new WeakMap<Executor, Promise<boolean>>();

/**
 * Imports run one at a time, so two at once never both apply a sale, nor returns that together take back
 * more than it sold, and an import may read its agreements once and hand the accruals one chunk moved to
 * the next before they are committed; a change to an agreement waits for the running import too. A queue
 * in this process, and across processes on PostgreSQL a session advisory lock held on a connection of its
 * own (released by the server if the process dies). In a caller's transaction, a transaction lock.
 */
export async function oneAtATime<T>(db: Executor, fn: () => Promise<T>): Promise<T> {
  const run = (waiting.get(db) ?? Promise.resolve()).then(async () => {
    if (db.isTransaction) {
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(db);
      return fn();
    }
    // The embedded database has one connection and one process: the queue is enough.
    if (!embedded.has(db)) embedded.set(db, sql<{ version: string }>`select version()`.execute(db).then((result) => /PGlite/.test(result.rows[0]?.version ?? "")));
    if (await embedded.get(db)) return fn();
    return db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${IMPORT_LOCK})`.execute(connection);
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${IMPORT_LOCK})`.execute(connection);
      }
    });
  });
  waiting.set(db, run.catch(() => undefined));
  return run;
}
