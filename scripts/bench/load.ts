// The load generator the bench's client process runs (scripts/bench/load-client.ts): node:http
// with a keep-alive Agent, no fetch. A request is a few pre-serialized bytes and one callback, so
// the client spends a small fraction of the CPU the server spends on the emptiest route (the bench
// prints both). Closed loop (runLoad) and open loop (runAtRate).
import http from "node:http";

export type LoadResult = {
  total: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** TCP connections the client opened (keep-alive: about one per concurrent client). */
  connections?: number;
};

/** The figures of one finished run (latencies in ms, in any order). */
export function summarize(r: { total: number; ok: number; errors: Record<string, number>; latencies: number[]; started: number }): LoadResult {
  const seconds = (performance.now() - r.started) / 1000;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return {
    total: r.total,
    ok: r.ok,
    errors: r.errors,
    seconds,
    rps: r.total / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type HttpRequest = { method: "GET" | "POST"; path: string; headers: http.OutgoingHttpHeaders; body?: Buffer; keepBody?: boolean };
export type HttpAnswer = { status: number; body: string | null };
/** null: the answer is what the phase expects; otherwise what to count it as. */
export type Check = (a: HttpAnswer) => string | null;

/** One keep-alive connection pool to `base`; `close` drops its sockets (each phase gets its own). */
export function httpClient(base: string, maxSockets: number) {
  const u = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: Math.max(maxSockets, 256) });
  let opened = 0;
  const send = (r: HttpRequest) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const headers = r.body ? { ...r.headers, "content-length": r.body.length } : r.headers;
      const req = http.request({ host: u.hostname, port: u.port, method: r.method, path: r.path, headers, agent }, (res) => {
        const chunks: Buffer[] | null = r.keepBody ? [] : null;
        res.on("data", (c: Buffer) => chunks?.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: chunks ? Buffer.concat(chunks).toString("utf8") : null }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.once("socket", () => {
        if (!req.reusedSocket) opened++;
      });
      req.end(r.body);
    });
  return { send, opened: () => opened, close: () => agent.destroy() };
}

type Send = (r: HttpRequest) => Promise<HttpAnswer>;

function collector(total: number) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const started = performance.now();
  return {
    async one(send: Send, r: HttpRequest, check: Check) {
      const t = performance.now();
      try {
        const a = await send(r);
        latencies.push(performance.now() - t);
        const bad = check(a);
        if (bad === null) ok++;
        else errors[bad] = (errors[bad] ?? 0) + 1;
      } catch (err) {
        const k = (err as Error).message;
        errors[k] = (errors[k] ?? 0) + 1;
      }
    },
    result: (): LoadResult => summarize({ total, ok, errors, latencies, started }),
  };
}

/** Closed loop: `concurrency` clients each send their next request as soon as the previous one answers, `total` in all. */
export async function runLoad(opts: { send: Send; total: number; concurrency: number; request: (i: number) => HttpRequest; check: Check }) {
  const c = collector(opts.total);
  let next = 0;
  const client = async () => {
    for (let i = next++; i < opts.total; i = next++) await c.one(opts.send, opts.request(i), opts.check);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.total) }, client));
  return c.result();
}

/**
 * Open loop: `total` requests started at a steady `rate` per second whatever the answers take
 * (as suppliers send webhooks), so latency is the server's, not a queue a closed loop builds.
 */
export async function runAtRate(opts: { send: Send; total: number; rate: number; request: (i: number) => HttpRequest; check: Check }) {
  const c = collector(opts.total);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < opts.total; i++) {
    const wait = started + (i * 1000) / opts.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(c.one(opts.send, opts.request(i), opts.check));
  }
  await Promise.all(inFlight);
  return c.result();
}
