/** The console's shell: every console page is sent inside the layout with the staff navigation beside it. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { consoleNav } from "../web/navigation.ts";
import { usePage } from "../web/page-context.ts";
import { sendPage, type PageOptions } from "../web/render.tsx";

/** The sidebar: the console entries the actor may open. */
export function ConsoleNav() {
  const { t, can, path } = usePage();
  const items = consoleNav().filter((item) => can(item.action));
  // The longest matching entry is the current one, so /console does not stay lit on every page.
  const current = items.filter((item) => path === item.href || path.startsWith(item.href + "/")).sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <nav class="console-nav" aria-label={t("console.nav.label")}>
      <ul>
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item === current ? "page" : undefined}>
              {t(item.labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Sends a console page: the layout with the console navigation in its sidebar. */
export function sendConsolePage(request: FastifyRequest, reply: FastifyReply, content: ComponentChildren, options: Omit<PageOptions, "aside">): Promise<FastifyReply> {
  return sendPage(request, reply, content, { ...options, aside: <ConsoleNav /> });
}
