import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

const dataDir = () => mkdtempSync(join(tmpdir(), "hearth-config-"));

describe("configuration", () => {
  test("defaults: port 3000, embedded database, localhost base URL", () => {
    const config = loadConfig({ HEARTH_DATA_DIR: dataDir() });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.baseUrl, "http://localhost:3000");
    assert.equal(config.secureCookies, false);
  });

  for (const [variable, value] of [
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["DATABASE_URL", "not a url"],
    ["BASE_URL", "ftp://example.org"],
    ["SMTP_URL", "http://mail"],
    ["SESSION_SECRET", "short"],
    ["LOG_LEVEL", "loud"],
    ["HEARTH_WORKER", "perhaps"],
    ["WEB_CONCURRENCY", "0"],
    ["WEB_CONCURRENCY", "two"],
    ["WEB_CONCURRENCY", "2"],
  ] as const) {
    test(`a bad ${variable} (${value}) stops start-up with a message naming it`, () => {
      assert.throws(
        () => loadConfig({ HEARTH_DATA_DIR: dataDir(), [variable]: value }),
        (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.startsWith(`${variable}:`),
      );
    });
  }

  test("without SESSION_SECRET a secret is generated once and kept", () => {
    const dir = dataDir();
    const first = loadConfig({ HEARTH_DATA_DIR: dir }).sessionSecret;
    const second = loadConfig({ HEARTH_DATA_DIR: dir }).sessionSecret;
    assert.equal(first, second);
    assert.ok(first.length >= 32);
    assert.equal(readFileSync(join(dir, "session-secret"), "utf8").trim(), first);
  });

  test("an https BASE_URL turns on secure cookies", () => {
    assert.equal(loadConfig({ HEARTH_DATA_DIR: dataDir(), BASE_URL: "https://fans.example.com/" }).secureCookies, true);
  });
});
