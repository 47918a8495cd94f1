/**
 * Royalties: agreements with creators, sales imports, the double-entry ledger, statements and
 * payouts. This is the module's public surface.
 */
import type { FastifyInstance } from "fastify";
import "./tables.ts";
import "./policy.ts";
import "./notifications.ts";
import { royaltiesAccountRoutes } from "./account-routes.tsx";
import { royaltiesApiRoutes } from "./api-routes.ts";
import { royaltiesConsoleRoutes } from "./console/routes.tsx";

export { importSales, type ImportResult } from "./import.ts";
export { csvSource, batchSource } from "./sources.ts";
export { createAgreement, acceptAgreement } from "./agreements.ts";
export { generateStatements, approveStatement, payStatement } from "./statements.ts";

/** Every route of the royalties module. */
export async function royaltiesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(royaltiesApiRoutes);
  await app.register(royaltiesConsoleRoutes);
  await app.register(royaltiesAccountRoutes);
}
