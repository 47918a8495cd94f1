/** Operations endpoints: liveness, readiness (database answers, migrations applied) and metrics. */
import type { FastifyInstance } from "fastify";
import { ping } from "../db/index.ts";
import { pendingMigrations } from "../db/migrate.ts";
import { registry } from "./metrics.ts";

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    const { db } = app.hearth;
    const database = await ping(db);
    const pending = database ? await pendingMigrations(db) : [];
    const ready = database && pending.length === 0;
    return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", database, pendingMigrations: pending });
  });

  app.get("/metrics", async (_request, reply) => {
    return reply.header("content-type", registry.contentType).send(await registry.metrics());
  });
}
