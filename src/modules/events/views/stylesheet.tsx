/** The events stylesheet, after the design system's. */
export const STYLESHEET_PATH = "/events-assets/events.css";

export function EventsStylesheet() {
  return <link rel="stylesheet" href={STYLESHEET_PATH} />;
}
