/** Tabs that pick one filter value of a console list (links, so they work without JavaScript). */
export function FilterTabs(props: { label: string; tabs: Array<{ href: string; label: string; current: boolean }> }) {
  return (
    <nav class="filter-tabs" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? "page" : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
