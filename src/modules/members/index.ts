/**
 * Members and the fan ladder: profiles, reputation, trust levels and stages computed from every
 * module's activities, each explained; the directory; a member's data rights. The public surface.
 */
import "./tables.ts";
import "./policy.ts";
import "./notifications.ts";
import "./jobs.ts";

export { membersRoutes } from "./routes.tsx";
export { recomputeMembers, requestRecompute } from "./recompute.ts";
export { ABILITIES, FLAG_WEIGHTS, hasAbility, type Ability, type TrustLevel } from "./rules.ts";
export { addProfileSection, type ProfileSection, type ProfileSectionContext } from "./profile-sections.ts";
export { memberHasAbility, trustLevelOf } from "./trust.ts";
export { onAmbassadorGrant } from "./grants.ts";
export { addInvestAction, type InvestCandidate } from "./invest-actions.ts";
