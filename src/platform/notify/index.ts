/**
 * Notifications: modules declare types with `defineNotificationType` and call `notify` inside the
 * transaction of the change; members choose per type whether to be told in the app and by email,
 * and every email carries a one-click unsubscribe link that works without signing in.
 */
export { defineNotificationType, findNotificationType, notificationTypes, type DeliveryChoice, type NotificationParams, type NotificationType } from "./registry.ts";
export { notify, type NotifyInput } from "./notify.ts";
export { configureNotifications, unsubscribeUrl } from "./links.ts";
export { effectiveChoices, saveChoices } from "./settings.ts";
export { unsubscribeToken, readUnsubscribeToken } from "./unsubscribe-token.ts";
