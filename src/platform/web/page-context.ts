/** What every view needs to know about the request, available through `usePage()`. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../auth/permissions.ts";
import type { Locale, Params, Translate } from "../i18n/index.ts";

export interface Flash {
  kind: "success" | "error" | "info";
  key: string;
  params?: Params;
}

export interface PageContext {
  t: Translate;
  locale: Locale;
  dir: "ltr" | "rtl";
  actor: Actor | null;
  /** The CSRF token for forms; asked for only by pages that have a form, so pages without one set no cookie. */
  csrfToken(): string;
  /** The request path, for navigation state and the language switcher's return address. */
  path: string;
  /** Where to come back to after switching language: this page for a GET, the home page after a form post. */
  returnTo: string;
  siteName: string;
  baseUrl: string;
  flash: Flash | null;
  unreadNotifications: number;
  can(action: string, scope?: string): boolean;
  formatDate(date: Date, options?: { time?: boolean; timeZone?: string }): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

export const PageContextValue = createContext<PageContext | null>(null);

/** The current page's context; only valid while a page renders. */
export function usePage(): PageContext {
  const value = useContext(PageContextValue);
  if (!value) throw new Error("usePage() called outside a page render");
  return value;
}
