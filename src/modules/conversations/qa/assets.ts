/** Serves a module's own static files (read once at start-up) at fixed addresses. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { PROJECT_ROOT } from "../../../platform/paths.ts";

const TYPES: Record<string, string> = { ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

/** Registers GET `address` for each file (a path under the project root). */
export async function serveFiles(app: FastifyInstance, files: Record<string, string>): Promise<void> {
  for (const [address, file] of Object.entries(files)) {
    const content = await readFile(join(PROJECT_ROOT, file), "utf8");
    const type = TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
    app.get(address, { schema: { hide: true } }, async (_request, reply) => reply.header("content-type", type).header("cache-control", "public, max-age=3600").send(content));
  }
}
