/** What Q&A tells people: an answer to their question, their answer accepted, a question routed to them. */
import { defineNotificationType } from "../../../platform/notify/index.ts";

export const QA_ANSWERED = "qa.answered";
export const QA_ACCEPTED = "qa.accepted";
export const QA_ROUTED = "qa.routed";

for (const [type, name, email] of [
  [QA_ANSWERED, "answered", true],
  [QA_ACCEPTED, "accepted", false],
  [QA_ROUTED, "routed", true],
] as const) {
  defineNotificationType({
    type,
    labelKey: `qa.notifications.${name}.label`,
    messageKey: `qa.notifications.${name}.message`,
    defaults: { inApp: true, email },
    email: (params) => ({ subjectKey: `qa.notifications.${name}.subject`, paragraphKeys: [`qa.notifications.${name}.message`], params }),
  });
}
