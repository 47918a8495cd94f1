/**
 * Builds the Fastify application: plugins, security hooks, the error mapping, the platform's own
 * routes and every module's routes. `main.ts` listens; tests call `buildApp` and `inject`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.ts";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from "fastify";
import { loggerOptions, withoutSecrets } from "./logging.ts";
import { h } from "preact";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { registerBodyParsers } from "./body-parsers.ts";
import type { Hearth, RouteInfo } from "./context.ts";
import { errorBody, statusFor, toAppError, wantsJson } from "./errors.ts";
import { observeRequest } from "./metrics.ts";
import { registerPageCache } from "./page-cache.ts";
import { registerSecurity } from "./security.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { validatorCompiler } from "./validation.ts";
import { ErrorPage } from "../web/error-page.tsx";
import { sendPage } from "../web/render.tsx";
import { notFound } from "../errors.ts";
import { registerRoutes } from "../../routes.ts";
import { MAX_IMAGE_BYTES } from "../uploads/images.ts";



export interface BuildOptions {
  config: Config;
  database: Database;
  /** Logger settings; defaults to JSON lines at the configured level with secrets redacted. */
  logger?: FastifyServerOptions["logger"];
  /** A ready pino logger to use instead (tests capture the log this way). */
  loggerInstance?: FastifyBaseLogger;
}

export type App = FastifyInstance;

/** Creates the application, ready to `listen` or `inject`. */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config, database } = options;
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? loggerOptions(config.logLevel) }),
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // One log line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const hearth: Hearth = { config, db: database.db, dbKind: database.kind };
  app.decorate("hearth", hearth);
  const routeTable: RouteInfo[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") routeTable.push({ method, url: route.url, access: route.config?.access ?? "public", hasBody: Boolean(route.schema?.body) });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  registerBodyParsers(app);

  await app.register(cookie, { secret: config.sessionSecret });
  registerSecurityHeaders(app, config);
  await app.register(rateLimit, { global: false });
  // Multipart bodies (image uploads) arrive as plain key/values with files as buffers, within these limits.
  await app.register(multipart, { attachFieldsToBody: "keyValues", limits: { fileSize: MAX_IMAGE_BYTES, files: 10, fields: 50, fieldSize: 200_000 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Hearth API", version: "1", description: "The Hearth REST API. Authenticate with `Authorization: Bearer <token>`." },
      servers: [{ url: config.baseUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: ({ schema, url }) => ({ schema: url.startsWith("/api/v1") ? schema : { ...schema, hide: true }, url }),
  });
  await app.register(fastifyStatic, { root: join(PROJECT_ROOT, "src/platform/web/assets"), prefix: "/assets/", maxAge: "1h" });
  await app.register(fastifyStatic, {
    root: [join(PROJECT_ROOT, "node_modules/@fontsource/vazirmatn/files"), join(PROJECT_ROOT, "node_modules/@fontsource/noto-sans-hebrew/files"), join(PROJECT_ROOT, "node_modules/@fontsource/noto-sans/files")],
    prefix: "/fonts/",
    decorateReply: false,
    maxAge: "30d",
    immutable: true,
  });

  mkdirSync(join(config.dataDir, "uploads"), { recursive: true });
  await app.register(fastifyStatic, { root: join(config.dataDir, "uploads"), prefix: "/uploads/", decorateReply: false, maxAge: "30d", immutable: true, index: false, list: false });

  // One hook for the request's log line and its metrics.
  app.addHook("onResponse", async (request, reply) => {
    request.log.info({ method: request.method, url: withoutSecrets(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, "request");
    observeRequest(request, reply);
  });

  registerSecurity(app);
  registerPageCache(app);

  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error }, "request failed");
      reply.status(500);
      if (wantsJson(request)) return { error: { code: "internal", message: request.t("errors.internal") } };
      return sendPage(request, reply, h(ErrorPage, { message: request.t("errors.internal") }), { title: request.t("errors.internalTitle"), status: 500 });
    }
    const status = statusFor(reply, appError);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    if (wantsJson(request)) return reply.status(status).send(errorBody(request, appError));
    if (appError.kind === "unauthorized" && request.method === "GET") {
      return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
    }
    return sendPage(request, reply, h(ErrorPage, { message: request.t(appError.messageKey, appError.params), status }), {
      title: request.t(`errors.title.${appError.kind}`),
      status,
    });
  });

  app.setNotFoundHandler(async () => {
    throw notFound();
  });

  app.get("/api/openapi.json", { config: { access: "public" } }, async () => app.swagger());
  await registerRoutes(app);
  return app;
}
