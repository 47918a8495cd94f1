/**
 * The external ids met so far in one input, kept as 64-bit fingerprints in typed arrays (16 bytes per
 * id at most) instead of strings, so a million-line file costs megabytes, not hundreds of them.
 * A fingerprint met twice only makes its id a suspect: the import then compares the actual lines.
 */

/** Two independent 32-bit FNV-1a hashes of the id's UTF-16 code units (different offset bases). */
function fingerprint(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2b1d6e3f;
  for (let index = 0; index < id.length; index += 1) {
    const code = id.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  // Zero marks an empty slot: fingerprints are never zero.
  return [(a >>> 0) || 1, b >>> 0];
}

export class SeenIds {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private count = 0;

  /** Records the id; true when an id with the same fingerprint was recorded before. */
  add(id: string): boolean {
    const [high, low] = fingerprint(id);
    if (this.insert(high, low)) return true;
    this.count += 1;
    if (this.count * 2 > this.high.length) this.grow();
    return false;
  }

  /** Open addressing with linear probing; true when the fingerprint is already there. */
  private insert(high: number, low: number): boolean {
    const mask = this.high.length - 1;
    for (let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      if (this.high[slot] === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        return false;
      }
      if (this.high[slot] === high && this.low[slot] === low) return true;
    }
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    for (let slot = 0; slot < high.length; slot += 1) {
      if (high[slot] !== 0) this.insert(high[slot] ?? 0, low[slot] ?? 0);
    }
  }
}
