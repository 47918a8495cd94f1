/**
 * A bench server in one process or in several sharing its port (node:cluster), the way Hearth runs
 * with WEB_CONCURRENCY: the baseline and Hearth are measured with the same number of processes.
 */
import cluster from "node:cluster";
import { once } from "node:events";

export interface Served {
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs `serve` here (count 1) or in `count` forked processes. Answers the shared port in the process
 * that should report it (this one when alone, the primary otherwise) and null in a forked one.
 * SIGTERM, or the parent going away, stops every process.
 */
export async function servedBy(count: number, serve: (index: number) => Promise<Served>): Promise<number | null> {
  if (count > 1 && cluster.isPrimary) {
    const workers = Array.from({ length: count }, (_, index) => cluster.fork({ BENCH_PROCESS_INDEX: String(index) }));
    const addresses = await Promise.all(workers.map(async (worker) => (await once(worker, "listening"))[0] as { port: number }));
    const stop = async () => {
      const exits = workers.filter((worker) => !worker.isDead()).map((worker) => once(worker, "exit"));
      for (const worker of workers) worker.process.kill("SIGTERM");
      await Promise.all(exits);
      process.exit(0);
    };
    process.on("SIGTERM", () => void stop());
    process.on("disconnect", () => void stop());
    return addresses[0]!.port;
  }
  const served = await serve(Number(process.env.BENCH_PROCESS_INDEX ?? 0));
  const stop = () => void served.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  // Alone, this process is the benchmark's child: it stops when the benchmark goes away.
  if (cluster.isPrimary) process.on("disconnect", stop);
  return cluster.isPrimary ? served.port : null;
}
