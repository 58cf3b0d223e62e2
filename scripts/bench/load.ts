// A small closed-loop load generator: `concurrency` clients each send their
// next request as soon as the previous one answers, for `total` requests.
export type LoadResult = { total: number; ok: number; errors: Record<string, number>; seconds: number; rps: number; p50: number; p99: number; max: number };

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
    total: opts.total, ok, errors, seconds, rps: opts.total / seconds,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? 0,
  };
}

export function fmt(r: LoadResult) {
  const errs = Object.keys(r.errors).length ? `  errors ${JSON.stringify(r.errors)}` : "";
  return `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.ok}/${r.total} ok in ${r.seconds.toFixed(1)} s)${errs}`;
}
