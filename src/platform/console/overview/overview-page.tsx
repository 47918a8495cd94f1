/** The console's front page: the figures staff check first, each linking to its list when they may open it. */
import { PageHeader } from "../../web/components.tsx";
import { usePage } from "../../web/page-context.ts";
import type { ConsoleCounts } from "./counts.ts";

interface Stat {
  labelKey: string;
  value: number;
  href: string;
  action: string;
}

/** The console's front page with its figures. */
export function OverviewPage(props: { counts: ConsoleCounts }) {
  const { t, can, formatNumber } = usePage();
  const { counts } = props;
  const stats: Stat[] = [
    { labelKey: "console.overview.members", value: counts.members, href: "/console/members", action: "accounts.manage" },
    { labelKey: "console.overview.newThisWeek", value: counts.newThisWeek, href: "/console/members", action: "accounts.manage" },
    { labelKey: "console.overview.mailQueued", value: counts.mailQueued, href: "/console/mail?status=queued", action: "mail.read" },
    { labelKey: "console.overview.mailFailed", value: counts.mailFailed, href: "/console/mail?status=failed", action: "mail.read" },
    { labelKey: "console.overview.jobsQueued", value: counts.jobsQueued, href: "/console/jobs?state=queued", action: "jobs.read" },
    { labelKey: "console.overview.jobsFailed", value: counts.jobsFailed, href: "/console/jobs?state=failed", action: "jobs.read" },
  ];
  return (
    <>
      <PageHeader title={t("console.overview.title")} lead={t("console.overview.lead")} />
      <ul class="stat-grid">
        {stats.map((stat) => (
          <li class="stat">
            <span class="stat__value">{formatNumber(stat.value)}</span>
            <span class="stat__label">{can(stat.action) ? <a href={stat.href}>{t(stat.labelKey)}</a> : t(stat.labelKey)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
