/** Runs the members figures on their own: `npx tsx bench/members-main.ts` prints one JSON document. */
import { benchPostgres } from "./postgres.ts";
import { membersBench } from "./members.ts";

const postgres = await benchPostgres();
try {
  const result = await membersBench(postgres.url, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(JSON.stringify({ postgres: postgres.source, ...result }, null, 2) + "\n");
} finally {
  await postgres.dispose();
}
