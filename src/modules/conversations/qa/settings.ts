/** Q&A settings: when an unanswered question is routed, and to how many members. */
import { Type } from "typebox";
import { defineSetting } from "../../../platform/settings/index.ts";

export const QaSettingsSchema = Type.Object({
  routeAfterHours: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
  routeTo: Type.Integer({ minimum: 1, maximum: 20 }),
});

export const QA_SETTINGS = defineSetting("qa", QaSettingsSchema, { routeAfterHours: 4, routeTo: 3 });
