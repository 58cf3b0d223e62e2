import "server-only";
import { randomUUID } from "node:crypto";
import { PHONEX_HEADERS, signPhoneX } from "../signature";
import type { PhoneXSimulatorKnobs } from "./knobs";

/**
 * Delivers the simulator's signed webhooks (contracts.md §3) the way a real
 * sender does: a fresh timestamp and signature per attempt, the same event id
 * on every retry, retries with exponential backoff on any non-2xx or network
 * error. The duplicateRate and outOfOrder knobs are applied here.
 */
export type WebhookDelivery = {
  eventId: string;
  event: string;
  orderId: string | null;
  attempt: number;
  /** True for the deliberate second copy of a duplicateRate delivery. */
  duplicate: boolean;
  httpStatus: number | null;
  ok: boolean;
  error?: string;
  at: string;
};

export type WebhookSenderOptions = {
  url: () => string | null;
  secret: () => string;
  knobs: () => PhoneXSimulatorKnobs;
  random: () => number;
  record: (d: WebhookDelivery) => void;
  fetchImpl?: typeof fetch;
  /** Retries after the first attempt. */
  retries?: number;
  backoffMs?: number;
  /** Upper bound of the random delay under outOfOrder (default 3 × paceMs, at least 300 ms). */
  outOfOrderWindowMs?: number;
  timeoutMs?: number;
};

export function createWebhookSender(opts: WebhookSenderOptions) {
  const retries = opts.retries ?? 4;
  const backoffMs = opts.backoffMs ?? 250;
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

  async function attempt(eventId: string, event: string, orderId: string | null, raw: string, n: number, duplicate: boolean) {
    const url = opts.url();
    if (!url || stopped) return;
    const timestamp = Math.floor(Date.now() / 1000);
    let httpStatus: number | null = null;
    let error: string | undefined;
    try {
      const res = await (opts.fetchImpl ?? fetch)(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "PhoneX-Simulator/1",
          [PHONEX_HEADERS.eventId]: eventId,
          [PHONEX_HEADERS.timestamp]: String(timestamp),
          [PHONEX_HEADERS.signature]: signPhoneX(opts.secret(), timestamp, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
      httpStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    opts.record({ eventId, event, orderId, attempt: n, duplicate, httpStatus, ok, error, at: new Date().toISOString() });
    if (!ok && n <= retries) {
      later(backoffMs * 2 ** (n - 1), () => attempt(eventId, event, orderId, raw, n + 1, duplicate));
    }
  }

  return {
    /** Queue one event; returns its event id. */
    send(body: { event: string; order_id?: string }): string {
      const eventId = `evt_${randomUUID().replace(/-/g, "")}`;
      const raw = JSON.stringify(body);
      const k = opts.knobs();
      const window = opts.outOfOrderWindowMs ?? Math.max(k.paceMs * 3, 300);
      const delay = k.outOfOrder ? Math.floor(opts.random() * window) : 0;
      const orderId = body.order_id ?? null;
      later(delay, () => attempt(eventId, body.event, orderId, raw, 1, false));
      if (opts.random() < k.duplicateRate) {
        later(delay + 20, () => attempt(eventId, body.event, orderId, raw, 1, true));
      }
      return eventId;
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

export type WebhookSender = ReturnType<typeof createWebhookSender>;
