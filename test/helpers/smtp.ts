/**
 * A real SMTP server for tests, on 127.0.0.1 and a free port, that keeps every message it receives,
 * parsed. It offers neither AUTH nor STARTTLS, so a plain `smtp://127.0.0.1:PORT` transport delivers
 * in the clear (nodemailer upgrades to TLS whenever the server offers it).
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  /** For SMTP_URL: `smtp://127.0.0.1:PORT`. */
  url: string;
  /** Every message received so far, in order of arrival. */
  messages: ParsedMail[];
  /** The first received message that matches, waiting for it to arrive; rejects after `timeoutMs`. */
  waitForMail(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

interface Waiter {
  predicate(mail: ParsedMail): boolean;
  resolve(mail: ParsedMail): void;
}

/** Starts the server; close it in the suite's `after`. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<Waiter>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 500,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const waiter of waiters) {
            if (waiter.predicate(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A connection's failure surfaces in the sender's own call; here it must not end the test process.
  server.on("error", () => undefined);
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMail(predicate, timeoutMs = 5000) {
      const arrived = messages.find(predicate);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve(mail) {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received: ${messages.map((mail) => mail.subject).join(" | ")})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
