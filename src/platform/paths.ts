/**
 * Where Hearth's own files are (migrations, catalogues, assets), whether it runs from the
 * TypeScript sources or from the bundle in dist/: the folder with Hearth's package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "hearth") return dir;
    if (dirname(dir) === dir) throw new Error(`Hearth's package.json was not found above ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
