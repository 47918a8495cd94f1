/**
 * The wiki mark on a topic (migrations/0041_trust_abilities.sql): staff mark the opening post as a
 * wiki, and members whose trust level has `edit_wiki` may then edit it (see editPost).
 */
declare module "../tables.ts" {
  interface TopicsTable {
    /** When staff marked the opening post as a wiki; null when it is not one. */
    wiki_at: Date | null;
  }
}

export {};
