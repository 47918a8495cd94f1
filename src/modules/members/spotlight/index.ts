/** The spotlight: staff feature a member or a creation on the home page with a write-up; its history is public. */
import "./tables.ts";
import "./policy.ts";

export { spotlightRoutes } from "./routes.tsx";
