/**
 * Headless Chromium for browser tests, from the `@sparticuz/chromium` npm package (a browser inside
 * the tarball: nothing to download, nothing to install on the machine), driven by playwright-core.
 *
 * The test runner inflates the browser once into `.tmp/` of the checkout and passes its location to
 * the test processes (CHROMIUM_PATH, CHROMIUM_LD_LIBRARY_PATH, CHROMIUM_FONTCONFIG_FILE). A test file
 * run on its own inflates it itself. CHROMIUM_PATH set by hand (e.g. /usr/bin/chromium) is used as is.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type Page } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PACKAGE_ENTRY = import.meta.resolve("@sparticuz/chromium");
const SCREENSHOT_DIR = join(ROOT, "test-artifacts", "screenshots");

/** Where the browser is and what it needs, as environment variables for the test processes. */
export interface ChromiumSetup {
  CHROMIUM_PATH: string;
  CHROMIUM_LD_LIBRARY_PATH: string;
  CHROMIUM_FONTCONFIG_FILE: string;
}

/**
 * Inflates the bundled browser into `.tmp/chromium-<version>/` unless a complete copy is there.
 * It inflates into a staging directory that is renamed when complete, so an interrupted run never
 * leaves a half-written browser that a later run would trust.
 */
export async function prepareChromium(): Promise<ChromiumSetup> {
  const version = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", PACKAGE_ENTRY)), "utf8")).version as string;
  const dir = join(ROOT, ".tmp", `chromium-${version}`);
  const complete = (at: string): boolean => existsSync(join(at, ".complete"));
  if (!complete(dir)) {
    const staging = `${dir}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    await inflateInto(staging);
    writeFontconfig(staging, dir);
    writeFileSync(join(staging, ".complete"), "");
    if (complete(dir)) {
      // Another process finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
    } else {
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    }
  }
  return { CHROMIUM_PATH: join(dir, "chromium"), CHROMIUM_LD_LIBRARY_PATH: join(dir, "al2023", "lib"), CHROMIUM_FONTCONFIG_FILE: join(dir, "fontconfig", "fonts.conf") };
}

/** The package's fonts.conf points at /tmp/fonts; this one points at the inflated fonts of `finalDir`. */
function writeFontconfig(staging: string, finalDir: string): void {
  mkdirSync(join(staging, "fontconfig"));
  writeFileSync(
    join(staging, "fontconfig", "fonts.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(finalDir, "fonts")}</dir>\n  <cachedir>${join(finalDir, "fontconfig", "cache")}</cachedir>\n</fontconfig>\n`,
  );
}

/**
 * The package inflates into `os.tmpdir()`, read from TMPDIR at each call; the libraries that a bare
 * machine lacks (libnss3, libnspr4, libexpat) come in al2023.tar.br, which it inflates only on AWS.
 */
async function inflateInto(dir: string): Promise<void> {
  const { inflate } = (await import(new URL("./lambdafs.js", PACKAGE_ENTRY).href)) as { inflate(file: string): Promise<string> };
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    await chromium.executablePath();
    await inflate(fileURLToPath(new URL("../../bin/al2023.tar.br", PACKAGE_ENTRY)));
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

// Software GL (SwiftShader) makes each screenshot take ~1 s; the pages need no WebGL.
chromium.setGraphicsMode = false;

/**
 * The package's flags, less those that would make tests lie or break: `--single-process` breaks a
 * second browser context, and the pages must meet the same-origin rules a user's browser applies.
 */
const DROPPED_FLAGS = new Set(["--single-process", "--disable-web-security", "--allow-running-insecure-content", "--headless='shell'"]);
const LAUNCH_FLAGS = [
  ...chromium.args.filter((flag) => !DROPPED_FLAGS.has(flag)),
  "--disable-gpu",
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--disable-dev-shm-usage",
  // No network beyond loopback here: keep Chromium from calling home.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
];

/** Launches headless Chromium; close it in the suite's `after`. */
export async function launchBrowser(): Promise<Browser> {
  const setup: Partial<ChromiumSetup> = process.env.CHROMIUM_PATH
    ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH, CHROMIUM_LD_LIBRARY_PATH: process.env.CHROMIUM_LD_LIBRARY_PATH, CHROMIUM_FONTCONFIG_FILE: process.env.CHROMIUM_FONTCONFIG_FILE }
    : await prepareChromium();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  if (setup.CHROMIUM_LD_LIBRARY_PATH) env.LD_LIBRARY_PATH = [setup.CHROMIUM_LD_LIBRARY_PATH, env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  if (setup.CHROMIUM_FONTCONFIG_FILE) env.FONTCONFIG_FILE = setup.CHROMIUM_FONTCONFIG_FILE;
  return playwright.launch({ executablePath: setup.CHROMIUM_PATH, args: [...new Set(LAUNCH_FLAGS)], env });
}

/** Saves a PNG of the page to test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
