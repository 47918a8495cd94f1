/**
 * Group commit: many small writes that arrive at the same time are written together, in one
 * transaction, instead of one transaction each. While a batch is being written, new items wait;
 * when it commits, everything that arrived meanwhile goes as the next batch. Under light load a
 * batch holds one item and nothing waits; under heavy load the cost of a transaction (its round
 * trips, locks and commit) is shared by the whole batch. Each caller still gets its own answer, and
 * only after the batch that holds its item has committed.
 */

/** One item's result in a batch: its value, or the error that refused it (other items may succeed). */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommitOptions<I> {
  /** The largest batch. */
  maxBatch: number;
  /**
   * Batches written at the same time (each on its own connection): while one waits for the
   * database, the next can be on its way.
   */
  concurrency: number;
  /**
   * Items with the same key are never written at the same time, in one batch or in two: a later
   * one waits for the next batch, so items on the same thing are applied in the order they arrived.
   */
  key: (item: I) => string;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private writing = 0;
  /** Keys of the items in batches being written. */
  private readonly busy = new Set<string>();

  /** `write` gets a batch and answers one result per item, in the same order; if it throws, every item of the batch fails with that error. */
  constructor(
    private readonly write: (items: readonly I[]) => Promise<Array<ItemResult<O>>>,
    private readonly options: GroupCommitOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.startWriting();
    });
  }

  private startWriting(): void {
    while (this.writing < this.options.concurrency) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.writing++;
      void this.writeBatch(batch).finally(() => {
        this.writing--;
        this.startWriting();
      });
    }
  }

  private takeBatch(): Array<Waiting<I, O>> {
    const batch: Array<Waiting<I, O>> = [];
    const keys = new Set(this.busy);
    const rest: Array<Waiting<I, O>> = [];
    for (const waiting of this.queue) {
      const key = this.options.key(waiting.item);
      // Once a key waits, its later items wait too, so their order holds.
      if (batch.length >= this.options.maxBatch || keys.has(key)) rest.push(waiting);
      else {
        batch.push(waiting);
        this.busy.add(key);
      }
      keys.add(key);
    }
    this.queue = rest;
    return batch;
  }

  private async writeBatch(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await this.write(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => {
        const result = results[index];
        if (!result) waiting.reject(new Error("group commit: the batch writer answered too few results"));
        else if (result.ok) waiting.resolve(result.value);
        else waiting.reject(result.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      for (const waiting of batch) this.busy.delete(this.options.key(waiting.item));
    }
  }
}
