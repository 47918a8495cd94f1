/** The events settings a site can change: who may apply for a licence and the default licence terms. */
import { Type } from "typebox";
import { defineSetting } from "../../platform/settings/index.ts";
import { DEFAULT_LICENCE_POLICY } from "./rules.ts";

export const EventsSettingsSchema = Type.Object({
  minTrustLevel: Type.Integer({ minimum: 0, maximum: 4 }),
  defaultMaxAttendees: Type.Integer({ minimum: 1, maximum: 100_000 }),
  defaultMaxEvents: Type.Integer({ minimum: 1, maximum: 1000 }),
  validityMonths: Type.Integer({ minimum: 1, maximum: 60 }),
});

export const eventsSettings = defineSetting("events", EventsSettingsSchema, DEFAULT_LICENCE_POLICY);
