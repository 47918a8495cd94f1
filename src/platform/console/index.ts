/**
 * The staff console's public surface for modules: send a page inside the console shell, and the
 * paging helpers its lists share. A module adds its entry with `addConsoleNav` (web/navigation.ts).
 */
export { ConsoleNav, sendConsolePage } from "./console-page.tsx";
export { fetchPage, likeEscape, PAGE_SIZE, PageQuery, pageHref, type Page } from "./paging.ts";
