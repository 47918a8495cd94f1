/**
 * What the royalties module tells creators: their statement was approved, or paid (written in the
 * transaction of the approval or payout itself, so a creator hears of it exactly once), or it waits for
 * them to accept the agreement it falls under (each time finance tries to pay it).
 */
import type { Executor } from "../../platform/db/index.ts";
import { defineNotificationType, notify } from "../../platform/notify/index.ts";
import { currencyDigits, minorToDecimal } from "./rules.ts";

export const STATEMENT_EVENTS = ["approved", "paid", "accept_pending"] as const;
export type StatementEvent = (typeof STATEMENT_EVENTS)[number];

for (const event of STATEMENT_EVENTS) {
  defineNotificationType({
    type: `royalties.${event}`,
    labelKey: `royalties.notifications.${event}.label`,
    messageKey: `royalties.notifications.${event}.message`,
    defaults: { inApp: true, email: true },
    email: (params) => ({ subjectKey: `royalties.notifications.${event}.subject`, paragraphKeys: [`royalties.notifications.${event}.message`], params }),
  });
}

/** Tells the creator about their statement, inside the caller's transaction. */
export async function notifyStatement(db: Executor, event: StatementEvent, statement: { id: number; account_id: number; currency: string; royalty_minor: number; period: string }): Promise<void> {
  await notify(db, {
    accountId: statement.account_id,
    type: `royalties.${event}`,
    params: { period: statement.period, amount: minorToDecimal(statement.royalty_minor, currencyDigits(statement.currency)), currency: statement.currency },
    // Agreements are accepted on the account's royalties page.
    url: event === "accept_pending" ? "/account/royalties" : `/account/royalties/statements/${statement.id}`,
  });
}
