// A small closed-loop load generator: `concurrency` clients each send their
// next request as soon as the previous one answers, for `total` requests.
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
};

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(opts: {
  total: number;
  concurrency: number;
  request: (i: number) => Promise<Response>;
  okStatus: (status: number) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  async function client() {
    for (;;) {
      const i = next++;
      if (i >= opts.total) return;
      const t = performance.now();
      try {
        const res = await opts.request(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (opts.okStatus(res.status)) ok++;
        else errors[String(res.status)] = (errors[String(res.status)] ?? 0) + 1;
      } catch (err) {
        errors[(err as Error).message] = (errors[(err as Error).message] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    total: opts.total,
    ok,
    errors,
    seconds,
    rps: opts.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/**
 * Open loop: `total` requests started at a steady `rate` per second whatever
 * the answers take (as suppliers send webhooks), so latency is the server's,
 * not the queue a closed loop builds in front of it.
 */
export async function runAtRate(opts: {
  total: number;
  rate: number;
  request: (i: number) => Promise<Response>;
  okStatus: (status: number) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < opts.total; i++) {
    const due = started + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    inFlight.push(
      opts.request(i).then(
        async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (opts.okStatus(res.status)) ok++;
          else errors[String(res.status)] = (errors[String(res.status)] ?? 0) + 1;
        },
        (err) => {
          errors[(err as Error).message] = (errors[(err as Error).message] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    total: opts.total,
    ok,
    errors,
    seconds,
    rps: opts.total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

export function fmt(r: LoadResult) {
  const errs = Object.keys(r.errors).length ? `  errors ${JSON.stringify(r.errors)}` : "";
  return `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.ok}/${r.total} ok in ${r.seconds.toFixed(1)} s)${errs}`;
}
