/** Who features members and creations on the home page: the community team. */
import { defineActions } from "../../../platform/auth/permissions.ts";

defineActions({ "members.spotlight": ["community_manager"] });
