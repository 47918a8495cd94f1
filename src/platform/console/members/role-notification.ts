/** The notification a member gets when staff give them a staff role. */
import { defineNotificationType } from "../../notify/index.ts";

export const ROLE_GRANTED = "account.role_granted";

defineNotificationType({
  type: ROLE_GRANTED,
  labelKey: "console.notifications.roleGranted.label",
  messageKey: "console.notifications.roleGranted.message",
  defaults: { inApp: true, email: true },
  email: (params) => ({
    subjectKey: "console.notifications.roleGranted.subject",
    paragraphKeys: ["console.notifications.roleGranted.greeting", "console.notifications.roleGranted.body"],
    params,
  }),
});
