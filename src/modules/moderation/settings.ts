/** Moderation settings: when an account counts as new, the spam controls by account age, and staff flag weight (members' flags weigh by trust level). */
import { Type } from "typebox";
import { defineSetting } from "../../platform/settings/index.ts";

const Limit = Type.Object({ posts: Type.Integer({ minimum: 1 }), minutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }), links: Type.Integer({ minimum: 0 }) });

export const ModerationSettingsSchema = Type.Object({
  newAccountHours: Type.Integer({ minimum: 0 }),
  firstPostApproval: Type.Boolean(),
  hideThreshold: Type.Integer({ minimum: 1 }),
  new: Limit,
  established: Limit,
  staffFlagWeight: Type.Integer({ minimum: 1 }),
});

export const MODERATION_SETTINGS = defineSetting("moderation", ModerationSettingsSchema, {
  newAccountHours: 24,
  firstPostApproval: true,
  hideThreshold: 4,
  new: { posts: 5, minutes: 60, links: 1 },
  established: { posts: 60, minutes: 60, links: 10 },
  staffFlagWeight: 4,
});
