/** The tabs between the ideas settings pages: general settings, categories, display statuses. */
import { FilterTabs } from "../../../platform/console/filter-tabs.tsx";
import { usePage } from "../../../platform/web/page-context.ts";

export const SETTINGS_PATH = "/console/ideas/settings";

const TABS = [
  { key: "general", href: SETTINGS_PATH },
  { key: "categories", href: `${SETTINGS_PATH}/categories` },
  { key: "statuses", href: `${SETTINGS_PATH}/statuses` },
] as const;

/** The settings tabs with the current one marked. */
export function SettingsTabs(props: { current: (typeof TABS)[number]["key"] }) {
  const { t } = usePage();
  return <FilterTabs label={t("ideasConsole.settings.tabs.label")} tabs={TABS.map((tab) => ({ href: tab.href, label: t(`ideasConsole.settings.tabs.${tab.key}`), current: tab.key === props.current }))} />;
}
