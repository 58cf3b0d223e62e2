import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * This process's own figures (per instance: Prometheus scrapes each instance and sums them):
 * HTTP requests by method, route template and status with their latency, and prom-client's
 * default process metrics (CPU, memory, event-loop lag, GC). The fleet-wide business figures
 * are read from Postgres and Redis at scrape time (lib/ops/collect-metrics.ts).
 */
type HttpMetrics = { registry: Registry; requests: Counter<"method" | "route" | "status">; duration: Histogram<"method" | "route" | "status"> };

// One set per process, even if a bundler loads this module more than once (Next's route bundles).
const KEY = Symbol.for("portal.httpMetrics");
const g = globalThis as unknown as { [KEY]?: HttpMetrics };

function create(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges named like counters (promtool: non-counter metrics should not have "_total" suffix);
  // the same figures remain by type in nodejs_active_handles, nodejs_active_requests and nodejs_active_resources.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  const labelNames = ["method", "route", "status"] as const;
  return {
    registry,
    requests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered by this instance, by method, route template and status",
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from a request's arrival to its answer's headers, by method, route template and status (this instance)",
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export function httpMetrics(): HttpMetrics {
  return (g[KEY] ??= create());
}

/** One answered request (a counter increment and a histogram observation: well under a microsecond each). */
export function observeHttp(method: string, route: string, status: number, seconds: number) {
  const m = httpMetrics();
  const labels = { method, route, status: String(status) };
  m.requests.inc(labels);
  m.duration.observe(labels, seconds);
}
