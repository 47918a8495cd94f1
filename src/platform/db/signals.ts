/**
 * Signals between the app processes that share one database. A process that changes something the
 * others keep in memory (cached token look-ups) sends a signal; every process, itself included,
 * runs the handlers for it. On PostgreSQL the signal is a NOTIFY that each process hears on one
 * dedicated LISTEN connection; the embedded database serves one process, so there the local run is
 * all there is. Caches still expire on their own, which covers a listener that is reconnecting.
 */
import pg from "pg";
import { sql } from "kysely";
import type { Executor } from "./index.ts";

const CHANNEL = "hearth_signals";
const RECONNECT_MS = 1_000;
const handlers = new Map<string, Set<() => void>>();

/** Runs `handler` whenever any process sends the signal. */
export function onSignal(name: string, handler: () => void): void {
  const set = handlers.get(name) ?? new Set();
  set.add(handler);
  handlers.set(name, set);
}

function run(name: string | null): void {
  const selected = name === null ? [...handlers.values()] : [handlers.get(name) ?? new Set<() => void>()];
  for (const set of selected) for (const handler of set) handler();
}

/** Sends a signal: runs this process's handlers now and tells the other processes (inside a transaction, at its commit). */
export async function sendSignal(db: Executor, name: string): Promise<void> {
  run(name);
  await sql`select pg_notify(${CHANNEL}, ${name})`.execute(db);
}

/**
 * Listens for other processes' signals on its own connection until stopped. When the connection
 * drops, every handler runs (anything might have been missed) and it connects again.
 */
export function listenForSignals(connectionString: string): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => run(message.payload ?? null));
    next.on("error", () => undefined);
    next.on("end", () => {
      if (client !== next) return;
      client = null;
      run(null);
      if (!stopped) timer = setTimeout(() => void connect(), RECONNECT_MS);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      if (stopped) return void (await next.end());
      client = next;
    } catch {
      await next.end().catch(() => undefined);
      if (!stopped) timer = setTimeout(() => void connect(), RECONNECT_MS);
    }
  };
  const started = connect();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await started;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
