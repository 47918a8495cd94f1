/** Renders a page (a Preact tree inside the layout) for a request, and flash messages across redirects. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { can } from "../auth/permissions.ts";
import { direction, formatDate, formatNumber } from "../i18n/index.ts";
import { Layout, type LayoutProps } from "./layout.tsx";
import { PageContextValue, type Flash, type PageContext } from "./page-context.ts";

const FLASH_COOKIE = "hearth_flash";

function readFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: "/" });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const value = JSON.parse(unsigned.value) as Flash;
    return typeof value.key === "string" && ["success", "error", "info"].includes(value.kind) ? { kind: value.kind, key: value.key } : null;
  } catch {
    return null;
  }
}

/** Redirects (303, so a POST becomes a GET) and shows a message on the next page. */
export function redirectWithFlash(reply: FastifyReply, url: string, flash: Flash): FastifyReply {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind: flash.kind, key: flash.key }), { path: "/", httpOnly: true, sameSite: "lax", signed: true, maxAge: 60 });
  return reply.redirect(url, 303);
}

async function unreadCount(request: FastifyRequest): Promise<number> {
  if (!request.actor) return 0;
  const row = await request.server.hearth.db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("account_id", "=", request.actor.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Builds the page context for a request. */
export async function pageContext(request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const { locale, actor } = request;
  const { config } = request.server.hearth;
  return {
    t: request.t,
    locale,
    dir: direction(locale),
    actor,
    csrfToken: () => request.csrfToken(),
    path: request.url.split("?")[0] ?? "/",
    returnTo: request.method === "GET" ? request.url : "/",
    siteName: request.t("site.name"),
    baseUrl: config.baseUrl,
    flash: readFlash(request, reply),
    unreadNotifications: await unreadCount(request),
    can: (action, scope) => can(actor, action, scope),
    formatDate: (date, options) => formatDate(locale, date, options),
    formatNumber: (value, options) => formatNumber(locale, value, options),
  };
}

export interface PageOptions extends Omit<LayoutProps, "children"> {
  status?: number;
}

/** Sends a full HTML page. */
export async function sendPage(request: FastifyRequest, reply: FastifyReply, content: ComponentChildren, options: PageOptions): Promise<FastifyReply> {
  const context = await pageContext(request, reply);
  const { status, ...layout } = options;
  const html = renderToString(
    <PageContextValue.Provider value={context}>
      <Layout {...layout}>{content}</Layout>
    </PageContextValue.Provider>,
  );
  return reply
    .status(status ?? 200)
    .header("content-type", "text/html; charset=utf-8")
    .send("<!doctype html>" + html);
}
