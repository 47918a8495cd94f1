/**
 * Several HTTP processes on one machine (WEB_CONCURRENCY > 1, PostgreSQL only): the primary prepares
 * the database once (migrations, demo data), then forks the processes that share the port and
 * restarts one that dies. Node's cluster hands each new connection to a process in turn. Processes
 * keep nothing another one needs: sessions, jobs and mail are in PostgreSQL, and the per-process
 * caches are cleared across processes through LISTEN/NOTIFY (db/signals.ts).
 */
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import type { Config } from "./config.ts";

/** The environment variable telling a forked process its place; process 0 also runs the job worker. */
const INDEX_VARIABLE = "HEARTH_PROCESS_INDEX";
/** A process that dies sooner than this after its start is restarted only after a pause, so a crash loop does not spin. */
const RESTART_PAUSE_MS = 1_000;

/** This process's place among the HTTP processes: 0 when it runs alone. */
export function processIndex(): number {
  return Number(process.env[INDEX_VARIABLE] ?? 0);
}

/** Whether this process should fork the HTTP processes instead of serving itself. */
export function isPrimaryOfSeveral(config: Config): boolean {
  return config.webConcurrency > 1 && cluster.isPrimary;
}

/**
 * Forks `config.webConcurrency` HTTP processes and keeps them running until SIGTERM or SIGINT,
 * which it passes on, waiting for each to finish its requests. Resolves once all are listening.
 */
export async function runHttpProcesses(config: Config, say: (line: string) => void): Promise<void> {
  let stopping = false;
  const started = new Map<Worker, number>();
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ [INDEX_VARIABLE]: String(index) });
    started.set(worker, Date.now());
    worker.on("exit", (code, signal) => {
      const ranFor = Date.now() - (started.get(worker) ?? 0);
      started.delete(worker);
      if (stopping) return;
      say(`hearth: HTTP process ${index} ended (${signal ?? `exit ${code}`}); starting it again`);
      setTimeout(() => fork(index), ranFor < RESTART_PAUSE_MS ? RESTART_PAUSE_MS : 0);
    });
    return worker;
  };
  const workers = Array.from({ length: config.webConcurrency }, (_, index) => fork(index));

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const exits = [...started.keys()].map((worker) => once(worker, "exit"));
    for (const worker of started.keys()) worker.process.kill(signal);
    const force = setTimeout(() => process.exit(1), 12_000);
    force.unref();
    await Promise.all(exits);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await Promise.all(workers.map((worker) => once(worker, "listening")));
}
