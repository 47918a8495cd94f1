import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { test } from "node:test";

const LOGGING = join(import.meta.dirname, "logging.ts");

/** Runs a script that logs through the production logger settings; answers what reached its standard output, and when. */
async function run(script: string): Promise<Array<{ line: string; atMs: number }>> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `import pino from "pino"; import { loggerOptions } from ${JSON.stringify(LOGGING)}; const log = pino(loggerOptions("info")); ${script}`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = Date.now();
  const lines: Array<{ line: string; atMs: number }> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push({ line, atMs: Date.now() - started });
  });
  await once(child, "close");
  return lines;
}

test("log lines are buffered but reach standard output within about a second, and none is lost when the process exits", async () => {
  const lines = await run(`log.info("first"); setTimeout(() => { log.info({ password: "hunter2" }, "second"); process.exit(0); }, 2500);`);
  assert.deepEqual(
    lines.map(({ line }) => JSON.parse(line).msg),
    ["first", "second"],
  );
  // "first" was written by the periodic flush, well before the exit wrote "second".
  assert.ok(lines[1]!.atMs - lines[0]!.atMs > 700, `first at ${lines[0]!.atMs} ms, second at ${lines[1]!.atMs} ms`);
  assert.equal(JSON.parse(lines[1]!.line).password, "[redacted]");
});
