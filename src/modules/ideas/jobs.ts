/** Background work of the ideas module: keep stored states in line with the clock, record missed milestones, promote pending supports, keep the trending counts. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { promotePendingSupports, recordMissedMilestones, recountRecentSupports, sweepExpired } from "./service.ts";

/** How often the sweep runs; it recounts every open idea's trending count. */
const SWEEP_MS = 10 * 60_000;

defineRecurringJob("ideas.sweep", SWEEP_MS, async (_payload, { db }) => {
  await sweepExpired(db);
  await recordMissedMilestones(db);
  await promotePendingSupports(db);
  await recountRecentSupports(db);
});

/**
 * The trending counts follow new supports within a minute: each minute, the ideas whose supports
 * changed since the sweep before last are recounted (looking back two sweeps, so a late or missed
 * run leaves nothing uncounted until the next full recount).
 */
defineRecurringJob("ideas.trending", 60_000, async (_payload, { db }) => {
  const now = new Date();
  await recountRecentSupports(db, now, new Date(now.getTime() - 2 * SWEEP_MS));
});
