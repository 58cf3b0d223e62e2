/**
 * Coalesce concurrent calls into batches (adaptive micro-batching).
 *
 * Each `run(input)` is answered with its own result or its own error, but the
 * work is done by `exec` over many inputs at once: one database statement for
 * fifty job claims instead of fifty. Batches are sized by the load itself:
 * while fewer than `maxInFlight` batches run, a call waits only for the calls
 * made in the same turn of the event loop (or `windowMs`); while they are all
 * busy, new calls gather and go together as soon as one finishes. A quiet
 * system therefore adds no latency, and a busy one makes bigger batches.
 */
import { logContext, withLogContext, type LogContext } from "./logger";

export type BatchResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

export type CoalesceOptions = {
  /** At most this many inputs per exec call. */
  maxBatch: number;
  /** Batches running at once; callers beyond that wait and join the next batch. */
  maxInFlight?: number;
  /** Extra time to wait for company before a batch starts (0: only the same event-loop turn). */
  windowMs?: number;
};

export type Coalesced<I, O> = ((input: I) => Promise<O>) & { pending(): number };

/**
 * `exec` returns one result per input, in order. If it throws, every caller of
 * that batch gets the error.
 */
export function coalesce<I, O>(exec: (inputs: I[]) => Promise<BatchResult<O>[]>, opts: CoalesceOptions): Coalesced<I, O> {
  const maxInFlight = Math.max(1, opts.maxInFlight ?? 1);
  const maxBatch = Math.max(1, opts.maxBatch);
  type Waiter = { input: I; resolve: (o: O) => void; reject: (e: unknown) => void; ctx: LogContext | undefined };
  let queue: Waiter[] = [];
  let inFlight = 0;
  let scheduled = false;

  const start = () => {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        if (queue.length > 0) schedule();
      });
    }
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (opts.windowMs && opts.windowMs > 0) setTimeout(start, opts.windowMs);
    else setImmediate(start);
  };

  async function runBatch(batch: Waiter[]) {
    let results: BatchResult<O>[];
    try {
      results = await withLogContext(batchContext(batch), () => exec(batch.map((w) => w.input)));
      if (results.length !== batch.length) throw new Error(`coalesce: ${results.length} results for ${batch.length} inputs`);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i]!;
      if (r.ok) w.resolve(r.value);
      else w.reject(r.error);
    });
  }

  const run = ((input: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject, ctx: logContext() });
      if (queue.length >= maxBatch && inFlight < maxInFlight) start();
      else schedule();
    })) as Coalesced<I, O>;
  run.pending = () => queue.length;
  return run;
}

/**
 * The log context a batch runs in: its callers' request when they share one, else the list of
 * their requests (lines name them all; jobs enqueued by the batch are then nobody's), never
 * the context of whichever caller happened to start it.
 */
function batchContext(batch: { ctx: LogContext | undefined }[]): LogContext {
  const ids = new Set<string>();
  for (const w of batch) {
    if (w.ctx?.requestId) ids.add(w.ctx.requestId);
    else for (const id of w.ctx?.requestIds ?? []) ids.add(id);
  }
  if (ids.size === 0) return {};
  if (ids.size === 1 && batch.every((w) => w.ctx?.requestId)) return { requestId: [...ids][0] };
  return { requestIds: [...ids].slice(0, 50) };
}

/** Run `fn` for each input and report each outcome (the per-input fallback of a batch). */
export async function eachSettled<I, O>(inputs: I[], fn: (input: I) => Promise<O>): Promise<BatchResult<O>[]> {
  const settled = await Promise.allSettled(inputs.map(fn));
  return settled.map((s) => (s.status === "fulfilled" ? { ok: true, value: s.value } : { ok: false, error: s.reason as unknown }));
}
