/** Prometheus metrics: request counts and durations by route, plus Node's process metrics. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "hearth_" });

const requests = new Counter({ name: "hearth_http_requests_total", help: "HTTP requests answered", labelNames: ["method", "route", "status"], registers: [registry] });
const durations = new Histogram({
  name: "hearth_http_request_duration_seconds",
  help: "HTTP request duration",
  labelNames: ["method", "route"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

/** Records an answered request under its route pattern (not its URL, which would explode the label set). */
export function observeRequest(request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions.url ?? "unmatched";
  requests.inc({ method: request.method, route, status: String(reply.statusCode) });
  durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
}
