/**
 * Indexing community content in bulk (after the demo loads, or to rebuild the search index): one
 * transactional job per batch of 1,000 items, each queueing the next, so a restart resumes where it
 * stopped and each batch is one statement for the search index.
 */
import type { Executor } from "../../../platform/db/index.ts";
import { defineJob, enqueue } from "../../../platform/jobs/index.ts";
import { creationDocuments } from "./creations/service.ts";
import { replyDocuments, topicDocuments } from "./discussions/service.ts";
import { indexDocuments, type SearchDocument } from "./hooks.ts";
import { reviewDocuments } from "./reviews/service.ts";

export const REINDEX_QUEUE = "community.reindex";
const BATCH = 1000;

type Documents = (db: Executor, ids: readonly number[], now: Date) => Promise<SearchDocument[]>;
const KINDS: ReadonlyArray<{ kind: string; ids: (db: Executor, afterId: number) => Promise<Array<{ id: number }>>; documents: Documents }> = [
  { kind: "topics", ids: (db, afterId) => db.selectFrom("topics").select("id").where("id", ">", afterId).orderBy("id").limit(BATCH).execute(), documents: topicDocuments },
  // Opening posts are indexed with their topic.
  { kind: "posts", ids: (db, afterId) => db.selectFrom("posts").select("id").where("id", ">", afterId).where("is_opening", "=", false).orderBy("id").limit(BATCH).execute(), documents: replyDocuments },
  { kind: "reviews", ids: (db, afterId) => db.selectFrom("reviews").select("id").where("id", ">", afterId).orderBy("id").limit(BATCH).execute(), documents: reviewDocuments },
  { kind: "creations", ids: (db, afterId) => db.selectFrom("creations").select("id").where("id", ">", afterId).orderBy("id").limit(BATCH).execute(), documents: creationDocuments },
];

/** Starts indexing every community item from the first (once per run key). */
export async function enqueueReindex(db: Executor, runKey = "all"): Promise<void> {
  await enqueue(db, REINDEX_QUEUE, { kind: "topics", afterId: 0 }, { dedupeKey: `${REINDEX_QUEUE}:${runKey}` });
}

defineJob(
  REINDEX_QUEUE,
  async (payload, { db }) => {
    const position = Math.max(0, KINDS.findIndex((entry) => entry.kind === payload.kind));
    const current = KINDS[position] as (typeof KINDS)[number];
    const afterId = typeof payload.afterId === "number" ? payload.afterId : 0;
    const rows = await current.ids(db, afterId);
    await indexDocuments(db, await current.documents(db, rows.map((row) => row.id), new Date()));
    const last = rows.at(-1)?.id;
    const next = last !== undefined && rows.length === BATCH ? { kind: current.kind, afterId: last } : KINDS[position + 1] ? { kind: KINDS[position + 1]?.kind, afterId: 0 } : null;
    // The job is transactional: the next batch is queued exactly once, with this batch's writes.
    if (next) await enqueue(db, REINDEX_QUEUE, next);
  },
  { transactional: true },
);
