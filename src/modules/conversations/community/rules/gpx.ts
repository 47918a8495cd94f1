/**
 * GPX routes for creations: parsed with fast-xml-parser (no entity expansion, no DTDs), bounded in
 * size and points, simplified with Ramer–Douglas–Peucker, and projected into an SVG polyline. The
 * drawing is made of numbers only; the route's name is text shown elsewhere, escaped like any text.
 */
import { decodeXML } from "entities";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { invalid } from "../../../../platform/errors.ts";

export const GPX_MAX_BYTES = 2 * 1024 * 1024;
export const GPX_MAX_POINTS = 50_000;
/** Points kept for drawing and storage. */
export const ROUTE_MAX_POINTS = 400;
export const ROUTE_NAME_MAX = 120;

/** [latitude, longitude] in degrees. */
export type LatLon = [number, number];

export interface ParsedRoute {
  name: string;
  points: LatLon[];
  /** Length along the original points, in metres. */
  distanceMeters: number;
}

function gpxError(key: string, params: Record<string, number> = {}) {
  return invalid("invalid_gpx", key, { gpx: { key, params } }, params);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  isArray: (name) => ["trk", "trkseg", "trkpt", "rte", "rtept"].includes(name),
});

type Node = Record<string, unknown>;

const asNodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter((item): item is Node => typeof item === "object" && item !== null) : []);
const textOf = (value: unknown): string => (typeof value === "string" ? value : typeof value === "object" && value !== null && typeof (value as Node)["#text"] === "string" ? String((value as Node)["#text"]) : "");

function pointOf(node: Node): LatLon {
  const lat = Number(node["@lat"]);
  const lon = Number(node["@lon"]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw gpxError("community.errors.gpxCoordinates");
  return [lat, lon];
}

/** Reads a GPX document's track (or route) points and name; refuses what is not a usable GPX route with a 400. */
export function parseGpx(source: string | Buffer): ParsedRoute {
  const bytes = typeof source === "string" ? Buffer.byteLength(source) : source.length;
  if (bytes > GPX_MAX_BYTES) throw gpxError("community.errors.gpxTooLarge", { megabytes: GPX_MAX_BYTES / 1024 / 1024 });
  const text = typeof source === "string" ? source : source.toString("utf8");
  // Document type declarations are how entity bombs and external entities get in; GPX never needs one.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw gpxError("community.errors.gpxInvalid");
  if (XMLValidator.validate(text) !== true) throw gpxError("community.errors.gpxInvalid");
  const document = parser.parse(text) as Node;
  const gpx = document.gpx;
  if (typeof gpx !== "object" || gpx === null) throw gpxError("community.errors.gpxInvalid");
  const root = gpx as Node;
  const nodes = [
    ...asNodes(root.trk).flatMap((track) => asNodes(track.trkseg).flatMap((segment) => asNodes(segment.trkpt))),
    ...asNodes(root.rte).flatMap((route) => asNodes(route.rtept)),
  ];
  if (nodes.length > GPX_MAX_POINTS) throw gpxError("community.errors.gpxTooManyPoints", { max: GPX_MAX_POINTS });
  if (nodes.length < 2) throw gpxError("community.errors.gpxNoRoute");
  const points = nodes.map(pointOf);
  const metadata = typeof root.metadata === "object" && root.metadata !== null ? (root.metadata as Node) : {};
  const firstTrack = asNodes(root.trk)[0] ?? asNodes(root.rte)[0] ?? {};
  // Entities are left alone by the parser (no expansion at all) and decoded here, in the name only:
  // the five XML ones and character references, which cannot nest or grow.
  const name = decodeXML(textOf(metadata.name) || textOf(firstTrack.name)).replace(/\s+/g, " ").trim().slice(0, ROUTE_NAME_MAX);
  return { name, points, distanceMeters: Math.round(routeLength(points)) };
}

const EARTH_RADIUS_M = 6_371_000;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two points (haversine), in metres. */
export function haversine(a: LatLon, b: LatLon): number {
  const dLat = rad(b[0] - a[0]);
  const dLon = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function routeLength(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i += 1) total += haversine(points[i - 1] as LatLon, points[i] as LatLon);
  return total;
}

/** Squared distance from p to the segment a–b, in a plane (degrees are fine at the scale of a tolerance). */
function segmentDistanceSquared(p: LatLon, a: LatLon, b: LatLon): number {
  const [x, y] = [p[1], p[0]];
  const [x1, y1] = [a[1], a[0]];
  const [dx, dy] = [b[1] - x1, b[0] - y1];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length));
  const [cx, cy] = [x1 + t * dx, y1 + t * dy];
  return (x - cx) ** 2 + (y - cy) ** 2;
}

/** Ramer–Douglas–Peucker with a tolerance in degrees; iterative, so a 50,000-point track cannot overflow the stack. */
export function simplify(points: readonly LatLon[], tolerance: number): LatLon[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  const limit = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = limit;
    for (let i = first + 1; i < last; i += 1) {
      const d = segmentDistanceSquared(points[i] as LatLon, points[first] as LatLon, points[last] as LatLon);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** The route simplified until it has at most `max` points, starting from a tolerance of 1/2000 of its extent. */
export function simplifyTo(points: readonly LatLon[], max = ROUTE_MAX_POINTS): LatLon[] {
  if (points.length <= max) return [...points];
  const lats = points.map((point) => point[0]);
  const lons = points.map((point) => point[1]);
  const extent = Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lons) - Math.min(...lons)) || 1e-6;
  let tolerance = extent / 2000;
  let result = simplify(points, tolerance);
  while (result.length > max) {
    tolerance *= 2;
    result = simplify(points, tolerance);
  }
  return result;
}

export interface RouteDrawing {
  width: number;
  height: number;
  /** The polyline's `points` attribute: "x,y x,y …" with one decimal. */
  polyline: string;
  start: [number, number];
  end: [number, number];
}

/**
 * Projects the route into a box `size` wide (equirectangular, longitudes shrunk by the cosine of the
 * mean latitude, north up), with a margin, keeping its shape. Only numbers come out.
 */
export function drawRoute(points: readonly LatLon[], size = 600, margin = 12): RouteDrawing {
  if (points.length === 0) throw new RangeError("a route needs points");
  const meanLat = points.reduce((sum, point) => sum + point[0], 0) / points.length;
  const shrink = Math.cos(rad(meanLat));
  const xs = points.map((point) => point[1] * shrink);
  const ys = points.map((point) => -point[0]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY) || 1e-9;
  const scale = (size - 2 * margin) / span;
  const width = Math.round((maxX - minX) * scale + 2 * margin);
  const height = Math.round((maxY - minY) * scale + 2 * margin);
  const projected = xs.map((x, index) => [Math.round(((x - minX) * scale + margin) * 10) / 10, Math.round((((ys[index] as number) - minY) * scale + margin) * 10) / 10] as [number, number]);
  return {
    width,
    height,
    polyline: projected.map(([x, y]) => `${x},${y}`).join(" "),
    start: projected[0] as [number, number],
    end: projected[projected.length - 1] as [number, number],
  };
}
