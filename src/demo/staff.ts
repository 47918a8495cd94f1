/** The demo's staff: one account per staff role, all with the documented demo password. */
import { grantRole } from "../platform/auth/accounts.ts";
import type { Role } from "../platform/auth/permissions.ts";
import type { Locale } from "../platform/i18n/index.ts";
import { insertDemoAccounts } from "./accounts.ts";
import type { DemoStaff, DemoStep } from "./context.ts";

/** The password of every demo account (documented in the README; the demo is never for production). */
export const DEMO_PASSWORD = "welcome-to-hearth";

export interface DemoStaffMember {
  key: keyof DemoStaff;
  email: string;
  name: string;
  language: Locale;
  role: Role;
}

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { key: "admin", email: "admin@hearth.local", name: "Claire Morgan", language: "en", role: "admin" },
  { key: "manager", email: "manager@hearth.local", name: "رضا کریمی", language: "fa", role: "community_manager" },
  { key: "moderator", email: "moderator@hearth.local", name: "נועה פרידמן", language: "he", role: "moderator" },
  { key: "reviewer", email: "reviewer@hearth.local", name: "Daniel Brooks", language: "en", role: "product_reviewer" },
  { key: "finance", email: "finance@hearth.local", name: "لیلا حسینی", language: "fa", role: "finance" },
];

const DAY_MS = 86_400_000;

export const staffStep: DemoStep = {
  name: "staff",
  async run(db, rng, context) {
    const accounts = await insertDemoAccounts(
      db,
      DEMO_STAFF.map((staff) => {
        const joinedAt = new Date(context.now.getTime() - (740 - rng.int(0, 9)) * DAY_MS);
        // No locale setting: whoever tries the demo sees it in their own browser's language.
        return { email: staff.email, name: staff.name, language: staff.language, locale: null, joinedAt, verifiedAt: joinedAt };
      }),
      context.passwordHash,
    );
    for (const [index, staff] of DEMO_STAFF.entries()) {
      const account = accounts[index];
      if (!account) continue;
      await grantRole(db, account.id, staff.role);
      context.staff[staff.key] = account;
    }
    return `${accounts.length} staff accounts`;
  },
};
