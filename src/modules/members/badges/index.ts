/** Badges: rule-based (awarded by a recurring job from the members' stored counts) and manual, with rarity, pages and the API. */
import "./tables.ts";
import "./policy.ts";
import "./award.ts";

export { badgesRoutes } from "./routes.tsx";
export { awardRuleBadges } from "./award.ts";
