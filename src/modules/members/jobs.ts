/** The hourly recompute of every member's reputation, trust level and stage. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { recomputeMembers } from "./recompute.ts";

// Not transactional: the recompute commits batch by batch, and a rerun after a crash redoes it all.
defineRecurringJob("members.recompute", 3600_000, async (_payload, { db }) => {
  await recomputeMembers(db);
});
