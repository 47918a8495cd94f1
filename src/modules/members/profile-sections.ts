/**
 * Sections other modules add to a member's profile (an organiser's events, badges, an ambassador's
 * work), so the profile page shows them without the members module knowing those modules.
 */
import type { ComponentChild } from "preact";
import type { Actor } from "../../platform/auth/permissions.ts";
import type { Executor } from "../../platform/db/index.ts";
import { OrderedRegistry } from "../../platform/ordered-registry.ts";

export interface ProfileSectionContext {
  db: Executor;
  /** The member whose profile this is. */
  accountId: number;
  viewer: Actor | null;
  /** The viewer is the member themselves or staff who may see private fields. */
  private: boolean;
}

export interface ProfileSection {
  id: string;
  /** Lower comes first; the members module's own sections are above every added one. */
  order: number;
  /** The section's content for this profile, or null to leave it out. */
  load(context: ProfileSectionContext): Promise<ComponentChild | null>;
}

const sections = new OrderedRegistry<ProfileSection>((section) => section.id);

/** Adds a section to every profile page (once per id). */
export function addProfileSection(section: ProfileSection): void {
  sections.add(section);
}

/** Every added section's content for one profile, in order, leaving out the empty ones. */
export async function loadProfileSections(context: ProfileSectionContext): Promise<ComponentChild[]> {
  const loaded = await Promise.all(sections.list().map((section) => section.load(context)));
  return loaded.filter((content) => content !== null && content !== undefined);
}
