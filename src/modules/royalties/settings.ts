/** The royalties settings a site can change: how long a statement period is. */
import { Type, type Static } from "typebox";
import { defineSetting } from "../../platform/settings/index.ts";

export const RoyaltiesSettingsSchema = Type.Object({
  /** Statements cover a calendar month or quarter (UTC). Change it only between periods. */
  period: Type.Union([Type.Literal("monthly"), Type.Literal("quarterly")]),
});

export const royaltiesSettings = defineSetting("royalties", RoyaltiesSettingsSchema, { period: "quarterly" });

export type RoyaltiesSettings = Static<typeof RoyaltiesSettingsSchema>;
