/**
 * `npm test`: starts what the suites need (a PostgreSQL server, an inflated Chromium), runs the test
 * files with node's test runner, then stops the server and exits with the runner's code.
 *
 *   npm test                        every `*.test.ts` and `*.test.tsx` under src/ and test/
 *   npm test -- src/x.test.ts ...   only those files
 *
 * TEST_DATABASE_URL or CHROMIUM_PATH already set are used instead of starting our own. A server or
 * browser that cannot be had fails the run: suites never skip for want of one.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareChromium } from "./helpers/chromium.ts";
import { startPostgres, type PostgresServer } from "./helpers/postgres.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TEST_FILE = /\.test\.tsx?$/;
const CONCURRENCY = 2;

/** Test files under `dir`, as paths relative to the repository root. */
function findTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTestFiles(path);
    return TEST_FILE.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

function selectFiles(args: string[]): string[] {
  if (args.length === 0) return [...findTestFiles(join(ROOT, "src")), ...findTestFiles(join(ROOT, "test"))].sort();
  const missing = args.filter((arg) => !existsSync(resolve(arg)));
  if (missing.length > 0) throw new Error(`no such test file: ${missing.join(", ")}`);
  return args.map((arg) => relative(ROOT, resolve(arg)));
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)} s`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; took: string }> {
  const start = performance.now();
  const value = await work();
  return { value, took: seconds(start) };
}

/** Starts the services that are not given; on any failure stops what did start and rethrows. */
async function startServices(): Promise<{ env: Record<string, string>; postgres: PostgresServer | undefined; summary: string }> {
  const [postgres, browser] = await Promise.allSettled([
    process.env.TEST_DATABASE_URL ? undefined : timed(startPostgres),
    process.env.CHROMIUM_PATH ? undefined : timed(prepareChromium),
  ]);
  if (postgres.status === "rejected" || browser.status === "rejected") {
    if (postgres.status === "fulfilled") await postgres.value?.value.stop();
    const failures = [postgres, browser].flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    throw new AggregateError(failures, failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("\n"));
  }
  const env: Record<string, string> = {};
  const summary: string[] = [];
  if (postgres.value) {
    env.TEST_DATABASE_URL = postgres.value.value.url;
    summary.push(`PostgreSQL at ${new URL(postgres.value.value.url).host} started in ${postgres.value.took}`);
  } else {
    summary.push("PostgreSQL from TEST_DATABASE_URL");
  }
  if (browser.value) {
    Object.assign(env, browser.value.value);
    summary.push(`Chromium ready in ${browser.value.took}`);
  } else {
    summary.push(`Chromium from CHROMIUM_PATH`);
  }
  return { env, postgres: postgres.value?.value, summary: summary.join("; ") };
}

/** Runs node's test runner on the files; resolves with its exit code. */
function runTests(files: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${CONCURRENCY}`, ...files], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, forward);
  return new Promise((resolveCode) => {
    child.once("error", (error) => {
      process.stderr.write(`test runner could not start: ${error.message}\n`);
      resolveCode(1);
    });
    child.once("exit", (code) => resolveCode(code ?? 1));
  });
}

async function main(): Promise<number> {
  const files = selectFiles(process.argv.slice(2));
  if (files.length === 0) throw new Error("no test files found");
  const started = performance.now();
  const services = await startServices();
  process.stdout.write(`${services.summary} (${seconds(started)} in all); running ${files.length} test files\n`);
  try {
    return await runTests(files, services.env);
  } finally {
    await services.postgres?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
