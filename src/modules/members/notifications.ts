/**
 * The promotion notice: a member is told once per level or stage reached, with which one and why;
 * and the community team's thanks, sent from the "who to invest in" lists.
 */
import { DEFAULT_LOCALE, isLocale, translator } from "../../platform/i18n/index.ts";
import { defineJob } from "../../platform/jobs/index.ts";
import { defineNotificationType, notify } from "../../platform/notify/index.ts";
import { criteriaText } from "./explain.ts";
import type { Criterion } from "./rules.ts";

defineNotificationType({
  type: "members.promoted",
  labelKey: "members.notifications.promoted.label",
  messageKey: "members.notifications.promoted.message",
  defaults: { inApp: true, email: true },
  email: (params) => ({ subjectKey: "members.notifications.promoted.subject", paragraphKeys: ["members.notifications.promoted.message"], params }),
});

defineNotificationType({
  type: "members.thanked",
  labelKey: "members.notifications.thanked.label",
  messageKey: "members.notifications.thanked.message",
  defaults: { inApp: true, email: true },
  email: (params) => ({ subjectKey: "members.notifications.thanked.subject", paragraphKeys: ["members.notifications.thanked.message"], params }),
});

/** Written by the recompute, one per member and run (keyed by what they reached); the reasons are worded in the member's language. */
defineJob(
  "members.promoted",
  async (payload, { db }) => {
    const accountId = Number(payload.accountId);
    const account = await db.selectFrom("accounts").select(["locale"]).where("id", "=", accountId).where("deleted_at", "is", null).executeTakeFirst();
    if (!account) return;
    const t = translator(isLocale(account.locale) ? account.locale : DEFAULT_LOCALE);
    const changes = (payload.changes as Array<{ kind: string; to: string; reasons: Criterion[] }> | undefined) ?? [];
    for (const change of changes) {
      const reasons = criteriaText(t, change.reasons);
      await notify(db, { accountId, type: "members.promoted", params: { kind: change.kind, to: change.to, reasons: reasons || t("members.reasons.granted") }, url: `/members/${accountId}` });
    }
  },
  { transactional: true },
);
