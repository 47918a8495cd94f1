/** The `hearth` command line. */
import { loadConfig } from "./platform/config.ts";
import { openMigratedDatabase } from "./platform/boot.ts";

const [command] = process.argv.slice(2);
const config = loadConfig();
const database = await openMigratedDatabase(config);
if (command === "migrate") console.log("migrations applied");
await database.close();
