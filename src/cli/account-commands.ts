/** Commands that manage accounts, roles and API tokens. */
import { createAccount, findAccountByEmail, grantRole, normalizeEmail, revokeRole } from "../platform/auth/accounts.ts";
import { hashPassword, randomToken } from "../platform/auth/crypto.ts";
import { isRole, ROLES } from "../platform/auth/permissions.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../platform/auth/rules.ts";
import { apiScopes, isApiScope } from "../platform/auth/scopes.ts";
import { createApiToken } from "../platform/auth/sessions.ts";
import { inTransaction, type Executor } from "../platform/db/index.ts";
import { CommandError, optional, required, UsageError, type CliContext, type Command, type OptionValues } from "./command.ts";

function emailOption(values: OptionValues): string {
  const email = normalizeEmail(required(values, "email"));
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--email: "${email}" is not an email address`);
  return email;
}

function passwordOption(values: OptionValues): string | undefined {
  const password = values.password;
  if (password === undefined) return undefined;
  if (typeof password !== "string" || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new UsageError(`--password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`);
  }
  return password;
}

function roleOption(values: OptionValues): string {
  const role = required(values, "role").replaceAll("-", "_");
  if (!isRole(role)) throw new UsageError(`--role: unknown role "${role}"; roles are ${ROLES.join(", ")}`);
  return role;
}

async function accountId(db: Executor, email: string): Promise<number> {
  const account = await findAccountByEmail(db, email);
  if (!account) throw new CommandError(`no account has the email ${email}`);
  return account.id;
}

/** Creates an account; the password is generated (and printed) when none is given. */
async function createWithPassword(context: CliContext, values: OptionValues, options: { verified: boolean; role?: string }): Promise<void> {
  const email = emailOption(values);
  const name = optional(values, "name") ?? email.split("@")[0] ?? email;
  const given = passwordOption(values);
  const password = given ?? randomToken(12);
  const { db } = await context.database();
  if (await findAccountByEmail(db, email)) {
    throw new CommandError(`an account with the email ${email} already exists${options.role ? `; give it the role with: hearth user role --email ${email} --role ${options.role}` : ""}`);
  }
  const passwordHash = await hashPassword(password);
  const id = await inTransaction(db, async (tx) => {
    const created = await createAccount(tx, { email, name, verified: options.verified }, passwordHash);
    if (options.role) await grantRole(tx, created, options.role);
    return created;
  });
  context.out(`Created ${options.role ?? "member"} account ${id}: ${email}${options.verified ? "" : " (email not verified)"}`);
  context.out(given ? "Password: the one given with --password" : `Password: ${password}`);
}

const adminCreate: Command = {
  name: "admin create",
  summary: "create a verified account with the admin role",
  usage: "--email E [--name N] [--password P]",
  details: ["Prints the password, generated when --password is not given."],
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  run: (values, context) => createWithPassword(context, values, { verified: true, role: "admin" }),
};

const userCreate: Command = {
  name: "user create",
  summary: "create a member account",
  usage: "--email E [--name N] [--password P] [--verified]",
  details: ["Without --verified the member confirms the address by the emailed link; prints the password, generated when not given."],
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, verified: { type: "boolean" } },
  run: (values, context) => createWithPassword(context, values, { verified: values.verified === true }),
};

const userRole: Command = {
  name: "user role",
  summary: "grant (or with --revoke, remove) a role",
  usage: "--email E --role R [--scope S] [--revoke]",
  details: [`Roles: ${ROLES.join(", ")}. The scope is * (everywhere, the default) or one a module defines, such as category:7.`],
  options: { email: { type: "string" }, role: { type: "string" }, scope: { type: "string" }, revoke: { type: "boolean" } },
  async run(values, context) {
    const email = emailOption(values);
    const role = roleOption(values);
    const scope = optional(values, "scope") ?? "*";
    const revoke = values.revoke === true;
    const { db } = await context.database();
    const id = await accountId(db, email);
    const held = await db.selectFrom("account_roles").select("role").where("account_id", "=", id).where("role", "=", role).where("scope", "=", scope).executeTakeFirst();
    if (revoke) {
      if (!held) throw new CommandError(`${email} does not have the role ${role} (scope ${scope})`);
      await revokeRole(db, id, role, { scope });
      context.out(`Removed the role ${role} (scope ${scope}) from ${email}`);
    } else if (held) {
      context.out(`${email} already has the role ${role} (scope ${scope})`);
    } else {
      await grantRole(db, id, role, { scope });
      context.out(`Granted the role ${role} (scope ${scope}) to ${email}`);
    }
  },
};

const tokenCreate: Command = {
  name: "token create",
  summary: "create an API token; prints only the token",
  usage: "--email E --scopes S1,S2 [--name N]",
  details: ["Send it as Authorization: Bearer <token>. Scopes: read, write, and those the modules declare."],
  options: { email: { type: "string" }, scopes: { type: "string" }, name: { type: "string" } },
  async run(values, context) {
    const email = emailOption(values);
    const scopes = [...new Set(required(values, "scopes").split(",").map((scope) => scope.trim()).filter((scope) => scope !== ""))];
    // Modules declare their scopes when their routes load.
    await import("../routes.ts");
    const unknown = scopes.filter((scope) => !isApiScope(scope));
    if (scopes.length === 0 || unknown.length > 0) {
      throw new UsageError(`--scopes: unknown scope "${unknown[0] ?? ""}"; scopes are ${apiScopes().map((scope) => scope.name).join(", ")}`);
    }
    const name = optional(values, "name") ?? "cli";
    const { db } = await context.database();
    context.out(await createApiToken(db, await accountId(db, email), name, scopes));
  },
};

export const accountCommands: readonly Command[] = [adminCreate, userCreate, userRole, tokenCreate];
