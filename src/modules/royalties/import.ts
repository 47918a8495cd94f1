/**
 * Sales import: every line is checked before any is applied (refused whole, or only the good lines
 * when the finance user asks for that), then lines are applied in chunks. Each chunk commits on its
 * own — its sales lines, their journal entries and the accruals they move — and is idempotent by
 * external id, so an import that stops half-way (a crash, a kill) is finished by importing again.
 */
import { sql } from "kysely";
import type { Actor } from "../../platform/auth/permissions.ts";
import { authorize } from "../../platform/auth/permissions.ts";
import { recordAudit } from "../../platform/audit/index.ts";
import { inTransaction, type Executor, type Tx } from "../../platform/db/index.ts";
import { readSetting } from "../../platform/settings/index.ts";
import { skuCatalogue } from "../products/index.ts";
import { loadAgreements, type Agreement } from "./agreements.ts";
import { agreementCovers, parseSalesLine, periodStart, refundExceeds, refundMatches, royaltyForLine, sameLine, utcDay, type LineError, type PeriodLength, type SalesLine } from "./rules.ts";
import { royaltiesSettings } from "./settings.ts";
import { numberArray, textArray } from "./pg-array.ts";
import { oneAtATime } from "./import-lock.ts";
import { SeenIds } from "./seen-ids.ts";
import { UnreadableFile, type SalesSource } from "./sources.ts";
import "./policy.ts";

/**
 * Lines per committed chunk (two are held at once). 20,000 was tried: less Node time, no faster
 * overall on a shared machine, and 200 MB more peak memory for a million lines.
 */
export const CHUNK_LINES = 5000;
/** Accruals an import remembers between chunks (about 200 bytes each). */
const KNOWN_ACCRUALS = 200_000;
/** Refused lines listed in an answer; the count covers them all. */
export const LISTED_REFUSALS = 1000;

export interface RefusedLine extends LineError {
  line: number;
}

export interface ImportResult {
  /** False when the input was refused and nothing was applied. */
  applied: boolean;
  imported: number;
  duplicates: number;
  refused: RefusedLine[];
  refusedCount: number;
  importId: number | null;
}

export interface ImportOptions {
  /** Apply the good lines and list the bad ones, instead of refusing the whole input. */
  partial: boolean;
  filename?: string | null;
  ip?: string | null;
  now?: Date;
  /** Called after each committed chunk (the benchmark reports progress). */
  onChunk?: (linesDone: number) => void;
}

interface ParsedLine extends SalesLine {
  line: number;
  productId: number;
}

/** Imports sales lines from a source as the actor (finance). One import runs at a time (see oneAtATime). */
export async function importSales(db: Executor, actor: Actor, source: SalesSource, options: ImportOptions): Promise<ImportResult> {
  authorize(actor, "royalties.manage");
  return oneAtATime(db, () => runImport(db, actor, source, options));
}

async function runImport(db: Executor, actor: Actor, source: SalesSource, options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? new Date();
  const catalogue = await skuCatalogue(db);
  const checked = await checkSource(db, source, catalogue, now);
  const refusedCount = checked.bad.size;
  const refused = checked.refused.sort((a, b) => a.line - b.line).slice(0, LISTED_REFUSALS);
  const auditBase = { actorId: actor.id, subjectType: "sales_import", ip: options.ip ?? null };
  if (checked.fatal || (refusedCount > 0 && !options.partial)) {
    await recordAudit(db, { ...auditBase, action: "royalties.sales.refused", details: { source: source.kind, filename: options.filename ?? null, refused: refusedCount } });
    return { applied: false, imported: 0, duplicates: 0, refused, refusedCount, importId: null };
  }

  const settings = await readSetting(db, royaltiesSettings);
  const agreements = await loadAgreements(db);
  const importRow = await db
    .insertInto("sales_imports")
    .values({ source: source.kind, filename: options.filename ?? null, created_by: actor.id, lines_refused: refusedCount })
    .returning("id")
    .executeTakeFirstOrThrow();
  let imported = 0;
  let duplicates = 0;
  let linesDone = 0;
  let chunk: ParsedLine[] = [];
  const known = new Map<string, AccrualState>();
  // Two chunks are applied at once, each in its own transaction: one is written while the next is read.
  // A return may name a sale of the chunk before, not yet committed: its date comes from memory.
  let previous: { lines: readonly ParsedLine[]; stages: ChunkStages; done: Promise<void> } | null = null;
  const flush = async () => {
    const lines = chunk;
    chunk = [];
    const dates = new Map([...(previous?.lines ?? []), ...lines].map((line) => [line.externalId, line.soldAt]));
    const applying = applyChunk(db, lines, { importId: importRow.id, agreements, period: settings.period, dates, known, before: previous?.stages ?? null });
    const done = applying.result.then((result) => {
      imported += result.imported;
      duplicates += lines.length - result.imported;
      linesDone += lines.length;
      options.onChunk?.(linesDone);
    });
    done.catch(() => undefined);
    if (previous) await previous.done;
    // Inside a caller's transaction (the demo) there is one connection: one chunk at a time.
    if (db.isTransaction) await done;
    previous = { lines, stages: applying.stages, done };
  };
  for await (const record of source.records()) {
    if (checked.bad.has(record.line) || !record.raw) continue;
    const parsed = parseSalesLine(record.raw, (sku) => catalogue.has(sku), now);
    if (!("line" in parsed)) continue;
    chunk.push({ ...parsed.line, line: record.line, productId: catalogue.get(parsed.line.sku) ?? 0 });
    if (chunk.length >= CHUNK_LINES) await flush();
  }
  if (chunk.length > 0) await flush();
  await (previous as { done: Promise<void> } | null)?.done;
  await recordAudit(db, { ...auditBase, subjectId: importRow.id, action: "royalties.sales.import", details: { source: source.kind, filename: options.filename ?? null, imported, duplicates, refused: refusedCount } });
  return { applied: true, imported, duplicates, refused, refusedCount, importId: importRow.id };
}

// ---------------------------------------------------------------- checking

/** A return met while checking, resolved against its sale once the whole input has been read. */
interface RefundRef {
  line: number;
  externalId: string;
  sku: string;
  currency: string;
  quantity: number;
  /** Already imported as it is (an idempotent re-send): its items are counted in the database's sum. */
  imported: boolean;
}

interface Checked {
  bad: Set<number>;
  refused: RefusedLine[];
  fatal: boolean;
}

type Refuse = (line: number, error: LineError) => void;

/**
 * Reads the source once to check every line on its own and against lines already imported, then
 * settles what needs the whole input: an external id repeated with other values, and returns (their
 * sale, and the items returned so far) — with a second read only when some id was met twice or some
 * return names a sale of the same input. Memory grows with returns, refused lines and a 16-byte
 * fingerprint per id, never with whole lines.
 */
async function checkSource(db: Executor, source: SalesSource, catalogue: Map<string, number>, now: Date): Promise<Checked> {
  const bad = new Set<number>();
  const refused: RefusedLine[] = [];
  const refuse: Refuse = (line, error) => {
    if (refused.length < LISTED_REFUSALS * 2) refused.push({ line, ...error });
    bad.add(line);
  };
  const refunds = new Map<string, RefundRef[]>();
  const seen = new SeenIds();
  const repeated = new Set<string>();
  // The latest sales of the input, and those that returns name: most returns follow their sale closely,
  // so their sale is found here instead of in a second read of the input.
  const recentSales = new RecentSales();
  const inputSales = new Map<string, Original>();
  let pending: Array<SalesLine & { line: number; refund: RefundRef | null }> = [];
  // Look-ups of already imported lines run while the file is read on, a few at a time.
  const lookups = new Set<Promise<void>>();
  const compareWithImported = async () => {
    const batch = pending;
    pending = [];
    const lookup = importedLines(db, batch.map((line) => line.externalId)).then((existing) => {
      for (const line of batch) {
        const before = existing.get(line.externalId);
        if (before && !sameLine(before, line)) refuse(line.line, { field: "externalId", key: "royalties.line.changed", params: { id: line.externalId.slice(0, 100) } });
        else if (before && line.refund) line.refund.imported = true;
      }
    });
    lookups.add(lookup);
    void lookup.finally(() => lookups.delete(lookup)).catch(() => undefined);
    if (lookups.size >= 3) await Promise.race(lookups);
  };
  try {
    for await (const record of source.records()) {
      if (record.error || !record.raw) {
        refuse(record.line, record.error ?? { field: "line", key: "royalties.line.notObject" });
        continue;
      }
      const parsed = parseSalesLine(record.raw, (sku) => catalogue.has(sku), now);
      if ("errors" in parsed) {
        for (const error of parsed.errors) refuse(record.line, error);
        continue;
      }
      const line = parsed.line;
      if (seen.add(line.externalId)) repeated.add(line.externalId);
      else if (line.refundOf === null) recentSales.remember({ externalId: line.externalId, sku: line.sku, currency: line.currency, quantity: line.quantity, refundOf: null, line: record.line });
      let refund: RefundRef | null = null;
      if (line.refundOf !== null) {
        const sale = recentSales.get(line.refundOf);
        if (sale && !inputSales.has(line.refundOf)) inputSales.set(line.refundOf, sale);
        refund = { line: record.line, externalId: line.externalId, sku: line.sku, currency: line.currency, quantity: line.quantity, imported: false };
        const refs = refunds.get(line.refundOf);
        if (refs) refs.push(refund);
        else refunds.set(line.refundOf, [refund]);
      }
      pending.push({ ...line, line: record.line, refund });
      if (pending.length >= CHUNK_LINES) await compareWithImported();
    }
    if (pending.length > 0) await compareWithImported();
    await Promise.all(lookups);
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    refuse(error.record.line, error.record.error ?? { field: "line", key: "royalties.file.malformed" });
    return { bad, refused, fatal: true };
  }
  const originals = await importedOriginals(db, refunds);
  for (const [id, sale] of inputSales) if (!originals.has(id)) originals.set(id, sale);
  if (repeated.size > 0 || [...refunds.keys()].some((id) => !originals.has(id))) {
    await readAgain(source, repeated, refunds, originals, bad, refuse, now);
  }
  await resolveRefunds(db, refunds, originals, bad, refuse);
  return { bad, refused, fatal: false };
}

/** The sale a return names: imported already (`line` −1), or a line of this input. */
interface Original {
  externalId: string;
  sku: string;
  currency: string;
  quantity: number;
  refundOf: string | null;
  line: number;
}

/** The latest sales of an input (a bounded number: memory stays flat), by external id. */
class RecentSales {
  private static readonly SIZE = 50_000;
  private readonly byId = new Map<string, Original>();
  /** Ids in the order they came, a ring: the oldest is forgotten by its id (iterating a Map after many deletes is slow). */
  private readonly order: string[] = [];
  private next = 0;

  remember(sale: Original): void {
    const oldest = this.order[this.next];
    if (oldest !== undefined) this.byId.delete(oldest);
    this.order[this.next] = sale.externalId;
    this.next = (this.next + 1) % RecentSales.SIZE;
    this.byId.set(sale.externalId, sale);
  }

  get(id: string): Original | undefined {
    return this.byId.get(id);
  }
}

/** The imported sales that the input's returns name. */
async function importedOriginals(db: Executor, refunds: Map<string, RefundRef[]>): Promise<Map<string, Original>> {
  const originals = new Map<string, Original>();
  const ids = [...refunds.keys()];
  for (let start = 0; start < ids.length; start += CHUNK_LINES) {
    for (const [id, line] of await importedLines(db, ids.slice(start, start + CHUNK_LINES))) originals.set(id, { ...line, line: -1 });
  }
  return originals;
}

/**
 * The second read: each repeated id is compared with its first good occurrence (a different line
 * under the same id is refused; the same line again is a duplicate), and the sales that returns name
 * are found among the input's lines.
 */
async function readAgain(source: SalesSource, repeated: Set<string>, refunds: Map<string, RefundRef[]>, originals: Map<string, Original>, bad: Set<number>, refuse: Refuse, now: Date): Promise<void> {
  const firstOf = new Map<string, SalesLine & { line: number }>();
  for await (const record of source.records()) {
    const id = record.raw?.externalId;
    if (typeof id !== "string" || !record.raw) continue;
    if (repeated.has(id) && !bad.has(record.line)) {
      const parsed = parseSalesLine(record.raw, () => true, now);
      const first = firstOf.get(id);
      if ("errors" in parsed) continue;
      if (!first) firstOf.set(id, { ...parsed.line, line: record.line });
      else if (!sameLine(first, parsed.line)) refuse(record.line, { field: "externalId", key: "royalties.line.changedInFile", params: { id: id.slice(0, 100), line: first.line } });
    }
    if (!originals.has(id) && refunds.has(id)) {
      originals.set(id, { externalId: id, sku: String(record.raw.sku), currency: String(record.raw.currency), quantity: Number(record.raw.quantity), refundOf: record.raw.refundOf ? String(record.raw.refundOf) : null, line: record.line });
    }
  }
}

/**
 * Each return must name a sale (imported, or earlier in the input and not refused) of the same SKU
 * and currency, and the returns of a sale — imported ones, then this input's in order — may not take
 * back more items than it sold.
 */
async function resolveRefunds(db: Executor, refunds: Map<string, RefundRef[]>, originals: Map<string, Original>, bad: Set<number>, refuse: Refuse): Promise<void> {
  const returned = await returnedSoFar(db, [...originals.values()].filter((original) => original.line < 0).map((original) => original.externalId));
  for (const [id, refs] of refunds) {
    const original = originals.get(id);
    let items = returned.get(id) ?? 0;
    const counted = new Set<string>();
    for (const ref of refs) {
      if (bad.has(ref.line)) continue;
      if (!original || (original.line >= 0 && (original.line >= ref.line || bad.has(original.line)))) {
        refuse(ref.line, { field: "refundOf", key: original && bad.has(original.line) ? "royalties.line.refundOfRefused" : "royalties.line.refundUnknown", params: { id: id.slice(0, 100) } });
        continue;
      }
      const mismatch = refundMatches(ref, original);
      if (mismatch) {
        refuse(ref.line, mismatch);
        continue;
      }
      // Counted already: in the database's sum, or at its first occurrence in this input.
      if (ref.imported || counted.has(ref.externalId)) continue;
      const exceeds = refundExceeds(original, items, ref.quantity);
      if (exceeds) {
        refuse(ref.line, exceeds);
        continue;
      }
      items -= ref.quantity;
      counted.add(ref.externalId);
    }
  }
}

/** Items returned so far of imported sales, by the sale's external id. */
async function returnedSoFar(db: Executor, saleIds: readonly string[]): Promise<Map<string, number>> {
  const returned = new Map<string, number>();
  for (let start = 0; start < saleIds.length; start += CHUNK_LINES) {
    const rows = await sql<{ refund_of: string; items: number }>`
      select refund_of, -sum(quantity)::int as items from sales_lines
      where refund_of = any(${saleIds.slice(start, start + CHUNK_LINES)}::text[]) group by refund_of`.execute(db);
    for (const row of rows.rows) returned.set(row.refund_of, row.items);
  }
  return returned;
}

/** Lines already imported, by external id. */
async function importedLines(db: Executor, externalIds: readonly string[]): Promise<Map<string, SalesLine>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("sales_lines")
    .select(["external_id", "sku", "quantity", "net_amount_minor", "currency", "sold_at", "refund_of"])
    .where(sql<boolean>`external_id = any(${textArray(externalIds)}::text[])`)
    .execute();
  return new Map(
    rows.map((row) => [row.external_id, { externalId: row.external_id, sku: row.sku, quantity: row.quantity, netAmountMinor: row.net_amount_minor, currency: row.currency.trim(), soldAt: new Date(row.sold_at), refundOf: row.refund_of }]),
  );
}

// ---------------------------------------------------------------- applying

/** An accrual's running state: Σ net × rate so far, and its rounded royalty. */
type AccrualState = { exactSum: bigint; booked?: bigint };

interface ChunkContext {
  importId: number;
  agreements: Map<number, Agreement[]>;
  period: PeriodLength;
  /** Sale dates of this chunk's and the previous chunk's lines, by external id. */
  dates: Map<string, Date>;
  /**
   * Accruals as this import left them (so not read again), forgotten past KNOWN_ACCRUALS so memory stays
   * bounded however many agreements and periods a file touches.
   */
  known: Map<string, AccrualState>;
  /** The chunk before: its lines are inserted, booked, committed (every chunk before it has committed). */
  before: ChunkStages | null;
}

/** Where a chunk's transaction stands; the next chunk follows it stage by stage. */
interface ChunkStages {
  inserted: Promise<void>;
  /** Booked: the accruals the chunk moved, as it left them (not committed yet, so not readable by the next). */
  booked: Promise<Map<string, AccrualState>>;
  committed: Promise<void>;
}

/** A promise with its resolve and reject (Promise.withResolvers, which the TypeScript library here lacks). */
function stage<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A failure is answered by the import's await on the chunk; this copy only orders the next chunk.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Applies one chunk in one transaction; lines already imported are left alone. Each step that may wait
 * on the chunk before (a line it inserted under the same id, the accruals it moved, the import's
 * counters) waits for that chunk to be past it, so the two never wait on each other: the chunk inserts
 * its lines after the chunk before inserted its own, books its royalties after that chunk booked (it
 * starts from the accruals that chunk left), and moves shared rows only once that chunk committed.
 */
function applyChunk(db: Executor, lines: readonly ParsedLine[], context: ChunkContext): { stages: ChunkStages; result: Promise<{ imported: number }> } {
  const inserted = stage();
  const booked = stage<Map<string, AccrualState>>();
  const result = inTransaction(db, async (tx) => {
    await context.before?.inserted;
    const rows = await sql<{ id: number; external_id: string }>`
      insert into sales_lines (external_id, product_id, sku, quantity, net_amount_minor, currency, sold_at, refund_of, import_id)
      select e, p, s, q, a, c, d, r, ${context.importId}::bigint
      from unnest(${textArray(lines.map((l) => l.externalId))}::text[], ${numberArray(lines.map((l) => l.productId))}::bigint[], ${textArray(lines.map((l) => l.sku))}::text[],
                  ${numberArray(lines.map((l) => l.quantity))}::int[], ${numberArray(lines.map((l) => l.netAmountMinor))}::bigint[], ${textArray(lines.map((l) => l.currency))}::text[],
                  ${textArray(lines.map((l) => l.soldAt.toISOString()))}::timestamptz[], ${textArray(lines.map((l) => l.refundOf))}::text[]) as t(e, p, s, q, a, c, d, r)
      on conflict (external_id) do nothing
      returning id, external_id`.execute(tx);
    inserted.resolve();
    const idOf = new Map(rows.rows.map((row) => [row.external_id, row.id]));
    // A line repeated inside one input is imported once, at its first occurrence.
    const seen = new Set<string>();
    const fresh = lines.filter((line) => idOf.has(line.externalId) && !seen.has(line.externalId) && seen.add(line.externalId));
    const originals = await saleDates(tx, fresh, context.dates);
    const moved = (await context.before?.booked) ?? new Map<string, AccrualState>();
    const journal = await bookRoyalties(tx, fresh, idOf, originals, context, moved);
    booked.resolve(journal?.states ?? new Map());
    if (journal) await writeEntries(tx, journal);
    await context.before?.committed;
    if (journal) await addToAccruals(tx, journal.accruals);
    await tx
      .updateTable("sales_imports")
      .set((eb) => ({ lines_imported: eb("lines_imported", "+", fresh.length), lines_duplicate: eb("lines_duplicate", "+", lines.length - fresh.length) }))
      .where("id", "=", context.importId)
      .execute();
    return { imported: fresh.length };
  });
  result.catch((error: unknown) => {
    inserted.reject(error);
    booked.reject(error);
  });
  const committed = result.then(() => undefined);
  committed.catch(() => undefined);
  return { stages: { inserted: inserted.promise, booked: booked.promise, committed }, result };
}

/** The dates of the sales that returns refund (a return falls under the agreement of its sale). */
async function saleDates(tx: Tx, lines: readonly ParsedLine[], known: Map<string, Date>): Promise<Map<string, Date>> {
  const refs = lines.flatMap((line) => (line.refundOf === null || known.has(line.refundOf) ? [] : [line.refundOf]));
  if (refs.length === 0) return known;
  const rows = await tx.selectFrom("sales_lines").select(["external_id", "sold_at"]).where(sql<boolean>`external_id = any(${refs}::text[])`).execute();
  return new Map([...known, ...rows.map((row): [string, Date] => [row.external_id, new Date(row.sold_at)])]);
}

/** An accrual moved by a chunk: its key, the chunk's change, its entry in the chunk, and the royalty booked on it. */
interface ChunkAccrual {
  /** Its journal entry's number in the chunk. */
  entry: number;
  agreementId: number;
  currency: string;
  period: string;
  delta: bigint;
  royalty: bigint;
}

/**
 * The chunk's journal, column by column as the set-based insert takes it: one entry per accrual (the
 * chunk's lines under one agreement, currency and period) with the expense debited once, and per line
 * each creator's payable credited, naming the line. Every entry adds up to zero.
 */
interface ChunkJournal {
  accruals: ChunkAccrual[];
  /** Each accrual's state after the chunk. */
  states: Map<string, AccrualState>;
  credits: { entries: number[]; lineIds: number[]; creators: number[]; amounts: bigint[] };
}

const accrualKey = (agreementId: number, currency: string, period: string) => `${agreementId}|${currency}|${period}`;

/**
 * Computes each line's royalty under each agreement from the accruals as the chunks before left them:
 * those the chunk just before moved from memory (`moved`, not committed yet), the others as this import
 * remembers them or, forgotten or never met, as committed.
 */
async function bookRoyalties(tx: Tx, lines: readonly ParsedLine[], idOf: Map<string, number>, originals: Map<string, Date>, context: ChunkContext, moved: Map<string, AccrualState>): Promise<ChunkJournal | null> {
  const states = new Map<string, AccrualState>();
  const work: Array<{ line: ParsedLine; agreement: Agreement; accrual: ChunkAccrual }> = [];
  const accruals = new Map<string, ChunkAccrual>();
  const unknown: ChunkAccrual[] = [];
  for (const line of lines) {
    const day = utcDay(line.refundOf === null ? line.soldAt : (originals.get(line.refundOf) ?? line.soldAt));
    let period: string | null = null;
    for (const agreement of context.agreements.get(line.productId) ?? []) {
      if (!agreementCovers(agreement, day)) continue;
      period ??= periodStart(line.soldAt, context.period);
      const key = accrualKey(agreement.id, line.currency, period);
      let accrual = accruals.get(key);
      if (!accrual) {
        accruals.set(key, (accrual = { entry: accruals.size + 1, agreementId: agreement.id, currency: line.currency, period, delta: 0n, royalty: 0n }));
        const before = moved.get(key) ?? context.known.get(key);
        if (before) states.set(key, before);
        else unknown.push(accrual);
      }
      accrual.delta += BigInt(line.netAmountMinor) * BigInt(agreement.rateBp);
      work.push({ line, agreement, accrual });
    }
  }
  if (work.length === 0) return null;
  // The others stand as committed: no other import moves them meanwhile (one import at a time).
  if (unknown.length > 0) {
    const stored = await sql<{ agreement_id: number; currency: string; period_start: string; exact_sum: string }>`
      select a.agreement_id, a.currency, a.period_start::text as period_start, a.exact_sum::text as exact_sum
      from royalty_accruals a join unnest(${numberArray(unknown.map((k) => k.agreementId))}::bigint[], ${textArray(unknown.map((k) => k.currency))}::text[],
                                          ${textArray(unknown.map((k) => k.period))}::date[]) as k(g, c, p)
        on a.agreement_id = k.g and a.currency = k.c and a.period_start = k.p`.execute(tx);
    for (const accrual of unknown) states.set(accrualKey(accrual.agreementId, accrual.currency, accrual.period), { exactSum: 0n });
    for (const row of stored.rows) states.set(accrualKey(row.agreement_id, row.currency.trim(), row.period_start), { exactSum: BigInt(row.exact_sum) });
  }
  const credits: ChunkJournal["credits"] = { entries: [], lineIds: [], creators: [], amounts: [] };
  for (const { line, agreement, accrual } of work) {
    const key = accrualKey(accrual.agreementId, accrual.currency, accrual.period);
    const result = royaltyForLine(states.get(key) ?? { exactSum: 0n }, line.netAmountMinor, agreement.rateBp, agreement.sharesBp);
    states.set(key, { exactSum: result.exactSum, booked: result.booked });
    accrual.royalty += result.royalty;
    const lineId = idOf.get(line.externalId) ?? 0;
    for (let index = 0; index < agreement.shares.length; index += 1) {
      credits.entries.push(accrual.entry);
      credits.lineIds.push(lineId);
      credits.creators.push(agreement.shares[index]?.accountId ?? 0);
      credits.amounts.push(-(result.parts[index] ?? 0n));
    }
  }
  if (context.known.size + states.size > KNOWN_ACCRUALS) context.known.clear();
  for (const [key, state] of states) context.known.set(key, state);
  return { accruals: [...accruals.values()], states, credits };
}

/** Adds the chunk's change to each accrual it moved (in one order for every chunk). */
async function addToAccruals(tx: Tx, accruals: readonly ChunkAccrual[]): Promise<void> {
  await sql`
    insert into royalty_accruals (agreement_id, currency, period_start, exact_sum)
    select g, c, p, s from unnest(${numberArray(accruals.map((k) => k.agreementId))}::bigint[], ${textArray(accruals.map((k) => k.currency))}::text[],
                                  ${textArray(accruals.map((k) => k.period))}::date[], ${numberArray(accruals.map((k) => k.delta))}::numeric[]) as k(g, c, p, s)
    order by g, c, p
    on conflict (agreement_id, currency, period_start) do update set exact_sum = royalty_accruals.exact_sum + excluded.exact_sum`.execute(tx);
}

/** Writes the chunk's entries, their expense debits and the creators' credits in one statement. */
async function writeEntries(tx: Tx, { accruals, credits }: ChunkJournal): Promise<void> {
  // Entries are numbered 1… in the chunk; the ids they get are matched back by that number.
  await sql`
    with drafted as (
      select n, g, c, p, r from unnest(${numberArray(accruals.map((k) => k.agreementId))}::bigint[], ${textArray(accruals.map((k) => k.currency))}::text[],
                                       ${textArray(accruals.map((k) => k.period))}::date[], ${numberArray(accruals.map((k) => k.royalty))}::bigint[]) with ordinality as t(g, c, p, r, n)
    ),
    inserted as (
      insert into journal_entries (kind, agreement_id, currency, period_start)
      select 'royalty', g, c, p from drafted order by n
      returning id, agreement_id, currency, period_start
    ),
    numbered as (
      select i.id, d.n, d.r, i.currency, i.period_start from inserted i join drafted d on d.g = i.agreement_id and d.c = i.currency and d.p = i.period_start
    )
    insert into journal_postings (entry_id, account, creator_id, currency, amount_minor, period_start, sales_line_id)
    select id, 'royalty_expense', null, currency, r, period_start, null from numbered
    union all
    select e.id, 'royalties_payable', k.c, e.currency, k.m, e.period_start, k.l
    from unnest(${numberArray(credits.entries)}::bigint[], ${numberArray(credits.lineIds)}::bigint[], ${numberArray(credits.creators)}::bigint[], ${numberArray(credits.amounts)}::bigint[]) as k(n, l, c, m)
    join numbered e on e.n = k.n`.execute(tx);
}

export interface ImportSummary {
  id: number;
  source: string;
  filename: string | null;
  createdAt: Date;
  imported: number;
  duplicates: number;
  refused: number;
}

/** The latest imports, newest first (the console's overview). */
export async function latestImports(db: Executor, limit: number): Promise<ImportSummary[]> {
  const rows = await db.selectFrom("sales_imports").selectAll().orderBy("id", "desc").limit(limit).execute();
  return rows.map((row) => ({ id: row.id, source: row.source, filename: row.filename, createdAt: row.created_at, imported: row.lines_imported, duplicates: row.lines_duplicate, refused: row.lines_refused }));
}
