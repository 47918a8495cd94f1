/**
 * Browser-like clients for `app.inject`: a cookie jar, form posts that carry the CSRF token the way
 * a page's form does, and sign-up / sign-in through the real forms. Each browser comes from its own
 * IP address unless given one, so suites that sign in many members stay under the per-IP limit.
 */
import type { LightMyRequestResponse } from "fastify";
import type { Executor } from "../../src/platform/db/index.ts";
import type { App } from "../../src/platform/http/app.ts";

const CSRF_COOKIE = "hearth_csrf";
const SESSION_COOKIE = "hearth_session";

/** The cookies a browser keeps between requests. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Keeps the cookies a response sets and forgets the ones it clears. */
  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const cleared = cookie.value === "" || (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

let addressCounter = 0;

function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** The `_csrf` value of the first form on a page. */
export function formCsrfToken(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export type FormFields = Record<string, string | string[]>;

/** A browser: its cookies, its address, and requests that send both. */
export class Browser {
  readonly jar = new CookieJar();
  private csrf: { seed: string; token: string } | undefined;

  constructor(
    readonly app: App,
    readonly ip: string = nextAddress(),
  ) {}

  /** Sends a request with this browser's cookies and address, and keeps the cookies it gets back. */
  async request(options: { method?: "GET" | "POST"; url: string; headers?: Record<string, string>; payload?: string }): Promise<LightMyRequestResponse> {
    const cookie = this.jar.header();
    const response = await this.app.inject({
      method: options.method ?? "GET",
      url: options.url,
      remoteAddress: this.ip,
      headers: { ...(cookie ? { cookie } : {}), ...options.headers },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });
    this.jar.store(response);
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({ url, headers });
  }

  /** The form token for this browser's CSRF cookie, read from a page once per cookie. */
  async csrfToken(): Promise<string> {
    const seed = this.jar.get(CSRF_COOKIE);
    if (this.csrf && seed === this.csrf.seed) return this.csrf.token;
    const page = await this.get("/sign-in");
    const token = formCsrfToken(page.body);
    const newSeed = this.jar.get(CSRF_COOKIE);
    if (!token || !newSeed) throw new Error("the sign-in page has no CSRF token");
    this.csrf = { seed: newSeed, token };
    return token;
  }

  /** Posts a form as the page would, with `_csrf` (pass `csrf: false` to leave it out, or a string to send that instead). */
  async post(url: string, fields: FormFields = {}, options: { csrf?: boolean | string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const csrf = options.csrf ?? true;
    if (csrf !== false) body.append("_csrf", typeof csrf === "string" ? csrf : await this.csrfToken());
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) body.append(name, item);
    }
    return this.request({ method: "POST", url, payload: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded", ...options.headers } });
  }

  /** True while the browser holds a session cookie. */
  get hasSession(): boolean {
    return this.jar.get(SESSION_COOKIE) !== undefined;
  }
}

let accountCounter = 0;

export interface SignUpInput {
  name?: string;
  email?: string;
  password?: string;
  locale?: string;
}

/** Signs up through the form; the browser is then signed in. Email and password default to fresh values. */
export async function signUp(app: App, input: SignUpInput = {}, browser = new Browser(app)): Promise<{ browser: Browser; email: string; password: string; response: LightMyRequestResponse }> {
  accountCounter += 1;
  const email = input.email ?? `member${accountCounter}-${Date.now()}@example.test`;
  const password = input.password ?? `long enough password ${accountCounter}`;
  const response = await browser.post("/sign-up", { name: input.name ?? `Member ${accountCounter}`, email, password, ...(input.locale !== undefined ? { locale: input.locale } : {}) });
  if (response.statusCode !== 303) throw new Error(`sign-up answered ${response.statusCode}`);
  return { browser, email, password, response };
}

/** Signs in through the form; check `response.statusCode` (303 on success). */
export async function signIn(app: App, email: string, password: string, options: { returnTo?: string; browser?: Browser } = {}): Promise<{ browser: Browser; response: LightMyRequestResponse }> {
  const browser = options.browser ?? new Browser(app);
  const response = await browser.post("/sign-in", { email, password, ...(options.returnTo !== undefined ? { returnTo: options.returnTo } : {}) });
  return { browser, response };
}

/** The messages in the outbox for an address, oldest first, optionally of one kind (verify, magic, reset…). */
export async function mailsTo(db: Executor, address: string, kind?: string) {
  let query = db.selectFrom("mail_outbox").selectAll().where("to_address", "=", address.toLowerCase());
  if (kind) query = query.where("kind", "=", kind);
  return query.orderBy("id").execute();
}

/** The path and query of the link to `path` in a message's text (links in mail are absolute). */
export function linkIn(text: string, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`https?://[^\\s/]+(${escaped}\\?[^\\s]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no link to ${path} in the message`);
  return match[1];
}
