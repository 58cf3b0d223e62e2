/**
 * The delivery machinery shared by the simulators' webhook senders; what is
 * supplier-specific (ids, body, signing headers, retry count and backoff
 * curve) stays in each sender. It keeps every pending delivery on a timer so
 * that tests can await idle(), reset can drop them and close can stop them.
 */
/** The knobs the queue applies; every simulator's knobs include them. */
type QueueKnobs = { paceMs: number; outOfOrder: boolean; duplicateRate: number };

export type WebhookQueueOptions<Knobs extends QueueKnobs = QueueKnobs> = {
  knobs: () => Knobs;
  random: () => number;
  /** Upper bound of the random delay under outOfOrder (default 3 × paceMs, at least 300 ms). */
  outOfOrderWindowMs?: number;
};

/** The options every sender takes; each adds its signing key and supplies its knobs and delivery record. */
export type WebhookSenderBaseOptions<Knobs extends QueueKnobs, Delivery> = WebhookQueueOptions<Knobs> & {
  /** Where to POST; null while no webhook URL is configured (nothing is sent). */
  url: () => string | null;
  /** Told about every attempt (state.webhooks, the server's log). */
  record: (d: Delivery) => void;
  fetchImpl?: typeof fetch;
  /** Retries after the first attempt. */
  retries?: number;
  backoffMs?: number;
  timeoutMs?: number;
};

export function createWebhookQueue(opts: WebhookQueueOptions) {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let inFlight = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];

  function settleIfIdle() {
    if (timers.size > 0 || inFlight > 0) return;
    const w = waiters;
    waiters = [];
    w.forEach((fn) => fn());
  }

  /** Runs fn after ms; an attempt counts as in flight until its promise settles. */
  function later(ms: number, fn: () => Promise<void>) {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      inFlight++;
      void fn().finally(() => {
        inFlight--;
        settleIfIdle();
      });
    }, ms);
    timers.add(t);
  }

  return {
    later,
    get stopped() {
      return stopped;
    },
    /**
     * Queues the first attempt of a new message, applying the outOfOrder knob
     * (a random delay) and duplicateRate (a second copy 20 ms behind).
     */
    dispatch(firstAttempt: (duplicate: boolean) => Promise<void>) {
      const k = opts.knobs();
      const window = opts.outOfOrderWindowMs ?? Math.max(k.paceMs * 3, 300);
      const delay = k.outOfOrder ? Math.floor(opts.random() * window) : 0;
      later(delay, () => firstAttempt(false));
      if (opts.random() < k.duplicateRate) later(delay + 20, () => firstAttempt(true));
    },
    /** Resolves once nothing is scheduled or in flight (tests await this). */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
    /** Drops everything scheduled (reset); deliveries in flight finish. */
    clear() {
      timers.forEach(clearTimeout);
      timers.clear();
      settleIfIdle();
    },
    stop() {
      stopped = true;
      this.clear();
    },
  };
}

/** One POST of a webhook; any answer but a 2xx (or no answer) is a failure to retry. */
export async function postWebhook(
  fetchImpl: typeof fetch,
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<{ httpStatus: number | null; ok: boolean; error?: string }> {
  let httpStatus: number | null = null;
  let error: string | undefined;
  try {
    const res = await fetchImpl(url, { method: "POST", headers: init.headers, body: init.body, signal: AbortSignal.timeout(init.timeoutMs) });
    httpStatus = res.status;
    // Drain the body so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  return { httpStatus, ok, error };
}
