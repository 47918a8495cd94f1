/** The page shell: document head, skip link, header with navigation and language switcher, flash, footer. */
import type { ComponentChildren } from "preact";
import { LOCALES } from "../i18n/index.ts";
import { Form } from "./components.tsx";
import { siteNav, type NavItem } from "./navigation.ts";
import { usePage } from "./page-context.ts";

export interface LayoutProps {
  title: string;
  children: ComponentChildren;
  description?: string;
  /** Extra tags for the head (Open Graph, structured data). */
  head?: ComponentChildren;
  /** A wider layout with a sidebar, used by the console. */
  aside?: ComponentChildren;
}

/** The stylesheets in cascade order (see base.css); separate files so each stays about one concern. */
const STYLESHEETS = ["fonts", "base", "layout", "forms", "components", "pages"] as const;

const LANGUAGE_NAMES: Record<string, string> = { en: "English", fa: "فارسی", he: "עברית" };

function LanguageSwitcher() {
  const { t, locale, returnTo } = usePage();
  // Plain links, so pages carry no per-visitor token and anonymous pages can be cached.
  return (
    <nav class="language-switcher" aria-label={t("layout.language")}>
      {LOCALES.map((code) => (
        <a
          href={`/locale/${code}?returnTo=${encodeURIComponent(returnTo)}`}
          lang={code}
          hreflang={code}
          aria-current={code === locale ? "true" : undefined}
          class="language-switcher__option"
          rel="nofollow"
        >
          {LANGUAGE_NAMES[code]}
        </a>
      ))}
    </nav>
  );
}

/** "page" when path is href or below it, for aria-current. */
function currentFor(path: string, href: string): "page" | undefined {
  return path === href || path.startsWith(href + "/") ? "page" : undefined;
}

function NavLink(props: { item: NavItem }) {
  const { t, path } = usePage();
  return (
    <li>
      <a href={props.item.href} aria-current={currentFor(path, props.item.href)}>
        {t(props.item.labelKey)}
      </a>
    </li>
  );
}

/** The header's less visited places, behind a disclosure that works without script. */
function MoreNav() {
  const { t, path } = usePage();
  const items = siteNav().filter((item) => item.more);
  if (items.length === 0) return null;
  const here = items.some((item) => currentFor(path, item.href));
  return (
    <li class="site-nav__more">
      <details class="site-nav__more-menu">
        <summary class={here ? "site-nav__more-toggle site-nav__more-toggle--here" : "site-nav__more-toggle"}>{t("layout.more")}</summary>
        <ul>
          {items.map((item) => (
            <NavLink item={item} />
          ))}
        </ul>
      </details>
    </li>
  );
}

function AccountMenu() {
  const { t, actor, can, unreadNotifications, formatNumber, path } = usePage();
  if (!actor) {
    return (
      <ul class="account-menu">
        <li>
          <a href="/sign-in">{t("layout.signIn")}</a>
        </li>
        <li>
          <a href="/sign-up" class="button button--primary button--small">
            {t("layout.signUp")}
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="account-menu">
      <li>
        <a href="/notifications" class="notifications-link" aria-current={currentFor(path, "/notifications")}>
          {t("layout.notifications")}
          {unreadNotifications > 0 ? (
            <span class="badge" aria-label={t("layout.unread", { count: unreadNotifications })}>
              {formatNumber(unreadNotifications)}
            </span>
          ) : null}
        </a>
      </li>
      {/* The member's own places (and the console, for staff) behind their name, so the header keeps to one line. */}
      <li class="site-nav__more site-nav__more--end">
        <details class="site-nav__more-menu">
          <summary class={currentFor(path, "/account") || currentFor(path, "/console") ? "site-nav__more-toggle site-nav__more-toggle--here" : "site-nav__more-toggle"}>
            <span class="account-menu__name">{actor.name}</span>
          </summary>
          <ul>
            {can("console.view") ? (
              <li>
                <a href="/console" aria-current={currentFor(path, "/console")}>
                  {t("layout.console")}
                </a>
              </li>
            ) : null}
            <li>
              <a href="/account" aria-current={currentFor(path, "/account")}>
                {t("layout.account")}
              </a>
            </li>
            <li>
              <Form action="/sign-out" class="inline-form">
                <button type="submit" class="button button--link">
                  {t("layout.signOut")}
                </button>
              </Form>
            </li>
          </ul>
        </details>
      </li>
    </ul>
  );
}

/** The full HTML document around a page's content. */
export function Layout(props: LayoutProps) {
  const page = usePage();
  const { t, locale, dir, siteName, flash } = page;
  const title = props.title === siteName ? siteName : `${props.title} · ${siteName}`;
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {STYLESHEETS.map((name) => (
          <link rel="stylesheet" href={`/assets/${name}.css`} />
        ))}
        <link rel="icon" href="/assets/mark.svg" type="image/svg+xml" />
        {props.head}
      </head>
      <body class={props.aside ? "with-aside" : undefined}>
        <a class="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a href="/" class="brand">
              <img src="/assets/mark.svg" alt="" class="brand__mark" width="28" height="28" />
              {siteName}
            </a>
            {/* A disclosure on phones; on wide screens the stylesheet shows its content in the bar. */}
            <details class="site-menu">
              <summary class="site-menu__toggle">
                <span class="site-menu__icon" aria-hidden="true" />
                <span class="visually-hidden">{t("layout.menu")}</span>
                {page.unreadNotifications > 0 ? (
                  <>
                    <span class="site-menu__dot" aria-hidden="true" />
                    <span class="visually-hidden">{t("layout.unread", { count: page.unreadNotifications })}</span>
                  </>
                ) : null}
              </summary>
              <div class="site-menu__panel">
                <nav aria-label={t("layout.mainNavigation")} class="site-nav">
                  <ul>
                    {siteNav()
                      .filter((item) => !item.more)
                      .map((item) => (
                        <NavLink item={item} />
                      ))}
                    <MoreNav />
                  </ul>
                </nav>
                <AccountMenu />
                <LanguageSwitcher />
              </div>
            </details>
          </div>
        </header>
        <div class="page">
          {props.aside ? <aside class="page__aside">{props.aside}</aside> : null}
          <main id="main" tabIndex={-1} class="page__main">
            {flash ? (
              <div class={`alert alert--${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
                {t(flash.key, flash.params)}
              </div>
            ) : null}
            {props.children}
          </main>
        </div>
        <footer class="site-footer">
          <p>{t("layout.footer", { site: siteName })}</p>
        </footer>
      </body>
    </html>
  );
}
