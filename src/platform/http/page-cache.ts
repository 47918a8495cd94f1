/**
 * A short-lived cache of pages as anonymous visitors see them (as Discourse and Varnish
 * "micro-caching" do): a busy public page is rendered once every few seconds per language instead
 * of once per visitor. Only GET routes that opt in with `config.anonymousCache` are cached, only
 * for requests without a session, and only answers that set no cookie — so nothing personal is
 * ever stored or served to someone else.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";

const TTL_MS = 5_000;

type Coding = "br" | "gzip" | "identity";

interface CachedPage {
  contentType: string;
  /**
   * The page as sent, per content coding. Kept encoded: sending a ready Buffer skips measuring and
   * encoding the page again on every hit; a compressed form is made once, for the first visitor
   * whose browser accepts it, and then served as it is (a list page of ~14 KB becomes ~3 KB).
   */
  bodies: Partial<Record<Coding, Buffer>>;
}

/** The coding to answer with: brotli, else gzip, else none (quality values other than 0 count as accepted). */
function preferredCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return "identity";
  const accepted = new Set(
    acceptEncoding
      .toLowerCase()
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, quality]) => !quality || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(quality))
      .map(([coding]) => coding?.trim()),
  );
  if (accepted.has("br")) return "br";
  return accepted.has("gzip") ? "gzip" : "identity";
}

/** Browsers send a handful of distinct Accept-Encoding values: each is read once. */
const codings = new LRUCache<string, Coding>({ max: 100 });

function codingFor(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return "identity";
  let coding = codings.get(acceptEncoding);
  if (coding === undefined) codings.set(acceptEncoding, (coding = preferredCoding(acceptEncoding)));
  return coding;
}

function encoded(page: CachedPage, coding: Coding): Buffer {
  const cached = page.bodies[coding];
  if (cached) return cached;
  const plain = page.bodies.identity ?? Buffer.alloc(0);
  // Brotli at quality 5 compresses about as fast as gzip and smaller; the result is reused for every hit.
  const body = coding === "br" ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(plain);
  page.bodies[coding] = body;
  return body;
}

function cacheKey(request: FastifyRequest): string | null {
  if (request.method !== "GET") return null;
  if (request.actor || request.cookies.hearth_session || request.cookies.hearth_flash) return null;
  return `${request.locale}\u0000${request.url}`;
}

/**
 * Adds the cache's hooks to the routes that opt in, and only to them: every other request (API calls,
 * forms, signed-in pages) skips them. Call after the security hooks so the locale and actor are known.
 */
export function registerPageCache(app: FastifyInstance): void {
  const pages = new LRUCache<string, CachedPage>({ max: 1000, ttl: TTL_MS });

  const serveHit = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = cacheKey(request);
    const hit = key ? pages.get(key) : undefined;
    if (!hit) return;
    const coding = codingFor(request.headers["accept-encoding"]);
    const body = encoded(hit, coding);
    const headers = { "content-type": hit.contentType, "content-length": body.length, "x-cache": "hit", vary: "Accept-Language, Accept-Encoding, Cookie" };
    return reply.headers(coding === "identity" ? headers : { ...headers, "content-encoding": coding }).send(body);
  };

  const keep = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = cacheKey(request);
    if (!key || reply.statusCode !== 200 || typeof payload !== "string" || reply.hasHeader("set-cookie") || reply.getHeader("x-cache") === "hit") return payload;
    pages.set(key, { contentType: String(reply.getHeader("content-type") ?? "text/html; charset=utf-8"), bodies: { identity: Buffer.from(payload) } });
    reply.header("vary", "Accept-Language, Accept-Encoding, Cookie");
    return payload;
  };

  app.addHook("onRoute", (route) => {
    if (!route.config?.anonymousCache) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), serveHit];
    route.onSend = [...[route.onSend ?? []].flat(), keep];
  });
}
