/**
 * The demo community: a believable, reproducible community (fixed seed) for trying Hearth.
 * `hearth demo` loads it; the start command loads it by itself on an empty database.
 */
import { hashPassword } from "../platform/auth/crypto.ts";
import { normalizeEmail } from "../platform/auth/accounts.ts";
import type { Config } from "../platform/config.ts";
import { sql, type Db, type Tx } from "../platform/db/index.ts";
import { LOCALES } from "../platform/i18n/index.ts";
import type { DemoContext } from "./context.ts";
import { randomFor } from "./random.ts";
import { DEMO_PASSWORD, DEMO_STAFF } from "./staff.ts";
import { DEMO_STEPS } from "./steps.ts";

export { DEMO_PASSWORD, DEMO_STAFF } from "./staff.ts";
export type { DemoAccount, DemoContext, DemoStep } from "./context.ts";
export type { Random } from "./random.ts";

export const DEMO_SEED = 20_250_101;
/** Serialises demo loads, so two processes starting on one empty database load it once. */
const LOCK_KEY = 7_411_032_002;

export interface DemoResult {
  /** One short line per step ("500 members"). */
  summary: string[];
  /** A few members' addresses (one per language), to sign in as an ordinary member. */
  memberExamples: string[];
  milliseconds: number;
}

/** Why the demo was not loaded. */
export class DemoRefused extends Error {
  constructor(
    readonly reason: "not_empty" | "already_loaded",
    message: string,
  ) {
    super(message);
  }
}

export interface DemoOptions {
  /** Load even when the database already has accounts (never twice, though). */
  force?: boolean;
  /** The moment the generated dates are relative to; tests fix it. */
  now?: Date;
  seed?: number;
}

async function accountCount(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}

async function checkLoadable(tx: Tx, force: boolean): Promise<void> {
  const admin = DEMO_STAFF[0];
  if (admin) {
    const existing = await tx.selectFrom("accounts").select("id").where("email", "=", normalizeEmail(admin.email)).executeTakeFirst();
    if (existing) throw new DemoRefused("already_loaded", `the demo community is already loaded (${admin.email} exists)`);
  }
  const count = await accountCount(tx);
  if (count > 0 && !force) throw new DemoRefused("not_empty", `the database already has ${count} account(s); the demo is meant for an empty database`);
}

/** Loads the demo community in one transaction: all of it or nothing. */
export async function loadDemo(db: Db, options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const seed = options.seed ?? DEMO_SEED;
  // One scrypt hash for every demo account: hashing 500 times would take half a minute.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const loaded = await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await checkLoadable(tx, options.force ?? false);
    const context: DemoContext = { now: options.now ?? new Date(), passwordHash, staff: {}, members: [] };
    const lines: string[] = [];
    for (const step of DEMO_STEPS) {
      const line = await step.run(tx, randomFor(seed, step.name), context);
      if (line) lines.push(line);
    }
    return { lines, context };
  });
  const memberExamples = LOCALES.flatMap((locale) => loaded.context.members.find((member) => member.language === locale && member.verified)?.email ?? []);
  return { summary: loaded.lines, memberExamples, milliseconds: performance.now() - started };
}

/** The lines that tell someone how to sign in to the demo. */
export function signInDetails(baseUrl: string, memberExamples: readonly string[]): string[] {
  return [
    `Sign in at ${baseUrl}/sign-in with the password "${DEMO_PASSWORD}" as:`,
    ...DEMO_STAFF.map((staff) => `  ${staff.email.padEnd(30)} ${staff.role.replace("_", " ")}`),
    ...memberExamples.map((email) => `  ${email.padEnd(30)} member`),
  ];
}

/** Loads the demo when the database has no accounts yet (the start command); does nothing otherwise. */
export async function loadDemoIfEmpty(db: Db, config: Config, log: (line: string) => void): Promise<void> {
  if ((await accountCount(db)) > 0) return;
  let result: DemoResult;
  try {
    result = await loadDemo(db);
  } catch (error) {
    // Another process loaded it between the check and the lock.
    if (error instanceof DemoRefused) return;
    throw error;
  }
  log(`Demo community loaded in ${(result.milliseconds / 1000).toFixed(1)} s: ${result.summary.join(", ")}`);
  for (const line of signInDetails(config.baseUrl, result.memberExamples)) log(line);
}
