/** Commands about the database itself: migrations and the demo community. */
import { DemoRefused, loadDemo, signInDetails } from "../demo/index.ts";
import { CommandError, type Command } from "./command.ts";

const migrateCommand: Command = {
  name: "migrate",
  summary: "apply pending database migrations",
  usage: "",
  options: {},
  async run(_values, context) {
    await context.database();
    const applied = context.appliedMigrations();
    if (applied.length === 0) context.out("The database is up to date.");
    for (const name of applied) context.out(`Applied ${name}`);
  },
};

const demoCommand: Command = {
  name: "demo",
  summary: "load the demo community (fixed seed) into an empty database",
  usage: "[--force]",
  details: ["--force loads it next to existing accounts; it is never loaded twice."],
  options: { force: { type: "boolean" } },
  async run(values, context) {
    const { db } = await context.database();
    let result;
    try {
      result = await loadDemo(db, { force: values.force === true });
    } catch (error) {
      if (!(error instanceof DemoRefused)) throw error;
      throw new CommandError(error.reason === "not_empty" ? `${error.message}; add --force to load it next to them` : error.message);
    }
    context.out(`Demo community loaded in ${(result.milliseconds / 1000).toFixed(1)} s: ${result.summary.join(", ")}`);
    for (const line of signInDetails(context.config().baseUrl, result.memberExamples)) context.out(line);
  },
};

export const databaseCommands: readonly Command[] = [migrateCommand, demoCommand];
