/**
 * Ideas in the search index without touching the ideas module: a periodic job copies ideas changed since
 * the last run into the index (the first run is the backfill) and brings the visibility of indexed ideas in
 * line with their state.
 */
import { sql, type Executor } from "../../platform/db/index.ts";
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { indexDocuments } from "./index.ts";

const BATCH = 500;
/** Ideas that only their creator and moderators see, or that live on as another idea. */
const HIDDEN_IDEA_STATES = ["draft", "in_moderation", "changes_requested", "rejected", "merged"];

/** Indexes ideas changed since the newest indexed one (again at that instant: ids may share it); returns how many were written. */
export async function syncIdeas(db: Executor): Promise<number> {
  const newest = await db.selectFrom("search_documents").select(sql<Date | null>`max(updated_at)`.as("at")).where("doc_type", "=", "idea").executeTakeFirst();
  let since = newest?.at ?? new Date(0);
  let afterId = 0;
  let written = 0;
  for (;;) {
    const ideas = await db
      .selectFrom("ideas")
      .select(["id", "title", "body", "language", "state", "product_id", "updated_at"])
      .where(sql<boolean>`(updated_at, id) > (${since}, ${afterId})`)
      .orderBy("updated_at")
      .orderBy("id")
      .limit(BATCH)
      .execute();
    await indexDocuments(
      db,
      ideas.map((idea) => ({
        type: "idea",
        id: idea.id,
        title: idea.title,
        body: idea.body,
        language: idea.language,
        url: `/ideas/${idea.id}`,
        productId: idea.product_id,
        visible: !HIDDEN_IDEA_STATES.includes(idea.state),
        updatedAt: idea.updated_at,
      })),
    );
    written += ideas.length;
    const last = ideas[ideas.length - 1];
    if (ideas.length < BATCH || !last) break;
    since = last.updated_at;
    afterId = last.id;
  }
  // A state change that did not touch updated_at (the expiry sweep) still changes who sees the idea.
  await sql`
    update search_documents d set visible = not (i.state = any(${HIDDEN_IDEA_STATES}::text[]))
    from ideas i
    where d.doc_type = 'idea' and d.doc_id = i.id and d.visible = (i.state = any(${HIDDEN_IDEA_STATES}::text[]))`.execute(db);
  await sql`delete from search_documents d where d.doc_type = 'idea' and not exists (select 1 from ideas i where i.id = d.doc_id)`.execute(db);
  return written;
}

defineRecurringJob("search.ideas", 5 * 60_000, async (_payload, { db }) => {
  await syncIdeas(db);
}, { transactional: true });
