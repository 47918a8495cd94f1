/** Child processes for the benchmark: started one at a time, stopped before the next one starts. */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export interface Child<T> {
  process: ChildProcess;
  /** What the child sent when it was ready. */
  ready: T;
  stop(): Promise<void>;
}

/** Runs a TypeScript file that sends one IPC message when it is ready; its output is discarded, its errors kept. */
export async function startChild<T>(file: string, env: Record<string, string>): Promise<Child<T>> {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const ready = await new Promise<T>((resolve, reject) => {
    child.once("message", (message) => resolve(message as T));
    child.once("exit", (code, signal) => reject(new Error(`${file} ended before it was ready (${signal ?? `exit ${code}`}):\n${stderr}`)));
  });
  return {
    process: child,
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
