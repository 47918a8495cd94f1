// Bundles Hearth's TypeScript into dist/ (dependencies stay in node_modules), so the server starts
// without compiling on the fly: faster start, and no compiler in the running process's memory.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  jsx: "automatic",
  jsxImportSource: "preact",
  sourcemap: true,
  logLevel: "warning",
});
