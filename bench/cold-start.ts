/**
 * Cold start: the server as `npm start` runs it (the built bundle, with the start script's Node
 * flags) as a fresh process on an embedded database whose migrations are already applied, timed
 * from spawn to the first 200 from /healthz; then its resident memory once idle.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../test/helpers/ports.ts";

const ROOT = join(import.meta.dirname, "..");

/** The start script's command (`node <flags> dist/main.js`), after building the bundle as `prestart` does. */
function startCommand(): string[] {
  execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" });
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const [command, ...args] = manifest.scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`the start script must run node, found "${manifest.scripts.start}"`);
  return args.map((arg) => (arg.endsWith(".js") ? join(ROOT, arg) : arg));
}
const IDLE_SECONDS = 5;
const TIMEOUT_MS = 60_000;

export interface ColdStart {
  runsMs: number[];
  medianMs: number;
  idleRssMb: number;
  idleAfterSeconds: number;
}

async function waitForHealth(child: ChildProcess, port: number, started: number): Promise<number> {
  while (performance.now() - started < TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`the server ended with exit code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  throw new Error(`the server did not answer /healthz within ${TIMEOUT_MS / 1000} s`);
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Math.round(Number(line?.replace(/\D+/g, "") ?? 0) / 1024);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

/** Starts the server `runs` times on the data dir; measures memory after the last start. */
export async function measureColdStart(dataDir: string, runs: number): Promise<ColdStart> {
  const args = startCommand();
  const runsMs: number[] = [];
  let idleRssMb = 0;
  for (let run = 1; run <= runs; run++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: "", HEARTH_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" },
      stdio: "ignore",
    });
    try {
      runsMs.push(Math.round(await waitForHealth(child, port, started)));
      if (run === runs && child.pid !== undefined) {
        await sleep(IDLE_SECONDS * 1000);
        idleRssMb = rssMb(child.pid);
      }
    } finally {
      await stop(child);
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, idleRssMb, idleAfterSeconds: IDLE_SECONDS };
}
