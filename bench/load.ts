/** One load test with autocannon: a short warm-up, then the measured run, summarised. */
import autocannon from "autocannon";

export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Scenario {
  /** The path requested (for the report). */
  path: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /** The status a successful response has. */
  expectStatus: number;
  /**
   * Warm up first (default true). Off for slow requests: a warm-up's unanswered requests would
   * still occupy the server when the measured run starts.
   */
  warmup?: boolean;
  /**
   * Warm up with this many requests instead of for the warm-up seconds: enough for a scenario that
   * rotates through many members to reach each once (their first request is a cold look-up).
   */
  warmupRequests?: number;
  /** Builds each request (varying headers or body per request). */
  setupRequest?: (request: autocannon.Request, context: object) => autocannon.Request;
  /** Sees each response, with the context its setupRequest filled in. */
  onResponse?: (status: number, body: string, context: object) => void;
}

export interface LoadResult {
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses with another status than expected, plus connection errors and timeouts. */
  unexpected: number;
  statusCodes: Record<string, number>;
}

function fire(baseUrl: string, scenario: Scenario, connections: number, length: { seconds: number } | { requests: number }): Promise<autocannon.Result> {
  return autocannon({
    url: baseUrl + scenario.path,
    connections,
    ...("seconds" in length ? { duration: length.seconds } : { amount: length.requests }),
    method: scenario.method ?? "GET",
    headers: scenario.headers ?? {},
    requests: scenario.setupRequest ? [{ setupRequest: scenario.setupRequest, onResponse: scenario.onResponse }] : undefined,
  });
}

/** Runs the scenario against a server and reports requests per second and latency. */
export async function measure(baseUrl: string, scenario: Scenario, settings: LoadSettings): Promise<LoadResult> {
  if (scenario.warmupRequests !== undefined) await fire(baseUrl, scenario, settings.connections, { requests: scenario.warmupRequests });
  else if (settings.warmupSeconds > 0 && scenario.warmup !== false) await fire(baseUrl, scenario, settings.connections, { seconds: settings.warmupSeconds });
  const result = await fire(baseUrl, scenario, settings.connections, { seconds: settings.seconds });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]));
  const expected = statusCodes[String(scenario.expectStatus)] ?? 0;
  const answered = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  return {
    path: scenario.path,
    reqPerSec: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    unexpected: answered - expected + result.errors,
    statusCodes,
  };
}

/** A run of Hearth with the baseline measured just before and just after it. */
export interface PairedResult extends LoadResult {
  /** The baseline's rate just before and just after, and their mean. */
  baseline: { before: number; after: number; mean: number };
  ratioToBaseline: number;
}

/** Measures one Hearth scenario against the baseline server. */
export type MeasureAgainstBaseline = (baseUrl: string, scenario: Scenario) => Promise<PairedResult>;

/**
 * Each Hearth run between two runs of the baseline, its ratio taken to their mean: on a machine whose
 * speed drifts from one minute to the next, a baseline measured minutes away says little about this run.
 */
export function againstBaseline(baselineUrl: string, baseline: Scenario, settings: LoadSettings): MeasureAgainstBaseline {
  return async (baseUrl, scenario) => {
    const before = await measure(baselineUrl, baseline, settings);
    const result = await measure(baseUrl, scenario, settings);
    const after = await measure(baselineUrl, baseline, settings);
    const mean = Math.round((before.reqPerSec + after.reqPerSec) / 2);
    return { ...result, baseline: { before: before.reqPerSec, after: after.reqPerSec, mean }, ratioToBaseline: Number((result.reqPerSec / mean).toPrecision(3)) };
  };
}
