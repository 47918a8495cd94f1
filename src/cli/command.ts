/** What a `hearth` command is, and the errors a command reports to the person at the terminal. */
import type { ParseArgsConfig } from "node:util";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/index.ts";

export type OptionValues = Record<string, string | boolean | undefined>;

/** Wrong usage: a missing or malformed option. Exit code 2. */
export class UsageError extends Error {}

/** The command could not do its work (no such account, database in use…). Exit code 1. */
export class CommandError extends Error {}

export interface CliContext {
  /** A line for stdout: the command's result. */
  out(line: string): void;
  /** A line for stderr: progress and notes. */
  err(line: string): void;
  config(): Config;
  /** The migrated database, opened on first use and closed when the command ends. */
  database(): Promise<Database>;
  /** Migrations applied while opening the database. */
  appliedMigrations(): string[];
}

export interface Command {
  /** One or two words: "migrate", "user role". */
  name: string;
  summary: string;
  /** Option synopsis for the help text. */
  usage: string;
  /** Extra lines of help. */
  details?: string[];
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: OptionValues, context: CliContext): Promise<void>;
}

/** The value of a string option that must be given. */
export function required(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** The value of a string option, or undefined. */
export function optional(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} needs a value`);
  return value.trim();
}
