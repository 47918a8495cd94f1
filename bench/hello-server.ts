/** The baseline: a bare Fastify hello-world, run as its own process (or BENCH_PROCESSES of them) like Hearth is. */
import Fastify from "fastify";
import { servedBy } from "./processes.ts";

const port = await servedBy(Number(process.env.BENCH_PROCESSES ?? 1), async () => {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return { port: typeof address === "object" && address ? address.port : 0, stop: () => app.close() };
});
if (port !== null) process.send?.({ port });
