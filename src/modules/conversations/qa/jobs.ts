/**
 * Routing unanswered questions: a question still unanswered some hours after it was asked is sent to the
 * members who answered similar questions well. The job is transactional and marks each question it routes,
 * so every question is routed exactly once, however many workers run.
 */
import { sql } from "kysely";
import type { Executor } from "../../../platform/db/index.ts";
import { defineRecurringJob } from "../../../platform/jobs/index.ts";
import { notify } from "../../../platform/notify/index.ts";
import { readSetting } from "../../../platform/settings/index.ts";
import { QA_ROUTED } from "./notifications.ts";
import { routingCutoff, routingRecipients, type RoutingCandidate } from "./rules.ts";
import { questionUrl } from "./service.ts";
import { QA_SETTINGS } from "./settings.ts";

const BATCH = 50;
const CANDIDATES = 200;

/** Routes the due unanswered questions; returns how many were routed. */
export async function routeUnansweredQuestions(db: Executor, now = new Date()): Promise<number> {
  const settings = await readSetting(db, QA_SETTINGS);
  const due = await db
    .selectFrom("questions")
    .select(["id", "author_id", "title", "search_title"])
    .where("status", "=", "published")
    .where("answer_count", "=", 0)
    .where("routed_at", "is", null)
    .where("created_at", "<=", routingCutoff(now, settings.routeAfterHours))
    .orderBy("created_at")
    .limit(BATCH)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const question of due) {
    const { rows } = await sql<RoutingCandidate>`
      select a.author_id as "accountId", (q.accepted_answer_id = a.id)::int as accepted, a.votes, similarity(q.search_title, ${question.search_title}) as similarity
      from questions q join answers a on a.question_id = q.id and a.status = 'published'
      where q.status = 'published' and q.id <> ${question.id} and q.search_title % ${question.search_title}
      order by similarity desc
      limit ${CANDIDATES}`.execute(db);
    for (const accountId of routingRecipients(rows, question.author_id, settings.routeTo)) {
      await notify(db, { accountId, type: QA_ROUTED, params: { title: question.title }, url: questionUrl(question.id) });
    }
    await db.updateTable("questions").set({ routed_at: now }).where("id", "=", question.id).execute();
  }
  return due.length;
}

defineRecurringJob("qa.route", 10 * 60_000, async (_payload, { db }) => {
  await routeUnansweredQuestions(db);
}, { transactional: true });
