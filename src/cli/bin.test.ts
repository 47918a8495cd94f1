import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openDatabase } from "../platform/db/index.ts";

const ROOT = join(import.meta.dirname, "../..");

function hearth(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, "bin/hearth.js"), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
}

test("npx hearth runs this package's own command, without the registry", () => {
  const result = spawnSync("npx", ["hearth", "--help"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, npm_config_registry: "http://127.0.0.1:9/", npm_config_update_notifier: "false" },
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Usage: hearth <command>/);
});

test("the exit code of the command reaches the shell", () => {
  const result = hearth(["frobnicate"]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'hearth: unknown command "frobnicate" (see: hearth --help)\n');
});

test("an embedded database open in another process is refused with a clear message", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-bin-"));
  const database = await openDatabase({ dataDir: join(dataDir, "db") });
  try {
    const result = hearth(["migrate"], { HEARTH_DATA_DIR: dataDir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`^hearth: the embedded database in .* is open in process ${process.pid} `));
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
