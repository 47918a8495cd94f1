import type { FastifyInstance } from "fastify";

export async function consoleRoutes(_app: FastifyInstance): Promise<void> {}
