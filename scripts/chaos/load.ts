// Places the run's orders through the real API at a steady rate (open loop: an
// order is sent on time whatever happened to the ones before), each with its
// own Idempotency-Key. A 5xx, 409, 429 or no answer is retried with the same
// key, as a careful API client does; every answer is counted.
import { sleep } from "./services";

export type PlacedOrder = { index: number; key: string; reference: string; id: string; number: string | null; attempts: number; replayed: boolean };
export type GaveUp = { index: number; key: string; reference: string; attempts: number; last: string };

export type LoadResult = {
  sent: number;
  /** Every answer of every attempt, by status code ("timeout" / "network" when there was none). */
  answers: Record<string, number>;
  calls: number;
  placed: PlacedOrder[];
  gaveUp: GaveUp[];
  /** 201s that carried Idempotent-Replayed. */
  replays: number;
  latenciesMs: number[];
  seconds: number;
  /** Every call: when it was sent and answered (ms from the start of the run), to tell calls during an outage apart. */
  timeline: { from: number; to: number; status: string }[];
};

const RETRYABLE = (status: number) => status >= 500 || status === 409 || status === 429 || status === 408;

export async function placeOrders(opts: {
  baseUrl: string;
  apiKey: string;
  count: number;
  rate: number;
  retries: number;
  requestTimeoutMs: number;
  runId: string;
  skus: string[];
  random: () => number;
  signal: AbortSignal;
  t0: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<LoadResult> {
  const result: LoadResult = {
    sent: 0,
    answers: {},
    calls: 0,
    placed: [],
    gaveUp: [],
    replays: 0,
    latenciesMs: [],
    seconds: 0,
    timeline: [],
  };
  const count = (k: string, sentAt: number) => {
    result.answers[k] = (result.answers[k] ?? 0) + 1;
    result.timeline.push({ from: sentAt - opts.t0, to: Date.now() - opts.t0, status: k });
  };
  const started = Date.now();
  let finished = 0;

  // Bodies drawn up front, so a seed gives the same order mix whatever the timing.
  const bodies = Array.from({ length: opts.count }, (_, i) => {
    const lines = 1 + Math.floor(opts.random() * 2);
    const pool = [...opts.skus];
    const skus = Array.from({ length: Math.min(lines, pool.length) }, () => pool.splice(Math.floor(opts.random() * pool.length), 1)[0]!);
    return {
      items: skus.map((sku) => ({ sku, quantity: 1 + Math.floor(opts.random() * 3) })),
      shippingAddress: {
        name: "Chaos Receiving",
        company: "Chaos Mobile",
        line1: "1200 Commerce Blvd",
        line2: `Dock ${1 + (i % 9)}`,
        city: "Miami",
        region: "FL",
        postalCode: "33166",
        country: "US",
        phone: "+13055550100",
      },
      reference: `CHAOS-${opts.runId}-${i}`,
    };
  });

  async function one(index: number) {
    const key = `chaos-${opts.runId}-${index}`;
    const body = JSON.stringify(bodies[index]);
    const reference = bodies[index]!.reference;
    let last = "";
    for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
      if (opts.signal.aborted) break;
      const t = performance.now();
      const sentAt = Date.now();
      result.calls++;
      try {
        const res = await fetch(`${opts.baseUrl}/api/orders`, {
          method: "POST",
          headers: { authorization: `Bearer ${opts.apiKey}`, "content-type": "application/json", "idempotency-key": key },
          body,
          signal: AbortSignal.any([opts.signal, AbortSignal.timeout(opts.requestTimeoutMs)]),
        });
        const text = await res.text();
        result.latenciesMs.push(performance.now() - t);
        count(String(res.status), sentAt);
        last = String(res.status);
        if (res.status === 201 || res.status === 200) {
          const parsed = JSON.parse(text) as { id?: string; number?: string };
          const replayed = res.headers.get("idempotent-replayed") === "true";
          if (replayed) result.replays++;
          result.placed.push({ index, key, reference, id: parsed.id ?? "", number: parsed.number ?? null, attempts: attempt, replayed });
          return;
        }
        if (!RETRYABLE(res.status)) break;
      } catch (err) {
        if (opts.signal.aborted) break;
        const name = (err as Error).name;
        last = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
        count(last, sentAt);
      }
      if (attempt <= opts.retries) await sleep(Math.min(4000, 500 * 2 ** (attempt - 1)));
    }
    result.gaveUp.push({ index, key, reference, attempts: opts.retries + 1, last });
  }

  const inFlight: Promise<void>[] = [];
  const interval = 1000 / opts.rate;
  for (let i = 0; i < opts.count; i++) {
    if (opts.signal.aborted) break;
    const due = started + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    result.sent++;
    inFlight.push(
      one(i).finally(() => {
        finished++;
        opts.onProgress?.(finished, opts.count);
      }),
    );
  }
  await Promise.all(inFlight);
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
