/** The member's notifications: newest first, unread marked, with mark-read buttons. */
import type { Page } from "../console/paging.ts";
import { Button, EmptyState, Form, LinkButton, PageHeader, Pagination, Time } from "../web/components.tsx";
import { usePage } from "../web/page-context.ts";
import { safeReturnPath } from "../web/site-routes.tsx";
import { findNotificationType } from "./registry.ts";
import type { NotificationRow } from "./store.ts";

function Message(props: { row: NotificationRow }) {
  const { t } = usePage();
  const definition = findNotificationType(props.row.type);
  const text = definition ? t(definition.messageKey ?? definition.labelKey, props.row.params) : t("notify.list.unknownType");
  const href = props.row.url ? safeReturnPath(props.row.url, "") : "";
  return href ? <a href={href}>{text}</a> : <span>{text}</span>;
}

/** The member's notifications page. */
export function NotificationsPage(props: { list: Page<NotificationRow> }) {
  const { t, unreadNotifications } = usePage();
  const { rows, page, hasNext } = props.list;
  return (
    <>
      <PageHeader
        title={t("notify.list.title")}
        actions={
          <>
            {unreadNotifications > 0 ? (
              <Form action="/notifications/read-all" class="inline-form">
                <Button variant="secondary">{t("notify.list.markAllRead")}</Button>
              </Form>
            ) : null}
            <LinkButton href="/account/notifications">{t("notify.list.settings")}</LinkButton>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("notify.list.empty")} />
      ) : (
        <ul class="notification-list">
          {rows.map((row) => (
            <li class={row.readAt ? "notification" : "notification notification--unread"}>
              {row.readAt ? null : <span class="visually-hidden">{t("notify.list.unread")}: </span>}
              <Message row={row} />
              <Time date={row.createdAt} time />
              {row.readAt ? null : (
                <Form action={`/notifications/${row.id}/read`} class="inline-form">
                  <Button variant="link">{t("notify.list.markRead")}</Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} hasNext={hasNext} pageHref={(n) => (n > 1 ? `/notifications?page=${n}` : "/notifications")} />
    </>
  );
}
