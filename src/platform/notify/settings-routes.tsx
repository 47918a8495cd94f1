/** /account/notifications: per-type choices for in-app and email notifications. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { unauthorized } from "../errors.ts";
import { redirectWithFlash, sendPage } from "../web/render.tsx";
import type { DeliveryChoice } from "./registry.ts";
import { effectiveChoices, saveChoices } from "./settings.ts";
import { choiceField, NotificationSettingsPage } from "./settings-page.tsx";
import { notificationTypes } from "./registry.ts";

/** Checked boxes arrive as "on"; an unchecked box is simply absent. */
const SettingsBody = Type.Record(Type.String({ pattern: "^[a-z0-9_.]{1,100}:(inApp|email)$" }), Type.Literal("on"), { additionalProperties: false, maxProperties: 1000 });

/** Registers the notification settings page and form. */
export async function notificationSettingsRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get("/account/notifications", { config: { access: "member" } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const choices = await effectiveChoices(db, request.actor.id);
    return sendPage(request, reply, <NotificationSettingsPage choices={choices} />, { title: request.t("notify.settings.title") });
  });

  app.post("/account/notifications", { config: { access: "member" }, schema: { body: SettingsBody } }, async (request, reply) => {
    if (!request.actor) throw unauthorized();
    const checked = new Set(Object.keys(request.body));
    const choices = new Map<string, DeliveryChoice>(
      notificationTypes().map((definition) => [
        definition.type,
        { inApp: checked.has(choiceField(definition.type, "inApp")), email: definition.email !== undefined && checked.has(choiceField(definition.type, "email")) },
      ]),
    );
    await saveChoices(db, request.actor.id, choices);
    return redirectWithFlash(reply, "/account/notifications", { kind: "success", key: "notify.settings.saved" });
  });
}
