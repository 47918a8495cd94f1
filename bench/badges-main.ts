/** Runs the badge and ladder-over-time figures on their own: `npx tsx bench/badges-main.ts` prints one JSON document. */
import { benchPostgres } from "./postgres.ts";
import { badgesBench } from "./badges.ts";

const postgres = await benchPostgres();
try {
  const result = await badgesBench(postgres.url, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(JSON.stringify({ postgres: postgres.source, ...result }, null, 2) + "\n");
} finally {
  await postgres.dispose();
}
