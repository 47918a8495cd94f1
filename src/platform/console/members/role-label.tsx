/** A role grant as staff read it: the role's name, and its scope when it is not everywhere. */
import type { RoleGrant } from "../../auth/permissions.ts";
import { usePage } from "../../web/page-context.ts";

/** A role's localized name, with its scope when limited. */
export function RoleLabel(props: { grant: RoleGrant }) {
  const { t } = usePage();
  const name = t(`console.roles.${props.grant.role}`);
  return <span class="role">{props.grant.scope === "*" ? name : t("console.members.roleInScope", { role: name, scope: props.grant.scope })}</span>;
}
