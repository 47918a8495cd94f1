/** What demo steps share: the accounts made so far, the load's fixed "now", the one password hash. */
import type { Tx } from "../platform/db/index.ts";
import type { Locale } from "../platform/i18n/index.ts";
import type { Random } from "./random.ts";

export interface DemoAccount {
  id: number;
  email: string;
  name: string;
  /** The language the account writes in (its locale setting, for members). */
  language: Locale;
  joinedAt: Date;
  verified: boolean;
}

/** The staff accounts by their demo key (see staff.ts). */
export type DemoStaff = Record<"admin" | "manager" | "moderator" | "reviewer" | "finance", DemoAccount>;

export interface DemoContext {
  /** The moment of loading: every generated date lies before it. */
  now: Date;
  /** The hash of DEMO_PASSWORD, computed once for every demo account. */
  passwordHash: string;
  /** Filled by the staff step. */
  staff: Partial<DemoStaff>;
  /** Filled by the members step: ordinary members, oldest first. */
  members: DemoAccount[];
}

/**
 * One step of the demo: a module's demo data. Steps run in order, inside one transaction, each with
 * its own random stream; a step returns a short summary for the log ("500 members").
 */
export interface DemoStep {
  name: string;
  run(db: Tx, rng: Random, context: DemoContext): Promise<string | undefined>;
}
