/** The badges' public side: `/badges`, `/badges/:slug`, `GET /api/v1/badges`, and the badges on each profile. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Executor } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import { translator, type Locale } from "../../../platform/i18n/index.ts";
import { addSiteNav } from "../../../platform/web/navigation.ts";
import { sendPage } from "../../../platform/web/render.tsx";
import { addProfileSection } from "../profile-sections.ts";
import { badgesConsoleRoutes } from "./console.tsx";
import { BadgeJson, presentBadge } from "./presenters.ts";
import { SLUG_PATTERN } from "./rules.ts";
import { activeMemberCount, badgesOf, findBadge, listBadges, recentHolders } from "./store.ts";
import { BadgePage, BadgesPage, ProfileBadges } from "./views.tsx";

addSiteNav({ href: "/badges", labelKey: "badges.nav", order: 420, more: true });

const RECENT_HOLDERS = 24;

async function allBadges(db: Executor, locale: Locale) {
  const [badges, active] = await Promise.all([listBadges(db), activeMemberCount(db)]);
  const t = translator(locale);
  return badges.map((badge) => presentBadge(badge, active, t, locale));
}

addProfileSection({
  id: "badges",
  order: 100,
  async load({ db, accountId }) {
    const held = await badgesOf(db, accountId);
    if (held.length === 0) return null;
    const [all, active] = await Promise.all([listBadges(db), activeMemberCount(db)]);
    const holders = new Map(all.map((badge) => [badge.id, badge.holders]));
    return <ProfileBadges badges={held.map((badge) => ({ ...badge, holders: holders.get(badge.id) ?? 0 }))} activeMembers={active} />;
  },
});

export async function badgesRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;
  await app.register(badgesConsoleRoutes);

  app.get(
    "/api/v1/badges",
    { schema: { tags: ["members"], summary: "Every badge with how to earn it, its holders and rarity", response: { 200: Type.Object({ items: Type.Array(BadgeJson) }) } } },
    async (request) => ({ items: await allBadges(db, request.locale) }),
  );

  app.get("/badges", { config: { anonymousCache: true } }, async (request, reply) => {
    return sendPage(request, reply, <BadgesPage badges={await allBadges(db, request.locale)} />, { title: request.t("badges.title"), description: request.t("badges.lead") });
  });

  app.get("/badges/:slug", { config: { anonymousCache: true }, schema: { params: Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN, maxLength: 60 }) }) } }, async (request, reply) => {
    const badge = await findBadge(db, request.params.slug);
    if (!badge) throw notFound("badge_not_found", "badges.errors.notFound");
    const [active, holders] = await Promise.all([activeMemberCount(db), recentHolders(db, badge.id, RECENT_HOLDERS)]);
    const json = presentBadge(badge, active, request.t, request.locale);
    return sendPage(request, reply, <BadgePage badge={json} holders={holders} />, { title: json.name, description: json.description });
  });
}
