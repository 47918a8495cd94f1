/**
 * Entries that modules add while loading (navigation links, home and profile sections, console
 * actions): each kept once, by its key, and listed in `order`.
 */
export class OrderedRegistry<T extends { order: number }> {
  private readonly entries: T[] = [];

  constructor(private readonly keyOf: (entry: T) => string) {}

  /** Adds the entry unless one with the same key is there. */
  add(entry: T): void {
    const key = this.keyOf(entry);
    if (this.entries.some((existing) => this.keyOf(existing) === key)) return;
    this.entries.push(entry);
    this.entries.sort((a, b) => a.order - b.order);
  }

  list(): readonly T[] {
    return this.entries;
  }
}
