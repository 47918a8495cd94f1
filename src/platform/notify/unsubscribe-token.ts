/**
 * One-click unsubscribe tokens: an account id and a notification type, signed with the site's
 * secret (HMAC). The token itself is the proof, so the link works without signing in.
 */
import { safeEqual, sign } from "../auth/crypto.ts";

export interface UnsubscribeTarget {
  accountId: number;
  type: string;
}

function signature(secret: string, payload: string): string {
  return sign(secret, `unsubscribe:${payload}`);
}

/** The token for turning off email of one type for one account. */
export function unsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  const payload = Buffer.from(`${target.accountId}:${target.type}`, "utf8").toString("base64url");
  return `${payload}.${signature(secret, payload)}`;
}

/** The account and type a token names, or null when it is malformed or not signed by us. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | null {
  const [payload, mac, ...rest] = token.split(".");
  if (!payload || !mac || rest.length > 0 || !safeEqual(mac, signature(secret, payload))) return null;
  const match = /^(\d{1,15}):([a-z0-9_.]{1,100})$/.exec(Buffer.from(payload, "base64url").toString("utf8"));
  if (!match?.[1] || !match[2]) return null;
  return { accountId: Number(match[1]), type: match[2] };
}
