/**
 * A GPX route drawn as an inline SVG polyline: no map tiles, no script, only numbers computed on the
 * server (the route's name is shown beside it as escaped text, never inside the drawing).
 */
import { usePage } from "../../../../platform/web/page-context.ts";
import { drawRoute, type LatLon } from "../rules/gpx.ts";

export function RouteMap(props: { points: LatLon[]; name: string | null; meters: number | null; size?: number }) {
  const { t, formatNumber } = usePage();
  if (props.points.length < 2) return null;
  const drawing = drawRoute(props.points, props.size ?? 600);
  const km = formatNumber((props.meters ?? 0) / 1000, { maximumFractionDigits: 1 });
  const label = props.name ? t("community.creations.routeNamed", { name: props.name, km }) : t("community.creations.route", { km });
  return (
    <figure class="route-map">
      <svg class="route-map__svg" viewBox={`0 0 ${drawing.width} ${drawing.height}`} width={drawing.width} height={drawing.height} role="img" aria-label={label}>
        <polyline class="route-map__line" points={drawing.polyline} fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" />
        <circle class="route-map__start" cx={drawing.start[0]} cy={drawing.start[1]} r="6" />
        <circle class="route-map__end" cx={drawing.end[0]} cy={drawing.end[1]} r="6" />
      </svg>
      <figcaption dir="auto">{label}</figcaption>
    </figure>
  );
}
