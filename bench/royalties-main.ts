/** Runs the royalties figures on their own: `npx tsx bench/royalties-main.ts` prints one JSON document. */
import { benchPostgres } from "./postgres.ts";
import { royaltiesBench } from "./royalties.ts";

const postgres = await benchPostgres();
try {
  const result = await royaltiesBench(postgres.url, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(JSON.stringify({ postgres: postgres.source, ...result }, null, 2) + "\n");
} finally {
  await postgres.dispose();
}
