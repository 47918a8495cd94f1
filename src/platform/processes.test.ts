import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createTestDatabase } from "../../test/helpers/app.ts";

const ROOT = join(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  return typeof address === "object" && address ? address.port : 0;
}

/** The ids of the Hearth processes whose parent is `pid` (not the transpiler's helper processes). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const parent = Number(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
        return parent === pid && readFileSync(`/proc/${name}/cmdline`, "utf8").includes("src/main.ts");
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("WEB_CONCURRENCY=2 on PostgreSQL: two HTTP processes share the port, a dead one is replaced, SIGTERM stops them all", { timeout: 90_000 }, async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-processes-"));
  const port = await freePort();
  const primary = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, WEB_CONCURRENCY: "2", PORT: String(port), HOST: "127.0.0.1", HEARTH_DATA_DIR: dataDir, HEARTH_DEMO: "false", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  primary.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(primary, "exit");
  try {
    await waitFor("the running line", () => stderr.includes("2 HTTP processes"), 60_000);
    const first = childrenOf(primary.pid!);
    assert.equal(first.length, 2, `two HTTP processes, got ${first.join(", ")}`);

    const healthy = async () => {
      for (let i = 0; i < 10; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: "close" } });
        assert.equal(response.status, 200);
        await response.arrayBuffer();
      }
    };
    await healthy();

    process.kill(first[0]!, "SIGKILL");
    const replaced = await waitFor("a replacement process", () => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(first[0]!) ? now : undefined;
    });
    assert.ok(replaced.includes(first[1]!), "the other process kept running");
    await waitFor("the replacement to listen", () => stderr.includes("starting it again"));
    // The replacement answers once it listens; until then its sibling takes every connection.
    await healthy();

    primary.kill("SIGTERM");
    const [code] = await exited;
    assert.equal(code, 0, stderr);
    assert.deepEqual(childrenOf(primary.pid!), []);
  } finally {
    if (primary.exitCode === null) primary.kill("SIGKILL");
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
