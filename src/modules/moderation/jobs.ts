/** The posting log only serves the rate-limit windows (at most a week, see settings.ts); older rows are deleted hourly. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";

const KEEP_MS = 7 * 24 * 3600_000;

defineRecurringJob("moderation.posting_log.prune", 3600_000, async (_payload, { db }) => {
  await db.deleteFrom("posting_log").where("posted_at", "<", new Date(Date.now() - KEEP_MS)).execute();
}, { transactional: true });
