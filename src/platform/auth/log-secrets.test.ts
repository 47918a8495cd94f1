/** Secrets stay out of the logs, and cookies are Secure behind TLS — on both databases. */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { DATABASE_KINDS, openTestDatabase, testConfig } from "../../../test/helpers/app.ts";
import { linkIn, mailsTo, signIn, signUp } from "../../../test/helpers/http.ts";
import { buildApp, type App } from "../http/app.ts";
import { loggerOptions } from "../http/logging.ts";
import { SESSION_COOKIE } from "./sessions.ts";

for (const kind of DATABASE_KINDS) {
  describe(`secrets in the logs, behind TLS (${kind})`, () => {
    let app: App;
    let dispose: () => Promise<void>;
    const lines: string[] = [];

    before(async () => {
      const opened = await openTestDatabase(kind);
      const config = testConfig({ databaseUrl: opened.url, baseUrl: "https://community.example", secureCookies: true });
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString("utf8"));
          done();
        },
      });
      app = await buildApp({ config, database: opened.database, logger: loggerOptions("trace", stream) });
      await app.ready();
      dispose = async () => {
        await app.close();
        await opened.dispose();
      };
    });
    after(async () => {
      await dispose();
    });

    test("passwords, session cookies and emailed tokens never appear in the logs", async () => {
      const password = "purple-elephant-sings-4917";
      const { browser, email } = await signUp(app, { password });
      const signedIn = await signIn(app, email, password);
      assert.equal(signedIn.response.statusCode, 303);
      await signIn(app, email, `${password}-wrong`);
      const [mail] = await mailsTo(app.hearth.db, email, "verify");
      const link = linkIn(mail?.text_body ?? "", "/verify-email");
      assert.equal((await browser.get(link)).statusCode, 303);
      const emailed = new URL(link, "https://community.example").searchParams.get("token") ?? "";

      const log = lines.join("");
      assert.match(log, /"msg":"request"/, "requests are logged");
      assert.match(log, /\/verify-email\?token=\[redacted\]/);
      for (const secret of [password, emailed, browser.jar.get(SESSION_COOKIE) ?? "", signedIn.browser.jar.get(SESSION_COOKIE) ?? ""]) {
        assert.ok(secret.length > 10);
        assert.equal(log.includes(secret), false, "a secret reached the logs");
      }
    });

    test("behind TLS the session cookie is Secure", async () => {
      const { response } = await signUp(app);
      const cookie = response.cookies.find((item) => item.name === SESSION_COOKIE);
      assert.equal(cookie?.secure, true);
    });
  });
}
