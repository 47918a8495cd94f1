/** Who manages badges: the community team creates and edits them and awards or revokes the manual ones. */
import { defineActions } from "../../../platform/auth/permissions.ts";

defineActions({ "members.badges": ["community_manager"] });
