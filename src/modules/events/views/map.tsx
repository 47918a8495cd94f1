/**
 * A map of upcoming events by city without tiles or script: cities placed by their coordinates in an
 * equirectangular projection of the region they span, each a dot sized by its number of events and
 * a link to that city's list. Only numbers and escaped names go into the drawing.
 */
import { usePage } from "../../../platform/web/page-context.ts";

export interface CityDot {
  city: string;
  latitude: number;
  longitude: number;
  events: number;
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = 24;

/** Where each city goes: the box around the cities (at least 20° wide) scaled to the drawing. */
export function project(dots: readonly CityDot[]): Array<CityDot & { x: number; y: number }> {
  if (dots.length === 0) return [];
  const lons = dots.map((dot) => dot.longitude);
  const lats = dots.map((dot) => dot.latitude);
  const centreLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const centreLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const span = Math.max(20, Math.max(...lons) - Math.min(...lons), (Math.max(...lats) - Math.min(...lats)) * 2);
  const scale = (WIDTH - 2 * MARGIN) / span;
  return dots.map((dot) => ({ ...dot, x: WIDTH / 2 + (dot.longitude - centreLon) * scale, y: HEIGHT / 2 - (dot.latitude - centreLat) * scale }));
}

export function EventsMap(props: { dots: readonly CityDot[] }) {
  const { t, formatNumber } = usePage();
  const placed = project(props.dots);
  if (placed.length === 0) return null;
  return (
    <figure class="events-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="events-map-title" xmlns="http://www.w3.org/2000/svg">
        <title id="events-map-title">{t("events.list.mapTitle")}</title>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} class="events-map__sea" rx="8" />
        {placed.map((dot) => (
          <a href={`/events?city=${encodeURIComponent(dot.city)}`}>
            <circle cx={dot.x.toFixed(1)} cy={dot.y.toFixed(1)} r={(5 + Math.sqrt(dot.events) * 3).toFixed(1)} class="events-map__dot">
              <title>{t("events.list.mapDot", { city: dot.city, count: dot.events })}</title>
            </circle>
            <text x={(dot.x + 10).toFixed(1)} y={(dot.y + 4).toFixed(1)} class="events-map__label" text-anchor="start">
              {dot.city} ({formatNumber(dot.events)})
            </text>
          </a>
        ))}
      </svg>
    </figure>
  );
}
