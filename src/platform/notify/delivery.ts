/** Pure rules: which channels a notification goes out on for one member. */
import type { DeliveryChoice } from "./registry.ts";

export interface Recipient {
  emailVerified: boolean;
  deleted: boolean;
}

/**
 * The member's saved choice wins over the type's defaults. Email goes only to a verified address
 * (an unverified one may belong to someone else), only for types that have an email, and never to
 * a deleted account.
 */
export function decideDelivery(defaults: DeliveryChoice, saved: DeliveryChoice | undefined, recipient: Recipient, hasEmail: boolean): DeliveryChoice {
  if (recipient.deleted) return { inApp: false, email: false };
  const choice = saved ?? defaults;
  return { inApp: choice.inApp, email: choice.email && hasEmail && recipient.emailVerified };
}
