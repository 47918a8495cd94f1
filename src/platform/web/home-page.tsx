/** The community's front page. */
import type { ComponentChild } from "preact";
import { usePage } from "./page-context.ts";
import { LinkButton } from "./components.tsx";

/** `sections`: what modules added (see home-sections.ts), between the welcome and the ways to take part. */
export function HomePage(props: { members: number; sections: ComponentChild[] }) {
  const { t, actor, formatNumber } = usePage();
  return (
    <>
      <section class="hero">
        <h1>{actor ? t("home.welcomeBack", { name: actor.name }) : t("home.title")}</h1>
        <p class="lead">{t("home.lead")}</p>
        <p class="hero__stats">{t("home.members", { count: props.members, formatted: formatNumber(props.members) })}</p>
        {actor ? null : (
          <p class="hero__actions">
            <LinkButton href="/sign-up" variant="primary">
              {t("home.join")}
            </LinkButton>
            <LinkButton href="/sign-in">{t("layout.signIn")}</LinkButton>
          </p>
        )}
      </section>
      {props.sections}
      <section class="cards" aria-labelledby="home-ways">
        <h2 id="home-ways">{t("home.waysTitle")}</h2>
        <ul class="card-grid">
          {(["ideas", "answers", "events", "build"] as const).map((way) => (
            <li class="card">
              <h3>{t(`home.ways.${way}.title`)}</h3>
              <p>{t(`home.ways.${way}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
