/** Per-type notification settings: in the app and by email. */
import { Button, Form, PageHeader } from "../web/components.tsx";
import { usePage } from "../web/page-context.ts";
import type { DeliveryChoice, NotificationType } from "./registry.ts";

/** The form field name of one channel of one type. */
export function choiceField(type: string, channel: "inApp" | "email"): string {
  return `${type}:${channel}`;
}

/** A checkbox per type and channel; email only for types that send one. */
export function NotificationSettingsPage(props: { choices: Array<{ definition: NotificationType; choice: DeliveryChoice }> }) {
  const { t } = usePage();
  return (
    <>
      <PageHeader title={t("notify.settings.title")} lead={t("notify.settings.lead")} />
      <Form action="/account/notifications">
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("notify.settings.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("notify.settings.type")}</th>
                <th scope="col">{t("notify.settings.inApp")}</th>
                <th scope="col">{t("notify.settings.email")}</th>
              </tr>
            </thead>
            <tbody>
              {props.choices.map(({ definition, choice }) => {
                const label = t(definition.labelKey);
                return (
                  <tr>
                    <th scope="row">{label}</th>
                    <td>
                      <input type="checkbox" name={choiceField(definition.type, "inApp")} checked={choice.inApp} aria-label={t("notify.settings.inAppFor", { type: label })} />
                    </td>
                    <td>
                      {definition.email ? (
                        <input type="checkbox" name={choiceField(definition.type, "email")} checked={choice.email} aria-label={t("notify.settings.emailFor", { type: label })} />
                      ) : (
                        <span>{t("notify.settings.noEmail")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Button>{t("common.save")}</Button>
      </Form>
    </>
  );
}
