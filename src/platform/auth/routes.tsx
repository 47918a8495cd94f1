/** Every account route: sign-up and verification, sign-in and out, emailed links, the account pages, the API. */
import type { FastifyInstance } from "fastify";
import { accountPageRoutes } from "./account-routes.tsx";
import { accountApiRoutes } from "./api-routes.ts";
import { recoveryRoutes } from "./recovery-routes.tsx";
import { signInRoutes } from "./sign-in-routes.tsx";
import { signUpRoutes } from "./sign-up-routes.tsx";
import { tokenRoutes } from "./token-routes.tsx";

/** Registers every account route. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  await app.register(signUpRoutes);
  await app.register(signInRoutes);
  await app.register(recoveryRoutes);
  await app.register(accountPageRoutes);
  await app.register(tokenRoutes);
  await app.register(accountApiRoutes);
}
