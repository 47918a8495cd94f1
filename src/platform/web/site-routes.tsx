/** The home page and the language switch. */
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { LOCALES } from "../i18n/index.ts";
import { LOCALE_COOKIE } from "../http/security.ts";
import { HomePage } from "./home-page.tsx";
import { loadHomeSections } from "./home-sections.ts";
import { sendPage } from "./render.tsx";

const PLACEHOLDER_ORIGIN = "http://hearth.invalid";

/**
 * Only same-site paths are accepted as a place to return to. The path is parsed against a placeholder
 * origin (a tab or a backslash cannot turn it into another site) and returned percent-encoded, so it
 * is always safe in a Location header.
 */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  try {
    const url = new URL(value, PLACEHOLDER_ORIGIN);
    return url.origin === PLACEHOLDER_ORIGIN ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

export async function siteRoutes(app: FastifyInstance): Promise<void> {
  app.get("/", { config: { anonymousCache: true } }, async (request, reply) => {
    const [members, sections] = await Promise.all([
      app.hearth.db.selectFrom("accounts").select((eb) => eb.fn.countAll<number>().as("count")).where("deleted_at", "is", null).executeTakeFirstOrThrow(),
      loadHomeSections(app.hearth.db, request.locale),
    ]);
    return sendPage(request, reply, <HomePage members={Number(members.count)} sections={sections} />, { title: request.t("site.name"), description: request.t("home.description") });
  });

  app.get(
    "/locale/:locale",
    {
      schema: {
        params: Type.Object({ locale: Type.Union(LOCALES.map((code) => Type.Literal(code))) }),
        querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (request, reply) => {
      const { locale } = request.params as { locale: (typeof LOCALES)[number] };
      const { returnTo } = request.query as { returnTo?: string };
      reply.setCookie(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 86400, httpOnly: true, secure: app.hearth.config.secureCookies });
      // A member's choice is kept with their account, so it follows them to other devices and into emails.
      if (request.actor) {
        await app.hearth.db.updateTable("accounts").set({ locale, updated_at: new Date() }).where("id", "=", request.actor.id).execute();
      }
      return reply.redirect(safeReturnPath(returnTo), 303);
    },
  );
}
