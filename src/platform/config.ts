/**
 * Configuration from the environment, validated once at start-up.
 * A bad value stops the process with one line naming the variable (see ConfigError).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  /** PostgreSQL connection string; absent means the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  /** Secure cookies: on when BASE_URL is https. */
  secureCookies: boolean;
  logLevel: string;
  /** Run the background worker (mail, jobs) inside this process. */
  worker: boolean;
  /** Load demo data when the database is empty. */
  demoOnEmpty: boolean;
  /**
   * HTTP processes sharing the port (WEB_CONCURRENCY, as Heroku and others name it): one per core
   * on PostgreSQL; the embedded database serves a single process.
   */
  webConcurrency: number;
  /** Trust X-Forwarded-* headers (only behind a reverse proxy that sets them); off by default so clients cannot fake their address. */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}

type Env = Record<string, string | undefined>;

function readPort(env: Env): number {
  const raw = env.PORT ?? "3000";
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError("PORT", `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + "//").join(" or ")}`);
  }
  return raw;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readWebConcurrency(env: Env, databaseUrl: string | undefined): number {
  const raw = env.WEB_CONCURRENCY || "1";
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) {
    throw new ConfigError("WEB_CONCURRENCY", `must be a whole number from 1 to 64, got "${raw}"`);
  }
  if (Number(raw) > 1 && !databaseUrl) {
    throw new ConfigError("WEB_CONCURRENCY", "above 1 needs PostgreSQL (DATABASE_URL): the embedded database serves one process");
  }
  return Number(raw);
}

/** The secret that signs cookies and links: from SESSION_SECRET, else generated once and kept in the data dir. */
function readSessionSecret(env: Env, dataDir: string): string {
  const raw = env.SESSION_SECRET;
  if (raw !== undefined && raw !== "") {
    if (raw.length < 32) throw new ConfigError("SESSION_SECRET", "must be at least 32 characters long");
    return raw;
  }
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Reads and validates the configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const port = readPort(env);
  const host = env.HOST || "0.0.0.0";
  const baseUrl = readUrl(env, "BASE_URL", ["http:", "https:"]) ?? `http://localhost:${port}`;
  const databaseUrl = readUrl(env, "DATABASE_URL", ["postgres:", "postgresql:"]);
  const dataDir = resolve(env.HEARTH_DATA_DIR || "data");
  const smtpUrl = readUrl(env, "SMTP_URL", ["smtp:", "smtps:"]);
  const logLevel = env.LOG_LEVEL || "info";
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const mailFrom = env.MAIL_FROM || "Hearth <hearth@localhost>";
  return {
    port,
    host,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    databaseUrl,
    dataDir,
    smtpUrl,
    mailFrom,
    sessionSecret: readSessionSecret(env, dataDir),
    secureCookies: baseUrl.startsWith("https:"),
    logLevel,
    worker: readBoolean(env, "HEARTH_WORKER", true),
    demoOnEmpty: readBoolean(env, "HEARTH_DEMO", true),
    webConcurrency: readWebConcurrency(env, databaseUrl),
    trustProxy: readBoolean(env, "TRUST_PROXY", false),
  };
}
