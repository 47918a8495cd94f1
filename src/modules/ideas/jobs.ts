/** Background work of the ideas module: keep stored states in line with the clock, promote pending supports. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { promotePendingSupports, sweepExpired } from "./service.ts";

defineRecurringJob("ideas.sweep", 10 * 60_000, async (_payload, { db }) => {
  await sweepExpired(db);
  await promotePendingSupports(db);
});
