import type { Config } from "../platform/config.ts";
import type { Db } from "../platform/db/index.ts";

export async function loadDemoIfEmpty(_db: Db, _config: Config, _log: (line: string) => void): Promise<void> {}
