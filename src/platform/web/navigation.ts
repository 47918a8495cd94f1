/**
 * Navigation entries that modules add to the public header and to the console sidebar.
 * Console entries name the action they need, so staff only see what they may open.
 */
import { OrderedRegistry } from "../ordered-registry.ts";

export interface NavItem {
  href: string;
  labelKey: string;
  order: number;
  /** Listed under "More" in the site header, so the bar keeps to the places most visits go. */
  more?: boolean;
}

export interface ConsoleNavItem extends NavItem {
  action: string;
}

const siteItems = new OrderedRegistry<NavItem>((item) => item.href);
const consoleItems = new OrderedRegistry<ConsoleNavItem>((item) => item.href);

/** Adds a link to the site header. */
export function addSiteNav(item: NavItem): void {
  siteItems.add(item);
}

/** Adds a link to the console's navigation. */
export function addConsoleNav(item: ConsoleNavItem): void {
  consoleItems.add(item);
}

export function siteNav(): readonly NavItem[] {
  return siteItems.list();
}

export function consoleNav(): readonly ConsoleNavItem[] {
  return consoleItems.list();
}
