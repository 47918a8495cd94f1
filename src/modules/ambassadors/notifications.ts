/** What the programme tells a member: a decision on their nomination, the renewal reminder, the end of a term, a confirmed task. */
import { defineNotificationType } from "../../platform/notify/index.ts";

export const AMBASSADOR_NOTICES = ["nomination_accepted", "nomination_declined", "renewal_due", "lapsed", "task_confirmed"] as const;
export type AmbassadorNotice = (typeof AMBASSADOR_NOTICES)[number];

for (const notice of AMBASSADOR_NOTICES) {
  defineNotificationType({
    type: `ambassadors.${notice}`,
    labelKey: `ambassadors.notifications.${notice}.label`,
    messageKey: `ambassadors.notifications.${notice}.message`,
    defaults: { inApp: true, email: notice !== "task_confirmed" },
    email: (params) => ({ subjectKey: `ambassadors.notifications.${notice}.subject`, paragraphKeys: [`ambassadors.notifications.${notice}.message`], params }),
  });
}
