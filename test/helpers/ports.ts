/** Free TCP ports on loopback for the servers that tests start. */
import { createServer } from "node:net";

/** A port free on 127.0.0.1 right now; a caller that loses it to another process before binding retries. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
