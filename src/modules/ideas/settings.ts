/** The ideas settings a site can change: milestones, review cut-offs, the supporters' trust bar, guidelines and licence terms. */
import { Type, type Static } from "typebox";
import { defineSetting } from "../../platform/settings/index.ts";
import { DEFAULT_MILESTONES, DEFAULT_REVIEW } from "./rules.ts";

const LocalizedText = Type.Object({ en: Type.String(), fa: Type.String(), he: Type.String() });

export const IdeasSettingsSchema = Type.Object({
  milestones: Type.Object({
    steps: Type.Array(Type.Object({ target: Type.Integer({ minimum: 1 }), window: Type.Integer({ minimum: 1 }), unit: Type.Union([Type.Literal("days"), Type.Literal("months")]) }), { minItems: 1, maxItems: 10 }),
  }),
  review: Type.Object({
    cutoffs: Type.Array(Type.Object({ month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 28 }) }), { minItems: 1, maxItems: 12 }),
    timeZone: Type.String(),
  }),
  /** Supports from accounts younger than this, or with an unverified email, are held as pending. */
  trustBar: Type.Object({ minAccountAgeHours: Type.Integer({ minimum: 0 }), requireVerifiedEmail: Type.Boolean() }),
  /** Guidelines and licence terms per language; empty means the built-in text from the catalogue. */
  guidelines: LocalizedText,
  licence: LocalizedText,
});

export const ideasSettings = defineSetting("ideas", IdeasSettingsSchema, {
  milestones: DEFAULT_MILESTONES,
  review: DEFAULT_REVIEW,
  trustBar: { minAccountAgeHours: 24, requireVerifiedEmail: true },
  guidelines: { en: "", fa: "", he: "" },
  licence: { en: "", fa: "", he: "" },
});

export type IdeasSettings = Static<typeof IdeasSettingsSchema>;
