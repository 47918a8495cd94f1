/**
 * An application listening on 127.0.0.1 for a browser to visit, with its job worker running, so
 * what a person does in the browser sends mail to SMTP_URL as it does in production.
 */
import type { Config } from "../../src/platform/config.ts";
import type { DatabaseKind } from "../../src/platform/db/index.ts";
import { startWorker } from "../../src/platform/jobs/index.ts";
import { startTestApp, type TestApp } from "./app.ts";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser } from "./chromium.ts";
import { freePort } from "./ports.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp.ts";

export interface BrowserApp {
  /** `http://127.0.0.1:PORT`, also the app's `config.baseUrl` (links in mail point here). */
  baseUrl: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/** A quick poll: tests wait for mail, not for the production poll interval. */
const WORKER_POLL_MS = 50;

/** Starts an app on a fresh database of `kind`, listening on a free port; pass `smtpUrl` to deliver mail. */
export async function startBrowserApp(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<BrowserApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const testApp = await startTestApp(kind, { ...overrides, host: "127.0.0.1", port, baseUrl });
    try {
      await testApp.app.listen({ host: "127.0.0.1", port });
    } catch (error) {
      await testApp.close();
      // The port was taken between the probe and the listen: try another one.
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE" && attempt < 3) continue;
      throw error;
    }
    const worker = startWorker(testApp.app.hearth, testApp.app.log, WORKER_POLL_MS);
    return {
      baseUrl,
      testApp,
      async close() {
        await worker.stop();
        await testApp.close();
      },
    };
  }
}

/** What a browser test visits: a listening app that mails a real SMTP server, and a Chromium. */
export interface BrowserSite {
  smtp: TestSmtpServer;
  site: BrowserApp;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts an SMTP server, an app on PGlite that delivers to it, and Chromium. */
export async function startBrowserSite(): Promise<BrowserSite> {
  const smtp = await startSmtpServer();
  const site = await startBrowserApp("pglite", { smtpUrl: smtp.url });
  const browser = await launchBrowser();
  return {
    smtp,
    site,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await smtp.close();
    },
  };
}

/** The sign-in form's accessible words in each language, for finding it as a person would. */
export interface SignInLabels {
  form: string;
  email: string;
  password: string;
  submit: string;
}

export const SIGN_IN_LABELS = {
  en: { form: "Sign in", email: "Email address", password: "Password", submit: "Sign in" },
  fa: { form: "ورود", email: "نشانی ایمیل", password: "گذرواژه", submit: "ورود" },
  he: { form: "כניסה", email: "כתובת דוא״ל", password: "סיסמה", submit: "כניסה" },
} satisfies Record<string, SignInLabels>;

/**
 * A new browser context signed in through the sign-in form. `onPage` sees the page before anything
 * loads in it (to watch for dialogs, say).
 */
export async function signInThroughForm(
  browser: Browser,
  baseUrl: string,
  account: { email: string; password: string },
  options: { browserLocale: string; labels: SignInLabels; contextOptions?: BrowserContextOptions; onPage?: (page: Page) => void },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options.contextOptions, locale: options.browserLocale });
  const page = await context.newPage();
  options.onPage?.(page);
  await page.goto(`${baseUrl}/sign-in`);
  const form = page.getByRole("form", { name: options.labels.form });
  await form.getByLabel(options.labels.email).fill(account.email);
  await form.getByLabel(options.labels.password).fill(account.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/sign-in"), form.getByRole("button", { name: options.labels.submit }).click()]);
  await page.waitForLoadState("load");
  return { context, page };
}
