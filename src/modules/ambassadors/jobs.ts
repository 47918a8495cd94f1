/** The hourly sweep of memberships: the renewal reminder 30 days before a term ends, and the lapse at its end. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { sweepMemberships } from "./service.ts";

// Not transactional as a whole: each membership is settled in its own transaction, and a rerun skips what is done.
defineRecurringJob("ambassadors.sweep", 3600_000, async (_payload, { db }) => {
  await sweepMemberships(db, new Date());
});
