/**
 * The database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set.
 * Both speak the same SQL and run the same migrations; Kysely builds the queries.
 *
 * Each module declares its tables by augmenting `Tables` (declaration merging), so the
 * query builder knows every table while each module keeps its own table types.
 */
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { listenForSignals } from "./signals.ts";
import { PGliteDialect } from "./pglite-dialect.ts";

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Tables {}

export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** Either the database or an open transaction: what store functions take. */
export type Executor = Kysely<Tables>;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** bigint columns (ids, counts, minor units) come back as JS numbers on both engines; all fit in 2^53. */
function parseInt8(value: string): number {
  return Number(value);
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Embedded data directory; undefined means an in-memory database (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

/** Opens the database that the options name. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    pg.types.setTypeParser(INT8, parseInt8);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection that the server drops (a restart, a failover) is replaced on the next query;
    // without a listener its error would end the process.
    pool.on("error", (error) => process.stderr.write(`hearth: an idle database connection closed: ${error.message}\n`));
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    const signals = listenForSignals(options.databaseUrl);
    return {
      db,
      kind: "postgres",
      close: async () => {
        await signals.stop();
        await db.destroy();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    // An embedded database serves one small community: a 16 MB buffer cache instead of PostgreSQL's
    // 128 MB default keeps the process small, and the data still fits in the operating system's cache.
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [NUMERIC]: (value: string) => value },
  });
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: "pglite", close: () => db.destroy() };
}

/** Runs fn in a transaction (or inside the caller's, when given one). */
export async function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}

/** True when the database answers. */
export async function ping(db: Executor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export { sql };
import "./platform-tables.ts";
