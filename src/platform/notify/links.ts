/**
 * Absolute links in notification emails need the site's address and secret. The app sets them when
 * it starts (notificationRoutes); a CLI command that notifies calls `configureNotifications` itself.
 */
import type { Config } from "../config.ts";
import { unsubscribeToken, type UnsubscribeTarget } from "./unsubscribe-token.ts";

let current: Pick<Config, "baseUrl" | "sessionSecret"> | null = null;

/** Sets the base URL and secret used for the links in notification emails. */
export function configureNotifications(config: Pick<Config, "baseUrl" | "sessionSecret">): void {
  current = { baseUrl: config.baseUrl, sessionSecret: config.sessionSecret };
}

function settings(): Pick<Config, "baseUrl" | "sessionSecret"> {
  if (!current) throw new Error("notifications are not configured: call configureNotifications(config) at start-up");
  return current;
}

/** The secret that signs unsubscribe tokens. */
export function unsubscribeSecret(): string {
  return settings().sessionSecret;
}

/** A site path as an absolute URL; absolute URLs pass through. */
export function absoluteUrl(path: string): string {
  return path.startsWith("/") ? `${settings().baseUrl}${path}` : path;
}

/** The one-click unsubscribe address for an account and type. */
export function unsubscribeUrl(target: UnsubscribeTarget): string {
  return absoluteUrl(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(settings().sessionSecret, target))}`);
}
