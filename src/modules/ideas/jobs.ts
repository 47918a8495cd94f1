/** Background work of the ideas module: keep stored states in line with the clock, record missed milestones, promote pending supports, age the trending counts. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { promotePendingSupports, recordMissedMilestones, recountRecentSupports, sweepExpired } from "./service.ts";

defineRecurringJob("ideas.sweep", 10 * 60_000, async (_payload, { db }) => {
  await sweepExpired(db);
  await recordMissedMilestones(db);
  await promotePendingSupports(db);
  await recountRecentSupports(db);
});
