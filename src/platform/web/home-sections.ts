/**
 * Sections modules add to the home page (the current spotlight, …), below the welcome, so the home
 * page shows them without knowing those modules. The anonymous home page is cached for a few seconds,
 * but a signed-in visitor's is not: a section's `load` should be one cheap, indexed query.
 */
import type { ComponentChild } from "preact";
import type { Executor } from "../db/index.ts";
import type { Locale } from "../i18n/index.ts";
import { OrderedRegistry } from "../ordered-registry.ts";

export interface HomeSection {
  id: string;
  /** Lower comes first. */
  order: number;
  /** The section's content, or null to leave it out. */
  load(db: Executor, locale: Locale, now: Date): Promise<ComponentChild | null>;
}

const sections = new OrderedRegistry<HomeSection>((section) => section.id);

/** Adds a section to the home page (once per id). */
export function addHomeSection(section: HomeSection): void {
  sections.add(section);
}

/** Every section's content, in order, leaving out the empty ones. */
export async function loadHomeSections(db: Executor, locale: Locale, now = new Date()): Promise<ComponentChild[]> {
  const loaded = await Promise.all(sections.list().map((section) => section.load(db, locale, now)));
  return loaded.filter((content) => content !== null && content !== undefined);
}
