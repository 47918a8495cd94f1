/**
 * Supporting and withdrawing. A popular idea gets many supports at once, so supports that arrive
 * together are written together (group commit, see platform/db/group-commit.ts): per batch, the
 * ideas' facts (read, or kept from a moment ago) check each request against the rules, then a single
 * statement inserts and deletes the supports, moves the counters by what actually changed and records
 * the activities. A milestone is recorded under the idea's row lock, only when a count crosses one.
 * Every request still gets its own answer (its counts, or its own refusal), and only after the write
 * has committed.
 */
import { sql } from "kysely";
import { LRUCache } from "lru-cache";
import type { Actor } from "../../platform/auth/permissions.ts";
import { inTransaction, type Executor } from "../../platform/db/index.ts";
import { GroupCommit, type ItemResult } from "../../platform/db/group-commit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { readSettingCached } from "../../platform/settings/index.ts";
import { IDEA_COLUMNS, loadIdea, reachesMilestone, recordMilestones, type IdeaRow, type SupportCounts } from "./counts.ts";
import { isPubliclyVisible } from "./policy.ts";
import { currentState, supportRefusal, supportStatus } from "./rules.ts";
import { ideasSettings, type IdeasSettings } from "./settings.ts";

export interface SupportSurvey {
  wouldBuy?: "yes" | "maybe" | "no" | undefined;
  priceBand?: "under_25" | "25_50" | "50_100" | "100_200" | "over_200" | undefined;
  quantity?: number | undefined;
}

export interface SupportResult {
  counts: SupportCounts;
  status: "verified" | "pending";
  /** False when the member already supported the idea. */
  created: boolean;
}

interface SupportRequest {
  actor: Actor;
  ideaId: number;
  /** True to support, false to withdraw. */
  add: boolean;
  survey: SupportSurvey;
  now: Date;
}

type SupportAnswer = SupportResult | SupportCounts;

/** Supports a batch carries at most: enough to share a transaction widely, small enough to keep each one short. */
const MAX_BATCH = 200;

/**
 * One batch at a time. A second one in flight mostly waited on the first's locks of the same popular
 * ideas and then moved their counters again: with one, batches grow about twice as large and the
 * database spends half the time per support (measured in bench/, 96 against 187 µs).
 */
const BATCHES_AT_ONCE = 1;

/** How long the facts of an open idea are kept for the rules (see OpenIdeaFacts). */
const FACTS_KEPT_MS = 1_000;

/**
 * The facts the support rules read (state, publication, milestones reached, creator), kept for a
 * moment per open idea: while an idea is popular, a batch then goes to the database once, for its
 * write, instead of reading the ideas first. Kept facts cannot let a support through that the fresh
 * ones would refuse for good: the write re-checks under the ideas' row locks that each idea is still
 * open, and an idea found closed there is read afresh for its exact refusal. Only open ideas are
 * kept, so an idea that opens can be supported at once. A milestone this process records drops the
 * idea's facts; one recorded by another process is seen within FACTS_KEPT_MS. At most 10,000 ideas
 * are kept, the least recently supported dropped first.
 */
class OpenIdeaFacts {
  private readonly kept = new LRUCache<number, IdeaRow>({ max: 10_000, ttl: FACTS_KEPT_MS });

  /** The ideas by id: kept facts where fresh, the others read (and kept when open). */
  async read(db: Executor, ids: readonly number[]): Promise<Map<number, IdeaRow>> {
    const found = new Map<number, IdeaRow>();
    const missing: number[] = [];
    for (const id of ids) {
      const kept = this.kept.get(id);
      if (kept) found.set(id, kept);
      else missing.push(id);
    }
    for (const idea of (await readIdeas(db, missing)).values()) {
      found.set(idea.id, idea);
      if (idea.state === "open") this.kept.set(idea.id, idea);
    }
    return found;
  }

  forget(id: number): void {
    this.kept.delete(id);
  }
}

/** The ideas' rule facts by id, read in one query. */
async function readIdeas(db: Executor, ids: readonly number[]): Promise<Map<number, IdeaRow>> {
  const rows = ids.length === 0 ? [] : await db.selectFrom("ideas").select(IDEA_COLUMNS).where("id", "in", ids).execute();
  return new Map(rows.map((idea) => [idea.id, idea]));
}

const writers = new WeakMap<object, GroupCommit<SupportRequest, SupportAnswer>>();

/** Sends a request through the database's group commit; inside a caller's transaction it is applied there, alone. */
async function submit(db: Executor, request: SupportRequest): Promise<SupportAnswer> {
  if (db.isTransaction) {
    const [result] = await applySupports(db, [request]);
    if (!result) throw new Error("support batch answered nothing");
    if (!result.ok) throw result.error;
    return result.value;
  }
  let writer = writers.get(db);
  if (!writer) {
    const facts = new OpenIdeaFacts();
    writer = new GroupCommit((batch) => applySupports(db, batch, facts), {
      maxBatch: MAX_BATCH,
      concurrency: BATCHES_AT_ONCE,
      key: (item) => `${item.ideaId}:${item.actor.id}`,
    });
    writers.set(db, writer);
  }
  return writer.submit(request);
}

/**
 * Supports an idea (idempotent: a second support changes nothing). The support counts at once when
 * the member passes the trust bar, else it is held as pending. Answers the new counts.
 */
export async function supportIdea(db: Executor, actor: Actor, ideaId: number, survey: SupportSurvey = {}, now = new Date()): Promise<SupportResult> {
  return (await submit(db, { actor, ideaId, add: true, survey, now })) as SupportResult;
}

/** Withdraws a support while the idea is open (idempotent). Milestones already reached stay reached. */
export async function withdrawSupport(db: Executor, actor: Actor, ideaId: number, now = new Date()): Promise<SupportCounts> {
  return (await submit(db, { actor, ideaId, add: false, survey: {}, now })) as SupportCounts;
}

/** Why the rules refuse a request (as the error to answer), or null when it may go ahead. */
function refusal(settings: IdeasSettings, idea: IdeaRow | undefined, request: SupportRequest): Error | null {
  // An idea the public cannot see does not exist for supporters either.
  if (!idea || (!isPubliclyVisible(idea.state) && idea.creator_id !== request.actor.id)) return notFound("idea_not_found", "ideas.errors.notFound");
  const facts = { storedState: idea.state, publishedAt: idea.published_at, reachedAt: idea.milestones_reached_at, creatorId: idea.creator_id };
  if (request.add) {
    const reason = supportRefusal(settings.milestones, facts, request.actor.id, request.now);
    return reason ? conflict(`support_${reason}`, `ideas.errors.support.${reason}`) : null;
  }
  return currentState(settings.milestones, facts, request.now) === "open" ? null : closed();
}

function closed(): Error {
  return conflict("support_closed", "ideas.errors.support.closed");
}

/** The answer to a request whose idea the write found no longer open. */
function notOpen(request: SupportRequest): Error {
  return request.add ? conflict("support_not_open", "ideas.errors.support.not_open") : closed();
}

interface Applied {
  idea_id: number;
  /** The idea was still open when the supports were written. */
  open: boolean;
  /** The support as it is now: its status, or null when there is none. */
  status: "verified" | "pending" | null;
  /** True when this request inserted or deleted the support. */
  changed: boolean;
  verified: number;
  pending: number;
}

/**
 * Checks and applies a batch (at most one request per member and idea): the ideas' facts (from
 * `facts` when given, else read), one statement that writes, and a short transaction per idea only
 * when a count crosses a milestone. The statement commits on its own; if the process stops before a
 * crossing is recorded, the recurring sweep records it (recordMissedMilestones).
 */
async function applySupports(db: Executor, batch: readonly SupportRequest[], facts?: OpenIdeaFacts): Promise<Array<ItemResult<SupportAnswer>>> {
  const settings = await readSettingCached(db, ideasSettings);
  const ideaIds = [...new Set(batch.map((request) => request.ideaId))];
  const ideas = await (facts ? facts.read(db, ideaIds) : readIdeas(db, ideaIds));
  const results: Array<ItemResult<SupportAnswer> | undefined> = batch.map((request) => {
    const error = refusal(settings, ideas.get(request.ideaId), request);
    return error ? { ok: false, error } : undefined;
  });
  const accepted = batch.flatMap((request, index) => (results[index] ? [] : [{ request, index }]));
  if (accepted.length === 0) return results as Array<ItemResult<SupportAnswer>>;

  const rows = await writeSupports(db, settings, accepted.map(({ request }) => request));
  // Ideas that closed since their facts were read: read again, so the refusal says why.
  const closedIds = [...new Set(accepted.filter((_, position) => !rows[position]?.open).map(({ request }) => request.ideaId))];
  closedIds.forEach((id) => facts?.forget(id));
  const closedIdeas = await readIdeas(db, closedIds);
  accepted.forEach(({ request, index }, position) => {
    const row = rows[position];
    if (!row || !row.open) {
      results[index] = { ok: false, error: refusal(settings, closedIdeas.get(request.ideaId), request) ?? notOpen(request) };
      return;
    }
    const counts = { verified: row.verified, pending: row.pending };
    results[index] = { ok: true, value: request.add ? { counts, status: row.status ?? supportStatus(settings.trustBar, request.actor, request.now), created: row.changed } : counts };
  });

  const latest = batch.reduce((max, request) => (request.now > max ? request.now : max), batch[0]?.now ?? new Date());
  for (const ideaId of new Set(rows.filter((row) => row.changed).map((row) => row.idea_id))) {
    const before = ideas.get(ideaId);
    const counted = rows.find((row) => row.idea_id === ideaId);
    if (!before || !counted || !reachesMilestone(settings, { ...before, verified_supporters: counted.verified }, latest)) continue;
    await inTransaction(db, async (tx) => recordMilestones(tx, settings, await loadIdea(tx, ideaId, true), latest));
    facts?.forget(ideaId);
  }
  return results as Array<ItemResult<SupportAnswer>>;
}

/** Writes the batch in one call of `ideas_apply_supports` (migration 0013), which answers one row per request, in order. */
async function writeSupports(db: Executor, settings: IdeasSettings, requests: readonly SupportRequest[]): Promise<Applied[]> {
  const column = <T>(pick: (request: SupportRequest) => T) => requests.map(pick);
  const result = await sql<Applied>`
    select * from ideas_apply_supports(
      ${column((r) => r.ideaId)}::bigint[], ${column((r) => r.actor.id)}::bigint[], ${column((r) => r.add)}::boolean[],
      ${column((r) => supportStatus(settings.trustBar, r.actor, r.now))}::text[], ${column((r) => r.survey.wouldBuy ?? null)}::text[],
      ${column((r) => r.survey.priceBand ?? null)}::text[], ${column((r) => r.survey.quantity ?? null)}::int[], ${column((r) => r.now.toISOString())}::timestamptz[]
    )`.execute(db);
  return result.rows;
}
