/**
 * A short-lived cache of pages as anonymous visitors see them (as Discourse and Varnish
 * "micro-caching" do): a busy public page is rendered once every few seconds per language instead
 * of once per visitor. Only GET routes that opt in with `config.anonymousCache` are cached, only
 * for requests without a session, and only answers that set no cookie — so nothing personal is
 * ever stored or served to someone else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";

const TTL_MS = 5_000;

interface CachedPage {
  contentType: string;
  /** Kept encoded: sending a ready Buffer skips measuring and encoding the page again on every hit. */
  body: Buffer;
}

function cacheKey(request: FastifyRequest): string | null {
  if (request.method !== "GET" || !request.routeOptions.config.anonymousCache) return null;
  if (request.actor || request.cookies.hearth_session || request.cookies.hearth_flash) return null;
  return `${request.locale}\u0000${request.url}`;
}

/** Registers the cache's hooks; call after the security hooks so the locale and actor are known. */
export function registerPageCache(app: FastifyInstance): void {
  const pages = new LRUCache<string, CachedPage>({ max: 1000, ttl: TTL_MS });

  app.addHook("onRequest", async (request, reply) => {
    const key = cacheKey(request);
    const hit = key ? pages.get(key) : undefined;
    if (!hit) return;
    return reply.headers({ "content-type": hit.contentType, "content-length": hit.body.length, "x-cache": "hit", vary: "Accept-Language, Cookie" }).send(hit.body);
  });

  app.addHook("onSend", async (request, reply: FastifyReply, payload) => {
    const key = cacheKey(request);
    if (!key || reply.statusCode !== 200 || typeof payload !== "string" || reply.hasHeader("set-cookie") || reply.getHeader("x-cache") === "hit") return payload;
    pages.set(key, { contentType: String(reply.getHeader("content-type") ?? "text/html; charset=utf-8"), body: Buffer.from(payload) });
    reply.header("vary", "Accept-Language, Cookie");
    return payload;
  });
}
