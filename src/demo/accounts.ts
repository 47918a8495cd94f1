/** Inserting demo accounts in batches, with the member role every account holds. */
import type { Tx } from "../platform/db/index.ts";
import type { Locale } from "../platform/i18n/index.ts";
import { BATCH_SIZE, insertInBatches } from "./batch.ts";
import type { DemoAccount } from "./context.ts";

export interface NewDemoAccount {
  email: string;
  name: string;
  language: Locale;
  /** Stored as the account's locale; null lets the browser choose. */
  locale: Locale | null;
  joinedAt: Date;
  verifiedAt: Date | null;
}

/** Inserts the accounts (and their member role) and returns them with their ids, in the given order. */
export async function insertDemoAccounts(db: Tx, accounts: readonly NewDemoAccount[], passwordHash: string): Promise<DemoAccount[]> {
  const ids = new Map<string, number>();
  for (let start = 0; start < accounts.length; start += BATCH_SIZE) {
    const rows = await db
      .insertInto("accounts")
      .values(
        accounts.slice(start, start + BATCH_SIZE).map((account) => ({
          email: account.email,
          name: account.name,
          password_hash: passwordHash,
          locale: account.locale,
          email_verified_at: account.verifiedAt,
          created_at: account.joinedAt,
          updated_at: account.joinedAt,
        })),
      )
      .returning(["id", "email"])
      .execute();
    for (const row of rows) ids.set(row.email, row.id);
  }
  const created = accounts.map((account) => {
    const id = ids.get(account.email);
    if (id === undefined) throw new Error(`demo account ${account.email} was not inserted`);
    return { id, email: account.email, name: account.name, language: account.language, joinedAt: account.joinedAt, verified: account.verifiedAt !== null };
  });
  await insertInBatches(
    db,
    "account_roles",
    created.map((account) => ({ account_id: account.id, role: "member", scope: "*", granted_at: account.joinedAt })),
  );
  return created;
}
