/** GET and POST /console/ideas/settings: the ideas settings form. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { FieldErrors } from "../../../platform/errors.ts";
import { readSetting } from "../../../platform/settings/index.ts";
import { addConsoleNav } from "../../../platform/web/navigation.ts";
import { redirectWithFlash } from "../../../platform/web/render.tsx";
import { ideasSettings } from "../settings.ts";
import { saveIdeasSettings } from "./admin.ts";
import { bodyErrors, serviceFieldErrors, staffAct } from "./form-support.ts";
import { sendIdeasConsolePage } from "./send-page.tsx";
import { SettingsBody, settingsFromValues, valuesFromBody, valuesFromSettings } from "./settings-form.ts";
import { SettingsPage } from "./settings-page.tsx";
import { settingsProblems } from "./settings-rules.ts";
import { SETTINGS_PATH } from "./settings-tabs.tsx";

addConsoleNav({ href: SETTINGS_PATH, labelKey: "ideasConsole.nav.settings", order: 230, action: "ideas.settings" });

const access = { action: "ideas.settings" };

/** Registers the ideas settings form. */
export async function settingsRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.hearth;

  app.get(SETTINGS_PATH, { config: { access } }, async (request, reply) => {
    const values = valuesFromSettings(await readSetting(db, ideasSettings));
    return sendIdeasConsolePage(request, reply, <SettingsPage values={values} errors={undefined} />, { title: request.t("ideasConsole.settings.title") });
  });

  app.post(SETTINGS_PATH, { config: { access }, schema: { body: SettingsBody }, attachValidation: true }, async (request, reply) => {
    const values = valuesFromBody(request.body);
    const { value, errors: unreadable } = settingsFromValues(values);
    // What could not be read explains a field best; the site's rules and the schema come after.
    const errors: FieldErrors = { ...bodyErrors(request), ...unreadable };
    for (const [field, error] of Object.entries(settingsProblems(value))) errors[field] ??= error;
    const sendBack = (fields: FieldErrors) => sendIdeasConsolePage(request, reply, <SettingsPage values={values} errors={fields} />, { title: request.t("ideasConsole.settings.title"), status: 400 });
    if (Object.keys(errors).length > 0) return sendBack(errors);
    try {
      await saveIdeasSettings(db, value, staffAct(request));
    } catch (error) {
      return sendBack(serviceFieldErrors(error));
    }
    return redirectWithFlash(reply, SETTINGS_PATH, { kind: "success", key: "ideasConsole.settings.saved" });
  });
}
