/**
 * Runs one `hearth` command: finds it, parses its options, opens what it needs, and turns every
 * failure into one line on stderr with an exit code (2 for wrong usage, 1 for anything else).
 */
import { parseArgs } from "node:util";
import { AppError } from "../platform/errors.ts";
import { ConfigError, loadConfig, type Config } from "../platform/config.ts";
import type { Database } from "../platform/db/index.ts";
import { hasMessage, translate } from "../platform/i18n/index.ts";
import { accountCommands } from "./account-commands.ts";
import { CommandError, UsageError, type CliContext, type Command, type OptionValues } from "./command.ts";
import { databaseCommands } from "./database-commands.ts";
import { openCliDatabase } from "./database.ts";

export const COMMANDS: readonly Command[] = [...databaseCommands, ...accountCommands];

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

function helpText(): string[] {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "Usage: hearth <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run hearth <command> --help for its options. The configuration comes from the environment",
    "(DATABASE_URL for PostgreSQL, otherwise the embedded database in HEARTH_DATA_DIR, default ./data).",
  ];
}

function commandHelp(command: Command): string[] {
  return [`Usage: hearth ${command.name} ${command.usage}`.trimEnd(), "", `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`, ...(command.details ?? [])];
}

/** The command named by the first one or two words, and the arguments after it. */
function findCommand(argv: readonly string[]): { command: Command; rest: string[] } {
  const [first = "", second = ""] = argv;
  const two = COMMANDS.find((command) => command.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((command) => command.name === first);
  if (one) return { command: one, rest: argv.slice(1) };
  const group = COMMANDS.filter((command) => command.name.startsWith(`${first} `)).map((command) => command.name);
  if (group.length > 0) throw new UsageError(`"${first}" needs a subcommand: ${group.join(", ")}`);
  throw new UsageError(`unknown command "${first}"`);
}

function parseOptions(command: Command, rest: string[]): OptionValues {
  try {
    return parseArgs({ args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A failure as the line to print and the exit code. */
function describeFailure(error: unknown, commandName: string | undefined): { line: string; code: number } {
  if (error instanceof UsageError) {
    return { line: `hearth: ${error.message} (see: hearth ${commandName ?? ""}${commandName ? " " : ""}--help)`, code: 2 };
  }
  if (error instanceof ConfigError) return { line: `hearth: configuration error: ${error.message}`, code: 1 };
  if (error instanceof CommandError) return { line: `hearth: ${error.message}`, code: 1 };
  if (error instanceof AppError) {
    return { line: `hearth: ${hasMessage("en", error.messageKey) ? translate("en", error.messageKey, error.params) : error.code}`, code: 1 };
  }
  return { line: `hearth: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, code: 1 };
}

/** Runs the command line; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    for (const line of helpText()) (argv.length === 0 ? io.err : io.out)(line);
    return argv.length === 0 ? 2 : 0;
  }
  let command: Command | undefined;
  let config: Config | undefined;
  let opened: { database: Database; applied: string[] } | undefined;
  const context: CliContext = {
    out: io.out,
    err: io.err,
    config: () => (config ??= loadConfig(io.env)),
    async database() {
      opened ??= await openCliDatabase(context.config());
      return opened.database;
    },
    appliedMigrations: () => opened?.applied ?? [],
  };
  try {
    const found = findCommand(argv);
    command = found.command;
    const values = parseOptions(command, found.rest);
    if (values.help === true) {
      for (const line of commandHelp(command)) io.out(line);
      return 0;
    }
    await command.run(values, context);
    return 0;
  } catch (error) {
    const failure = describeFailure(error, command?.name);
    io.err(failure.line);
    return failure.code;
  } finally {
    await opened?.database.close();
  }
}
