/** Background work of the events module: reminders a day and an hour before, each sent once. */
import { defineRecurringJob } from "../../platform/jobs/index.ts";
import { sendDueReminders } from "./service.ts";

defineRecurringJob("events.reminders", 5 * 60_000, async (_payload, { db }) => {
  await sendDueReminders(db);
});
