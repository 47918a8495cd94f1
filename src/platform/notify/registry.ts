/**
 * The notification types that modules declare: what a member can be told about, how it reads in
 * the app and in an email, and whether it is on by default.
 */
import type { MailContent } from "../mail/index.ts";

/** Values a notification carries into its messages; stored as JSON with the in-app row. */
export type NotificationParams = Record<string, string | number>;

export interface DeliveryChoice {
  inApp: boolean;
  email: boolean;
}

export interface NotificationType {
  /** A dotted name owned by the declaring module, e.g. `account.role_granted`. */
  type: string;
  /** Catalogue key of the type's name on the settings page. */
  labelKey: string;
  /** Catalogue key of the in-app message (formatted with the params); defaults to the label. */
  messageKey?: string;
  defaults: DeliveryChoice;
  /** The email for this type; a type without one is never sent by email. */
  email?: (params: NotificationParams) => MailContent;
}

const TYPE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const types = new Map<string, NotificationType>();

/** Declares a notification type; a module calls it once, when it loads. */
export function defineNotificationType(definition: NotificationType): void {
  if (!TYPE_NAME.test(definition.type)) throw new Error(`notification type "${definition.type}" must be dotted lower-case words`);
  types.set(definition.type, definition);
}

/** The declared type, or undefined. */
export function findNotificationType(type: string): NotificationType | undefined {
  return types.get(type);
}

/** Every declared type, by name. */
export function notificationTypes(): NotificationType[] {
  return [...types.values()].sort((a, b) => a.type.localeCompare(b.type));
}
