/** What the benchmark asks of Hearth: the anonymous home page, a signed-in API read, and sign-in. */
import { DEMO_PASSWORD } from "../src/demo/index.ts";
import type { HearthServerReady } from "./hearth-server.ts";
import type { Scenario } from "./load.ts";

export const HOME_PATH = "/";
export const API_READ_PATH = "/api/v1/me";
export const SIGN_IN_PATH = "/sign-in";
const CSRF_COOKIE = "hearth_csrf";

export const helloWorld: Scenario = { path: "/", expectStatus: 200 };

export const home: Scenario = { path: HOME_PATH, expectStatus: 200 };

export function apiRead(ready: HearthServerReady): Scenario {
  return { path: API_READ_PATH, headers: { authorization: `Bearer ${ready.token}` }, expectStatus: 200 };
}

/** The CSRF cookie and form token a browser gets with the sign-in page. */
async function signInForm(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(baseUrl + SIGN_IN_PATH);
  const seed = response.headers.getSetCookie().map((line) => line.split(";")[0] ?? "").find((pair) => pair.startsWith(`${CSRF_COOKIE}=`));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (response.status !== 200 || !seed || !csrf) throw new Error(`GET ${SIGN_IN_PATH} gave no CSRF cookie and token (status ${response.status})`);
  return { cookie: seed, csrf };
}

/**
 * Password sign-in as the demo members in turn, each request from its own address (X-Forwarded-For):
 * many people signing in, not one client hitting the per-IP limit.
 */
export async function signIn(baseUrl: string, ready: HearthServerReady): Promise<Scenario> {
  const { cookie, csrf } = await signInForm(baseUrl);
  let n = 0;
  return {
    path: SIGN_IN_PATH,
    method: "POST",
    expectStatus: 303,
    warmup: false,
    setupRequest(request) {
      n++;
      const email = ready.emails[n % ready.emails.length] ?? "";
      return {
        ...request,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie,
          "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
      };
    },
  };
}
