/**
 * Navigation entries that modules add to the public header and to the console sidebar.
 * Console entries name the action they need, so staff only see what they may open.
 */
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

const siteItems: NavItem[] = [];
const consoleItems: ConsoleNavItem[] = [];

/** Adds a link to the site header. */
export function addSiteNav(item: NavItem): void {
  if (!siteItems.some((existing) => existing.href === item.href)) siteItems.push(item);
  siteItems.sort((a, b) => a.order - b.order);
}

/** Adds a link to the console's navigation. */
export function addConsoleNav(item: ConsoleNavItem): void {
  if (!consoleItems.some((existing) => existing.href === item.href)) consoleItems.push(item);
  consoleItems.sort((a, b) => a.order - b.order);
}

export function siteNav(): readonly NavItem[] {
  return siteItems;
}

export function consoleNav(): readonly ConsoleNavItem[] {
  return consoleItems;
}
