/** The baseline: a bare Fastify hello-world, run as its own process like Hearth is. */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
const shutdown = () => void app.close().then(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("disconnect", shutdown);
